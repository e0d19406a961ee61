from collections.abc import Sequence
from typing import Any

from django.db.models import QuerySet
from django.http import FileResponse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import APIException
from rest_framework.permissions import BasePermission
from rest_framework.renderers import BaseRenderer, BrowsableAPIRenderer, JSONRenderer
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.reverse import reverse
from rest_framework.serializers import BaseSerializer
from rest_framework.views import APIView

from apps.certificates.api.filters import CertificateFilterSet
from apps.certificates.api.serializers import (
    CertificateDetailSerializer,
    CertificateRevokeSerializer,
    CertificateSerializer,
    CertificateSupersedeSerializer,
)
from apps.certificates.models import Certificate
from apps.certificates.services import (
    certificate_revoke,
    certificate_supersede,
    certificates_pdf_store_pending,
)
from apps.core.api.permissions import ModelPermissions

VIEW_CERTIFICATE = "certificates.view_certificate"
PDF_NOT_AVAILABLE_ERROR = (
    "The certificate's PDF could not be rendered. Try again later; if it keeps failing, "
    "tell an administrator (the server's log says why)."
)
# What the actions answer: JSON, not the lists' CSV.
ACTION_RENDERERS = [JSONRenderer, BrowsableAPIRenderer]
PDF_NOT_AVAILABLE_RESPONSE = OpenApiResponse(
    response={"$ref": "#/components/schemas/Error"},
    description="A PDF was not stored yet and rendering it failed.",
)


class HasCertificatePermissions(BasePermission):
    """The user holds every permission in ``required``; anonymous users get a 401.

    For actions whose permission is not the one their HTTP method and their viewset's model
    give: issuing is a POST on a (publicly readable) course, revoking a POST on a certificate.
    Each also answers a certificate, so each needs the view permission too.
    """

    required: tuple[str, ...] = ()

    def has_permission(self, request: Request, view: APIView) -> bool:
        user = request.user
        return bool(user and user.is_authenticated and user.has_perms(self.required))


class CanViewCertificates(HasCertificatePermissions):
    required = (VIEW_CERTIFICATE,)


class CanIssueCertificates(HasCertificatePermissions):
    required = ("certificates.add_certificate", VIEW_CERTIFICATE)


class CanChangeCertificates(HasCertificatePermissions):
    required = ("certificates.change_certificate", VIEW_CERTIFICATE)


class BinaryRenderer(BaseRenderer):
    """Lets a client ask for the file's media type in ``Accept``.

    The view answers the file itself; errors are rendered as JSON by the exception handler.
    """

    charset = None
    render_style = "binary"

    def render(
        self,
        data: Any,
        accepted_media_type: str | None = None,
        renderer_context: dict[str, Any] | None = None,
    ) -> Any:
        return data


class PDFRenderer(BinaryRenderer):
    media_type = "application/pdf"
    format = "pdf"


class ZIPRenderer(BinaryRenderer):
    media_type = "application/zip"
    format = "zip"


def binary_renderers(renderer: type[BinaryRenderer]) -> list[type[BaseRenderer]]:
    """The renderers of a file download: JSON, then the file's own.

    Errors are JSON, so a client that accepts only JSON must still get the real 401, 403 or
    404 rather than a 406 from content negotiation. A success is the file whatever was asked.
    """
    return [JSONRenderer, renderer]


class PdfNotAvailable(APIException):
    status_code = status.HTTP_503_SERVICE_UNAVAILABLE
    default_detail = PDF_NOT_AVAILABLE_ERROR
    default_code = "pdf_not_available"


def certificate_queryset() -> QuerySet[Certificate]:
    """Certificates with everything their representation shows, in two queries.

    The certificate that supersedes each one is prefetched, not joined: with statistics
    (``ANALYZE``), SQLite's planner scans the whole table for every row of that join, since
    the unique index it would use holds mostly NULLs.
    """
    return (
        Certificate.objects.select_related(
            "issued_by", "enrolment__course", "enrolment__person", "revoked_by", "supersedes"
        )
        .prefetch_related("superseded_by")
        .order_by("-issued_on", "serial", "id")
    )


def with_stored_pdfs(certificates: Sequence[Certificate]) -> Sequence[Certificate]:
    """The certificates, each with its stored PDF.

    One whose rendering failed after issue is rendered and stored now, once; a 503 if that
    fails again.
    """
    certificates_pdf_store_pending(
        certificates=[certificate for certificate in certificates if not certificate.pdf]
    )
    if any(not certificate.pdf for certificate in certificates):
        raise PdfNotAvailable()
    return certificates


