import io
import zipfile

from django.db.models import F, Prefetch, QuerySet
from django.http import HttpResponse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.generics import get_object_or_404
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from apps.certificates.api.serializers import (
    IssueCertificatesResultSerializer,
    IssueCertificatesSerializer,
)
from apps.certificates.api.views import (
    ACTION_RENDERERS,
    PDF_NOT_AVAILABLE_RESPONSE,
    CanIssueCertificates,
    CanViewCertificates,
    ZIPRenderer,
    binary_renderers,
    certificate_queryset,
    with_stored_pdfs,
)
from apps.certificates.models import Certificate, CertificateStatus
from apps.certificates.services import certificates_issue, certificates_preview
from apps.core.api.permissions import ModelPermissions, PublicReadModelPermissions
from apps.core.queries import count_subquery
from apps.courses.api.filters import CourseFilterSet, CoursePartFilterSet, CourseTrainerFilterSet
from apps.courses.api.serializers import (
    CoursePartSerializer,
    CourseSerializer,
    CourseTrainerSerializer,
    can_view_trainers,
)
from apps.courses.models import Course, CoursePart, CourseTrainer
from apps.enrolments.models import Enrolment
from apps.sources.models import Source


class CourseViewSet(viewsets.ModelViewSet):
    """Courses: each delivery of a training activity, with its parts, sources and head counts."""

    queryset = (
        Course.objects.select_related("programme", "delivered_by", "organised_by")
        .prefetch_related(
            Prefetch("parts", queryset=CoursePart.objects.order_by("position")),
            Prefetch("sources", queryset=Source.objects.select_related("publisher")),
        )
        .annotate(
            enrolment_count=count_subquery(Enrolment.objects.all(), "course"),
            certificate_count=count_subquery(
                Certificate.objects.filter(status=CertificateStatus.VALID), "enrolment__course"
            ),
        )
        .order_by(F("start_date").desc(nulls_last=True), "title_en", "id")
    )
    serializer_class = CourseSerializer
    permission_classes = [PublicReadModelPermissions]
    filterset_class = CourseFilterSet
    search_fields = [
        "title_en",
        "title_fr",
        "slug",
        "city",
        "summary_en",
        "summary_fr",
        "programme__title_en",
        "programme__title_fr",
    ]
    ordering_fields = ["start_date", "end_date", "title_en", "title_fr", "created_at"]

    def get_queryset(self) -> QuerySet[Course]:
        queryset = super().get_queryset()
        if not can_view_trainers(self.request.user):
            return queryset  # trainers are personal data: not even loaded
        assignments = CourseTrainer.objects.select_related("trainer__person").order_by(
            "role", "trainer__person__family_name", "trainer__person__given_names", "id"
        )
        return queryset.prefetch_related(Prefetch("trainer_roles", queryset=assignments))

    def get_serializer_class(self) -> type[serializers.BaseSerializer]:
        if self.action == "issue_certificates":
            return IssueCertificatesSerializer  # the browsable API's form
        return super().get_serializer_class()

    def perform_create(self, serializer: serializers.BaseSerializer) -> None:
        super().perform_create(serializer)
        serializer.instance = self.get_queryset().get(pk=serializer.instance.pk)  # the counts

    def perform_update(self, serializer: serializers.BaseSerializer) -> None:
        super().perform_update(serializer)
        serializer.instance = self.get_queryset().get(pk=serializer.instance.pk)

    @extend_schema(
        summary="Issue the course's certificates, or preview them",
        description=(
            "Issues a certificate to every completed enrolment that holds none, all or "
            "nothing, and answers 201 with them. A dry run (dry_run: true) writes nothing and "
            "answers 200 with who would receive one. Either way the answer lists who is "
            "excluded and why. Idempotent: when nobody is left to certify, a real call issues "
            "nothing and answers 200 with an empty issued list. A course that was not held, or "
            "an issuer without a serial prefix, is refused (400). Needs "
            "certificates.add_certificate and certificates.view_certificate."
        ),
        request=IssueCertificatesSerializer,
        responses={200: IssueCertificatesResultSerializer, 201: IssueCertificatesResultSerializer},
    )
    @action(
        detail=True,
        methods=["post"],
        url_path="issue-certificates",
        permission_classes=[CanIssueCertificates],
        renderer_classes=ACTION_RENDERERS,
    )
    def issue_certificates(self, request: Request, pk: str | None = None) -> Response:
        course = self.get_object()
        serializer = self.get_serializer(data=request.data)
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


class CoursePartViewSet(viewsets.ModelViewSet):
    """Course parts: the lessons, exercises, familiarisation sessions and briefings of a course."""

    queryset = CoursePart.objects.select_related("course").order_by("course_id", "position")
    serializer_class = CoursePartSerializer
    permission_classes = [PublicReadModelPermissions]
    filterset_class = CoursePartFilterSet
    search_fields = ["title_en", "title_fr", "course__slug"]
    ordering_fields = ["course", "position"]


class CourseTrainerViewSet(viewsets.ModelViewSet):
    """Course trainers: who trained on which course, in which role (personal data)."""

    queryset = CourseTrainer.objects.select_related("course", "trainer__person").order_by(
        "course_id", "role", "id"
    )
    serializer_class = CourseTrainerSerializer
    permission_classes = [ModelPermissions]
    filterset_class = CourseTrainerFilterSet
    search_fields = ["course__slug", "course__title_en", "course__title_fr"]
    ordering_fields = ["course", "role"]


class CourseCertificatesZipView(APIView):
    """The PDFs of a course's current certificates in one ZIP file."""

    permission_classes = [CanViewCertificates]
    renderer_classes = binary_renderers(ZIPRenderer)

    @extend_schema(
        operation_id="courses_certificates_zip",
        summary="Download the PDFs of a course's certificates",
        description=(
            "One <serial>.pdf per current certificate of the course (superseded ones are left "
            "out; revoked ones are in, as they stay current), the stored bytes. PDFs not "
            "stored yet are rendered and stored first. A course without certificates gives an "
            "empty ZIP. Errors are JSON. Needs certificates.view_certificate."
        ),
        responses={
            (200, "application/zip"): OpenApiTypes.BINARY,
            (503, "application/json"): PDF_NOT_AVAILABLE_RESPONSE,
        },
    )
    def get(self, request: Request, pk: int) -> HttpResponse:
        course = get_object_or_404(Course, pk=pk)
        certificates = with_stored_pdfs(
            list(
                Certificate.objects.filter(enrolment__course=course)
                .exclude(status=CertificateStatus.SUPERSEDED)
                .order_by("serial")
            )
        )
        buffer = io.BytesIO()
        # PDFs are compressed already: stored, not deflated again.
        with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_STORED) as archive:
            for certificate in certificates:
                with certificate.pdf.open("rb") as pdf:
                    archive.writestr(f"{certificate.serial}.pdf", pdf.read())
        response = HttpResponse(buffer.getvalue(), content_type=ZIPRenderer.media_type)
        filename = f"{course.slug}-certificates.zip"
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        return response
