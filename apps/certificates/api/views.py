from collections.abc import Sequence
from typing import Any

from django.db.models import QuerySet
from django.http import FileResponse, HttpResponse
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import APIException
from rest_framework.generics import GenericAPIView, get_object_or_404
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.serializers import BaseSerializer
from rest_framework.views import APIView

from apps.certificates.api.archives import certificates_zip
from apps.certificates.api.filters import CertificateFilterSet
from apps.certificates.api.serializers import (
    CertificateDetailSerializer,
    CertificateRevokeSerializer,
    CertificateSerializer,
    CertificateSupersedeSerializer,
    IssueCertificatesResultSerializer,
    IssueCertificatesSerializer,
    IssuingJobSerializer,
)
from apps.certificates.models import Certificate
from apps.certificates.services import (
    certificate_revoke,
    certificate_supersede,
    certificates_issue,
    certificates_pdf_store_pending,
    certificates_preview,
)
from apps.core.api.links import api_url
from apps.core.api.pagination import CursorOrPageNumberPagination
from apps.core.api.permissions import (
    CanChangeCertificates,
    CanIssueCertificates,
    CanViewCertificates,
    ModelPermissions,
)
from apps.core.api.plain import PlainListMixin
from apps.core.api.query import ActionQueryParametersMixin, query_boolean
from apps.core.api.renderers import ACTION_RENDERERS, PDFRenderer, ZIPRenderer, binary_renderers
from apps.courses.models import Course

PDF_NOT_AVAILABLE_ERROR = _(
    "The certificate's PDF could not be rendered. Try again later; if it keeps failing, "
    "tell an administrator (the server's log says why)."
)
PDF_NOT_AVAILABLE_RESPONSE = OpenApiResponse(
    response={"$ref": "#/components/schemas/Error"},
    description="A PDF was not stored yet and rendering it failed.",
)


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


class CertificateViewSet(PlainListMixin, ActionQueryParametersMixin, viewsets.ReadOnlyModelViewSet):
    """Certificates issued for completed enrolments: never edited or deleted (personal data).

    They change only through their actions: revoke, supersede (correct).
    """

    queryset = certificate_queryset()
    serializer_class = CertificateSerializer
    # Deep pages of a long register: a cursor reads page 1,000 at the cost of page 1.
    pagination_class = CursorOrPageNumberPagination
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
        location = api_url("certificates-api:certificate-detail", args=[new.pk], request=request)
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


class CourseCertificatesIssueView(ActionQueryParametersMixin, GenericAPIView):
    """Issue a course's certificates, or preview who would receive one."""

    permission_classes = [CanIssueCertificates]
    renderer_classes = ACTION_RENDERERS
    serializer_class = IssueCertificatesSerializer  # also the browsable API's form
    queryset = Course.objects.select_related("delivered_by", "programme")
    query_parameters = frozenset({"dry_run"})

    @extend_schema(
        operation_id="courses_issue_certificates_create",
        summary="Issue the course's certificates, or preview them",
        description=(
            "Issues a certificate to every completed enrolment that holds none, all or "
            "nothing, and answers 201 with them. A dry run (dry_run: true) writes nothing and "
            "answers 200 with who would receive one; dry_run may be given in the query string "
            "instead (?dry_run=true), and a query string and a body that disagree are refused "
            "(400). Either way the answer lists who is excluded and why, and which completed "
            "enrolments have no completion date (allowed, but said). Idempotent: when nobody is "
            "left to certify, a real call issues nothing and answers 200 with an empty issued "
            "list. Refused (400): a course that was not held, one whose dates are unknown, one "
            "that cannot have ended yet (its earliest possible end is after today), and an "
            "issuer without a serial prefix. Issuing records that the course awarded "
            "certificates. The PDFs are rendered after the certificates are written: by "
            "workers, when the installation has them, so that the answer does not wait for "
            "them (each certificate's pdf_status says pending, and issuing_job_url counts "
            "them until finished); otherwise before the answer. Needs "
            "certificates.add_certificate and certificates.view_certificate."
        ),
        parameters=[
            OpenApiParameter(
                "dry_run",
                OpenApiTypes.BOOL,
                OpenApiParameter.QUERY,
                description=(
                    "As dry_run in the body (true, false, 1, 0 …); if both are given they must "
                    "agree. Any other query parameter but format and lang is refused (400)."
                ),
            )
        ],
        request=IssueCertificatesSerializer,
        responses={200: IssueCertificatesResultSerializer, 201: IssueCertificatesResultSerializer},
    )
    def post(self, request: Request, pk: int) -> Response:
        course = self.get_object()
        query_dry_run = query_boolean(request, "dry_run")
        serializer = self.get_serializer(
            data=request.data,
            context={**self.get_serializer_context(), "query_dry_run": query_dry_run},
        )
        serializer.is_valid(raise_exception=True)
        dry_run = serializer.validated_data["dry_run"]
        issued_by = serializer.validated_data.get("issued_by")
        if dry_run:
            plan, issued = certificates_preview(course=course, issued_by=issued_by), []
        else:
            result = certificates_issue(course=course, issued_by=issued_by, user=request.user)
            plan = result.plan
            # Read again: the PDFs were stored after the issuing transaction committed.
            ids = [certificate.pk for certificate in result.issued]
            issued = list(certificate_queryset().filter(pk__in=ids).order_by("serial"))
        answer = IssueCertificatesResultSerializer(
            {
                "dry_run": dry_run,
                "course": course,
                "issued_by": plan.issuer,
                "eligible": plan.eligible,
                "excluded": plan.excluded,
                "undated": plan.undated,
                "issued": issued,
            },
            context=self.get_serializer_context(),
        )
        # 201 only when certificates were created: a dry run, or a call that found nobody
        # left to certify, created nothing.
        answer_status = status.HTTP_201_CREATED if issued else status.HTTP_200_OK
        return Response(answer.data, status=answer_status)