class CertificateViewSet(viewsets.ReadOnlyModelViewSet):
    """Certificates issued for completed enrolments: never edited or deleted (personal data).

    They change only through their actions: revoke, supersede (correct).
    """

    queryset = certificate_queryset()
    serializer_class = CertificateSerializer
    permission_classes = [ModelPermissions]
    filterset_class = CertificateFilterSet
    search_fields = ["serial"]
    folded_search_fields = ["holder_name_folded", "enrolment__person__full_name_folded"]
    ordering_fields = ["issued_on", "serial"]

    def get_serializer_class(self) -> type[BaseSerializer]:
        return {
            "retrieve": CertificateDetailSerializer,
            "revoke": CertificateRevokeSerializer,
            "supersede": CertificateSupersedeSerializer,
        }.get(self.action, CertificateSerializer)

    def check_permissions(self, request: Request) -> None:
        # DRF asks for the model permissions before it looks for the method, so a write
        # would be a 403 for some users and a 405 for others; nobody may write here.
        if request.user.is_authenticated and request.method not in self.allowed_methods:
            self.http_method_not_allowed(request)
        super().check_permissions(request)

    @extend_schema(
        summary="Revoke a certificate",
        description=(
            "Records who, when and why. Refused (400) for a certificate already revoked or "
            "superseded (revoke its successor instead). Needs certificates.change_certificate and "
            "certificates.view_certificate."
        ),
        request=CertificateRevokeSerializer,
        responses={200: CertificateDetailSerializer},
    )
    @action(
        detail=True,
        methods=["post"],
        permission_classes=[CanChangeCertificates],
        renderer_classes=ACTION_RENDERERS,
    )
    def revoke(self, request: Request, pk: str | None = None) -> Response:
        certificate = self.get_object()
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        certificate_revoke(
            certificate=certificate,
            reason=serializer.validated_data["reason"],
            user=request.user,
        )
        return Response(self._detail(certificate.pk))

    @extend_schema(
        summary="Correct a certificate by superseding it",
        description=(
            "Issues a new certificate, with a new serial, that supersedes this one: it copies "
            "the records again, then applies the corrections. The old certificate stays, and "
            "verifying it says which one superseded it. Refused (400) for a revoked or already "
            "superseded certificate. Needs certificates.change_certificate and "
            "certificates.view_certificate."
        ),
        request=CertificateSupersedeSerializer,
        responses={201: CertificateDetailSerializer},
    )
    @action(
        detail=True,
        methods=["post"],
        permission_classes=[CanChangeCertificates],
        renderer_classes=ACTION_RENDERERS,
    )
    def supersede(self, request: Request, pk: str | None = None) -> Response:
        certificate = self.get_object()
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        new = certificate_supersede(
            certificate=certificate,
            reason=serializer.validated_data["reason"],
            corrections=serializer.validated_data.get("corrections"),
            user=request.user,
        )
        location = reverse("certificates-api:certificate-detail", args=[new.pk], request=request)
        return Response(
            self._detail(new.pk), status=status.HTTP_201_CREATED, headers={"Location": location}
        )

    @extend_schema(
        summary="Download a certificate's PDF",
        description=(
            "The stored file, byte for byte (its SHA-256 is the certificate's pdf_sha256), as "
            "an attachment named <serial>.pdf. A PDF not stored yet is rendered and stored "
            "first. Errors are JSON. Needs certificates.view_certificate."
        ),
        responses={
            (200, "application/pdf"): OpenApiTypes.BINARY,
            (503, "application/json"): PDF_NOT_AVAILABLE_RESPONSE,
        },
    )
    @action(
        detail=True,
        methods=["get"],
        permission_classes=[CanViewCertificates],
        renderer_classes=binary_renderers(PDFRenderer),
    )
    def pdf(self, request: Request, pk: str | None = None) -> FileResponse:
        (certificate,) = with_stored_pdfs([self.get_object()])
        return FileResponse(
            certificate.pdf.open("rb"),
            as_attachment=True,
            filename=f"{certificate.serial}.pdf",
            content_type=PDFRenderer.media_type,
        )

    def _detail(self, pk: int) -> dict[str, Any]:
        certificate = self.get_queryset().get(pk=pk)
        return CertificateDetailSerializer(certificate, context=self.get_serializer_context()).data
