from collections.abc import Mapping
from typing import Any

from django.utils.translation import gettext_lazy as _
from django_countries.serializers import CountryFieldMixin
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers
from rest_framework.settings import api_settings

from apps.certificates.api.summaries import CertificateSummarySerializer
from apps.certificates.models import Certificate, PdfStatus
from apps.certificates.models.querysets import pdf_status_of
from apps.certificates.services import CORRECTABLE_FIELDS, UNKNOWN_CORRECTION_ERROR, Exclusion
from apps.core.api.fields import PartialDateField, localised_field
from apps.core.api.links import api_url
from apps.core.api.plain_reads import Computed, Related
from apps.core.api.serializers import JSONTypesMixin, ModelCleanMixin, ModelSerializer
from apps.core.dates import clean_date_with_precision
from apps.courses.api.summaries import CourseSummarySerializer
from apps.enrolments.api.summaries import EnrolmentSummarySerializer
from apps.enrolments.models import Enrolment
from apps.organisations.api.summaries import OrganisationSummarySerializer
from apps.organisations.models import Organisation
from apps.people.api.summaries import PersonSummarySerializer

# A number no other part of the PDF's address holds, replaced by each certificate's id.
PK_PLACEHOLDER = 918273645546372819

DATE_WITHOUT_PRECISION_ERROR = _("Correct a date and its precision together: give both.")
DRY_RUN_CONFLICT_ERROR = _(
    "dry_run differs between the query string and the body: give it once, or the same in both."
)


class CertificateSerializer(JSONTypesMixin, ModelCleanMixin, CountryFieldMixin, ModelSerializer):
    """A certificate as lists show it: read-only, and without its verification code.

    Certificates are issued, revoked and superseded through their own actions, never edited or
    deleted. What a certificate attests (holder, course, dates, place, programme, issuer) is
    its own copy, frozen at issue: editing the person or the course never changes it.
    """

    enrolment = EnrolmentSummarySerializer(
        read_only=True, help_text="The enrolment certified: the holder and the course."
    )
    issued_by = OrganisationSummarySerializer(read_only=True)
    course_title = localised_field()
    course_start = PartialDateField(
        date_field="course_start_date", precision_field="course_start_precision"
    )
    course_end = PartialDateField(
        date_field="course_end_date", precision_field="course_end_precision"
    )
    programme_title = localised_field()
    issuer_name = localised_field()
    languages = serializers.ListField(
        child=serializers.CharField(),
        read_only=True,
        help_text="The languages the certificate is printed in (ISO 639-1 codes).",
    )
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
    pdf_status = serializers.ChoiceField(
        choices=PdfStatus.choices,
        read_only=True,
        help_text=(
            "stored: the PDF is stored, for good. pending: it is being rendered after issue (by "
            "a worker, when the installation has them). failed: rendering failed, and is tried "
            "again by the store_certificate_pdfs command or the first download."
        ),
    )
    pdf_url = serializers.SerializerMethodField(
        help_text=(
            "Where to download the PDF (authenticated). Served from the stored file; one not "
            "stored yet is rendered on the first download."
        )
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
            "holder_name",
            "holder_family_name",
            "course_title",
            "course_title_en",
            "course_title_fr",
            "course_start",
            "course_start_date",
            "course_start_precision",
            "course_end",
            "course_end_date",
            "course_end_precision",
            "course_city",
            "course_country",
            "programme_title",
            "programme_title_en",
            "programme_title_fr",
            "issuer_name",
            "issuer_name_en",
            "issuer_name_fr",
            "languages",
            "revoked_at",
            "revocation_reason",
            "revoked_by",
            "supersedes",
            "superseded_by",
            "supersession_reason",
            "pdf_sha256",
            "pdf_status",
            "pdf_url",
            "created_at",
            "updated_at",
        ]
        read_only_fields = fields
        plain_reads = {
            # Not joined: see ``certificate_queryset`` in the views.
            "superseded_by": Related(
                CertificateSummarySerializer, Certificate.objects.all(), link="supersedes"
            ),
            "pdf_status": Computed(("pdf", "pdf_failed_at"), pdf_status_of),
            "pdf_url": (),
        }

    @extend_schema_field(OpenApiTypes.URI)
    def get_pdf_url(self, certificate: Certificate) -> str:
        # Reversed once per request, then filled in per row: reversing a URL for each of a
        # page's 100 certificates took a sixth of the page's time.
        template = self.__dict__.get("_pdf_url_template")
        if template is None:
            template = self._pdf_url_template = api_url(
                "certificates-api:certificate-pdf",
                kwargs={"pk": PK_PLACEHOLDER},
                request=self.context.get("request"),
            )
        return template.replace(str(PK_PLACEHOLDER), str(certificate.pk))


