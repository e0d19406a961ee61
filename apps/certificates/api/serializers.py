from rest_framework import serializers

from apps.certificates.models import Certificate
from apps.core.api.serializers import ModelCleanMixin
from apps.organisations.api.serializers import OrganisationSummarySerializer


class CertificateSummarySerializer(serializers.ModelSerializer):
    """The short form of a certificate."""

    class Meta:
        model = Certificate
        fields = ["id", "serial", "status", "issued_on"]
        read_only_fields = fields


class CertificateSerializer(ModelCleanMixin, serializers.ModelSerializer):
    """A certificate as lists show it: read-only, and without its verification code.

    Certificates are issued and revoked through their own actions, never edited or deleted.
    """

    issued_by = OrganisationSummarySerializer(read_only=True)
    revoked_by = serializers.SlugRelatedField(
        slug_field="username",
        read_only=True,
        allow_null=True,
        help_text="The username of who revoked the certificate, or null.",
    )
    supersedes = CertificateSummarySerializer(
        read_only=True, allow_null=True, help_text="The earlier certificate this one corrects."
    )
    superseded_by = CertificateSummarySerializer(
        read_only=True, allow_null=True, help_text="The later certificate correcting this one."
    )

    class Meta:
        model = Certificate
        fields = [
            "id",
            "serial",
            "status",
            "issued_on",
            "issued_by",
            "enrolment",
            "revoked_at",
            "revocation_reason",
            "revoked_by",
            "supersedes",
            "superseded_by",
            "created_at",
            "updated_at",
        ]
        read_only_fields = fields

    def get_fields(self) -> dict[str, serializers.Field]:
        # Imported here, not at the top: the enrolments' serializers show each enrolment's
        # certificate in short, so they import this module.
        from apps.enrolments.api.serializers import EnrolmentSummarySerializer

        fields = super().get_fields()
        fields["enrolment"] = EnrolmentSummarySerializer(
            read_only=True, help_text="The enrolment certified: the holder and the course."
        )
        return fields


class CertificateDetailSerializer(CertificateSerializer):
    """One certificate, with the holder's verification code.

    The code is the holder's secret: it opens the public verification page (which the
    verification URL and the printed certificate carry). The list never shows it, so that an
    export of many certificates does not give away every code at once. The detail shows it to
    whoever may read the certificate (the certificates.view_certificate permission): those
    users need it to give the holder the verification URL, and the page it opens shows less
    than this API already shows them.
    """

    class Meta(CertificateSerializer.Meta):
        fields = [*CertificateSerializer.Meta.fields, "verification_code"]
        read_only_fields = fields
