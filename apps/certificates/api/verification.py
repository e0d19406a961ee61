"""Public certificate verification as JSON: ``GET /api/v1/verify/<code>/``.

No authentication at all (so no session and no CSRF trouble), throttled per client IP with
the verification pages. It answers what the verification page shows, and no more.
"""

from django.utils.cache import add_never_cache_headers
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers
from rest_framework.exceptions import NotFound
from rest_framework.permissions import AllowAny
from rest_framework.renderers import JSONRenderer
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from apps.certificates.models import CertificateStatus
from apps.certificates.selectors import certificate_verification
from apps.certificates.throttling import VerificationRateThrottle
from apps.core.api.views import NOT_FOUND

UNKNOWN_CODE_DESCRIPTION = (
    "No certificate has this code. The answer is the same for a malformed code, a code "
    "that never existed, or any other: it reveals nothing."
)


class VerifiedCertificateSerializer(serializers.Serializer):
    """What the certificate prints, from its frozen copy; French falls back to English."""

    serial = serializers.CharField()
    holder_name = serializers.CharField(help_text="The holder's name as printed.")
    course_title_en = serializers.CharField()
    course_title_fr = serializers.CharField()
    course_start = serializers.CharField(
        help_text="As far as known: YYYY, YYYY-MM or YYYY-MM-DD; empty when unknown."
    )
    course_end = serializers.CharField(
        help_text="As far as known: YYYY, YYYY-MM or YYYY-MM-DD; empty when unknown."
    )
    course_city = serializers.CharField()
    course_country = serializers.CharField(help_text="ISO 3166-1 alpha-2 code, or empty.")
    programme_title_en = serializers.CharField()
    programme_title_fr = serializers.CharField()
    issuer_name_en = serializers.CharField()
    issuer_name_fr = serializers.CharField()
    issued_on = serializers.DateField(
        help_text="The issue date, a calendar date in the issuer's time zone."
    )
    languages = serializers.ListField(
        child=serializers.CharField(), help_text="The languages printed, ISO 639-1 codes."
    )
    status = serializers.ChoiceField(choices=CertificateStatus.choices)


class SupersedingCertificateSerializer(serializers.Serializer):
    serial = serializers.CharField()
    state = serializers.ChoiceField(choices=CertificateStatus.choices)
    verification_url = serializers.URLField(help_text="Its own verification page.")


class CertificateVerificationSerializer(serializers.Serializer):
    """One of three states; an unknown code is a 404.

    ``revoked_on`` is set only when revoked (the reason stays internal); ``superseded_by``
    and ``current`` only when superseded.
    """

    state = serializers.ChoiceField(choices=CertificateStatus.choices)
    certificate = VerifiedCertificateSerializer()
    revoked_on = serializers.DateField(
        allow_null=True, help_text="When it was revoked (issuer's time zone), or null."
    )
    superseded_by = SupersedingCertificateSerializer(
        allow_null=True, help_text="The certificate that corrected this one, or null."
    )
    current = SupersedingCertificateSerializer(
        allow_null=True,
        help_text=(
            "The certificate at the end of the corrections, the one to rely on now: the same "
            "as superseded_by unless that was corrected again. Its state says whether it was "
            "revoked since. Null unless superseded."
        ),
    )


class CertificateVerificationView(APIView):
    """Verify a certificate by the code printed on it (in its URL and QR code). Public."""

    authentication_classes: list = []
    permission_classes = [AllowAny]
    throttle_classes = [VerificationRateThrottle]
    renderer_classes = [JSONRenderer]
    not_found_description = UNKNOWN_CODE_DESCRIPTION  # documented by the project's AutoSchema

    @extend_schema(
        operation_id="verify_certificate",
        summary="Verify a certificate",
        parameters=[
            OpenApiParameter(
                "code",
                OpenApiTypes.STR,
                OpenApiParameter.PATH,
                description="The verification code the certificate prints.",
            )
        ],
        responses={200: CertificateVerificationSerializer},
    )
    def get(self, request: Request, code: str) -> Response:
        verification = certificate_verification(code)
        if verification is None:
            raise NotFound(NOT_FOUND)
        response = Response(CertificateVerificationSerializer(verification).data)
        add_never_cache_headers(response)  # a revocation must show at once
        return response