class CertificateDetailSerializer(CertificateSerializer):
    """One certificate, with the holder's verification code and verification URL.

    The code is the holder's secret: it opens the public verification page (which the
    verification URL and the printed certificate carry). The list never shows it, so that an
    export of many certificates does not give away every code at once. The detail shows it to
    whoever may read the certificate (the certificates.view_certificate permission): those
    users need it to give the holder the verification URL, and the page it opens shows less
    than this API already shows them.
    """

    verification_url = serializers.SerializerMethodField(
        help_text="The public verification page, as the certificate's QR code encodes it."
    )

    class Meta(CertificateSerializer.Meta):
        fields = [*CertificateSerializer.Meta.fields, "verification_code", "verification_url"]
        read_only_fields = fields

    @extend_schema_field(OpenApiTypes.URI)
    def get_verification_url(self, certificate: Certificate) -> str:
        return certificate.verification_url()


class IssueCertificatesSerializer(JSONTypesMixin, serializers.Serializer):
    """What to issue: a dry run previews; otherwise the certificates are issued."""

    dry_run = serializers.BooleanField(
        default=False,
        help_text="true: only list who would receive a certificate and who would not, and why.",
    )
    issued_by = serializers.PrimaryKeyRelatedField(
        queryset=Organisation.objects.all(),
        required=False,
        allow_null=True,
        help_text=(
            "The issuing organisation's id (it needs a serial prefix). By default the course's "
            "delivering organisation, or the nearest organisation above it with a prefix."
        ),
    )

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        # The view reads ?dry_run= too: a dry run asked for anywhere is one, never ignored.
        query_dry_run = self.context.get("query_dry_run")
        if query_dry_run is None:
            return attrs
        if "dry_run" in self.initial_data and attrs["dry_run"] != query_dry_run:
            raise serializers.ValidationError(
                {"dry_run": [DRY_RUN_CONFLICT_ERROR]}, code="dry_run_conflict"
            )
        return {**attrs, "dry_run": query_dry_run}


class IssuingEnrolmentSerializer(ModelSerializer):
    """An enrolment as issuing lists it: who, and how far they came."""

    person = PersonSummarySerializer(read_only=True)

    class Meta:
        model = Enrolment
        fields = ["id", "person", "status"]
        read_only_fields = fields


class ExcludedEnrolmentSerializer(serializers.Serializer):
    """An enrolment that receives no certificate, and why."""

    enrolment = IssuingEnrolmentSerializer(read_only=True)
    reason = serializers.ChoiceField(
        choices=list(Exclusion.MESSAGES),
        read_only=True,
        help_text="Why, as a code: not_completed, withdrawn or already_certified.",
    )
    message = serializers.CharField(read_only=True, help_text="Why, for a reader.")