class CourseIssuingJobView(APIView):
    """How far the rendering of a course's certificate PDFs has come."""

    permission_classes = [CanViewCertificates]
    renderer_classes = ACTION_RENDERERS

    @extend_schema(
        operation_id="courses_issuing_job_retrieve",
        summary="Follow the rendering of a course's certificate PDFs",
        description=(
            "Counts the course's certificates (superseded ones included) by the status of their "
            "PDF: stored, pending (being rendered after issue, by workers when the installation "
            "has them) and failed (rendered again by the store_certificate_pdfs command or the "
            "first download). finished is true once nothing is pending. A course without "
            "certificates counts zero everywhere. Needs certificates.view_certificate."
        ),
        responses={200: IssuingJobSerializer},
    )
    def get(self, request: Request, pk: int) -> Response:
        course = get_object_or_404(Course, pk=pk)
        counts = Certificate.objects.of_course(course).pdf_counts()
        job = {"course": course, **counts, "finished": counts["pending"] == 0}
        return Response(IssuingJobSerializer(job, context={"request": request}).data)


class CourseCertificatesZipView(APIView):
    """The PDFs of a course's current certificates in one ZIP file."""

    permission_classes = [CanViewCertificates]
    renderer_classes = binary_renderers(ZIPRenderer)

    @extend_schema(
        operation_id="courses_certificates_zip",
        summary="Download the PDFs of a course's certificates",
        description=(
            "The PDF of each current certificate of the course, the stored bytes, named "
            "<serial>.pdf, or <serial>-REVOKED.pdf for a revoked one (superseded certificates "
            "are left out; revoked ones are in, as they stay current). First in the ZIP, "
            "manifest.csv (UTF-8 with a byte order mark, for Excel) lists them, a row each in "
            "serial order, with the columns serial, file (its name in the ZIP), status (valid "
            "or revoked), holder_name (as printed), course_start and course_end (as printed: "
            "YYYY, YYYY-MM or YYYY-MM-DD, empty when unknown), issued_on, revoked_on "
            "(YYYY-MM-DD in the issuer's time zone, empty unless revoked) and sha256 (of the "
            "file, the certificate's pdf_sha256). A cell a spreadsheet would run as a formula "
            "starts with an apostrophe. PDFs not stored yet are rendered and stored first. A "
            "course without certificates gives a ZIP holding the manifest's header alone. "
            "Errors are JSON. Needs certificates.view_certificate."
        ),
        responses={
            (200, "application/zip"): OpenApiTypes.BINARY,
            (503, "application/json"): PDF_NOT_AVAILABLE_RESPONSE,
        },
    )
    def get(self, request: Request, pk: int) -> HttpResponse:
        course = get_object_or_404(Course, pk=pk)
        certificates = with_stored_pdfs(
            list(Certificate.objects.of_course(course).current().order_by("serial"))
        )
        response = HttpResponse(certificates_zip(certificates), content_type=ZIPRenderer.media_type)
        filename = f"{course.slug}-certificates.zip"
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        return response