class IssueCertificatesResultSerializer(serializers.Serializer):
    """What issuing a course's certificates did or, in a dry run, would do."""

    dry_run = serializers.BooleanField(read_only=True)
    course = CourseSummarySerializer(read_only=True)
    issued_by = OrganisationSummarySerializer(
        read_only=True, help_text="The organisation whose serials the certificates carry."
    )
    eligible = IssuingEnrolmentSerializer(
        many=True,
        read_only=True,
        help_text="The completed enrolments without a certificate: who receives one.",
    )
    excluded = ExcludedEnrolmentSerializer(
        many=True, read_only=True, help_text="Everybody else on the course, with the reason."
    )
    undated = IssuingEnrolmentSerializer(
        many=True,
        read_only=True,
        help_text=(
            "Those of eligible whose completion date is not recorded: they receive a "
            "certificate all the same; a note for the registrar."
        ),
    )
    issued = CertificateSerializer(
        many=True,
        read_only=True,
        help_text=(
            "The certificates issued, with their serials; empty in a dry run. Their PDFs may "
            "still be pending (rendered by workers): issuing_job_url counts them."
        ),
    )
    issuing_job_url = serializers.SerializerMethodField(
        help_text="Where to follow the rendering of the course's PDFs: the course's issuing job."
    )

    @extend_schema_field(OpenApiTypes.URI)
    def get_issuing_job_url(self, result: Mapping[str, Any]) -> str:
        return api_url(
            "certificates-api:course-issuing-job",
            kwargs={"pk": result["course"].pk},
            request=self.context.get("request"),
        )


class IssuingJobSerializer(serializers.Serializer):
    """A course's issuing job: its certificates, and where their PDFs are.

    Issuing writes the certificates at once; their PDFs are rendered after it, by workers
    when the installation has them. Poll this until finished is true.
    """

    course = CourseSummarySerializer(read_only=True)
    issued = serializers.IntegerField(
        read_only=True,
        help_text="Certificates issued for the course, superseded ones included: each has a PDF.",
    )
    stored = serializers.IntegerField(
        read_only=True, help_text="Those whose PDF is stored (pdf_status stored)."
    )
    pending = serializers.IntegerField(
        read_only=True, help_text="Those whose PDF is being rendered (pdf_status pending)."
    )
    failed = serializers.IntegerField(
        read_only=True,
        help_text=(
            "Those whose rendering failed (pdf_status failed): rendered again by the "
            "store_certificate_pdfs command or on their first download."
        ),
    )
    finished = serializers.BooleanField(
        read_only=True, help_text="Nothing is pending: every PDF is stored, or failed."
    )


class CertificateRevokeSerializer(JSONTypesMixin, serializers.Serializer):
    reason = serializers.CharField(
        help_text="Why the certificate is revoked; kept with who revoked it and when."
    )


class CertificateCorrectionsSerializer(JSONTypesMixin, CountryFieldMixin, ModelSerializer):
    """What a correction changes on the new certificate; all else is copied from the records.

    A date is corrected together with its precision.
    """

    refuses_unknown_fields = True  # the schema says so (apps.core.api.schema)

    class Meta:
        model = Certificate
        fields = sorted(CORRECTABLE_FIELDS)
        extra_kwargs = {name: {"required": False} for name in CORRECTABLE_FIELDS}

    def to_internal_value(self, data: Any) -> dict[str, Any]:
        if isinstance(data, Mapping):
            unknown = sorted(set(data) - set(self.fields))
            if unknown:
                message = UNKNOWN_CORRECTION_ERROR.format(fields=", ".join(unknown))
                raise serializers.ValidationError(
                    {api_settings.NON_FIELD_ERRORS_KEY: [message]},
                    code="not_correctable",
                )
        return super().to_internal_value(data)

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        for prefix, is_end in (("course_start", False), ("course_end", True)):
            date_name, precision_name = f"{prefix}_date", f"{prefix}_precision"
            given = {date_name, precision_name} & set(attrs)
            if not given:
                continue
            if len(given) == 1:
                missing = ({date_name, precision_name} - given).pop()
                raise serializers.ValidationError({missing: [DATE_WITHOUT_PRECISION_ERROR]})
            value, errors = clean_date_with_precision(
                attrs[date_name], attrs[precision_name], is_end=is_end
            )
            if errors:
                raise serializers.ValidationError(
                    {f"{prefix}_{key}": [str(message)] for key, message in errors.items()}
                )
            attrs[date_name] = value
        return attrs


class CertificateSupersedeSerializer(JSONTypesMixin, serializers.Serializer):
    reason = serializers.CharField(
        help_text="Why the certificate is corrected; the new certificate records it."
    )
    corrections = CertificateCorrectionsSerializer(
        required=False,
        help_text=(
            "The corrected values; the rest is copied again from the records, so a name "
            "fixed on the person is taken up without a correction here."
        ),
    )
