from typing import Any

from django.http import Http404, HttpResponse
from django.utils.translation import get_language
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiParameter,
    extend_schema,
    extend_schema_view,
)
from rest_framework import viewsets
from rest_framework.generics import get_object_or_404
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from apps.core.api.filters import MAX_RECORD_ID
from apps.core.api.permissions import CanViewAttendance, CanViewReports
from apps.core.api.renderers import (
    ACTION_RENDERERS,
    PDFRenderer,
    SpreadsheetCSVRenderer,
    XLSXRenderer,
    binary_renderers,
)
from apps.courses.models import Course
from apps.reports.api.serializers import (
    AttendanceSerializer,
    CertificatesIssuedSerializer,
    ParticipantsTrainedSerializer,
    ProgrammeFigureSerializer,
    ReportFilterSerializer,
)
from apps.reports.exports import MEDIA_TYPES, attendance_export, attendance_filename
from apps.reports.pdf import attendance_pdf_render
from apps.reports.selectors import (
    certificates_issued_series,
    course_attendance,
    participants_trained_series,
    programme_figures,
)

VALIDATION_ERROR_RESPONSE = {"$ref": "#/components/schemas/ValidationError"}


class ReportViewSet(viewsets.GenericViewSet):
    """A report's rows, filtered by ``ReportFilterSerializer``'s query parameters, paginated."""

    permission_classes = [CanViewReports]
    filter_backends: list[Any] = []
    rows: Any = None  # the selector: filters -> queryset of rows

    def get_queryset(self) -> Any:
        """The report's rows, filtered by the query string (a 400 if it is invalid)."""
        return type(self).rows(ReportFilterSerializer.filters_from(self.request.query_params))

    @extend_schema(parameters=[ReportFilterSerializer])
    def list(self, request: Request) -> Response:
        page = self.paginate_queryset(self.get_queryset())
        return self.get_paginated_response(self.get_serializer(page, many=True).data)


@extend_schema_view(
    list=extend_schema(
        summary="Figures per programme, partner and year",
        description=(
            "Courses held, participants nominated, attended and completed, certificates issued, "
            "revoked and superseded, one row per programme, partner and year (the year a course "
            "starts; courses with no date have a null year). A course is held when recorded as "
            "held and its earliest possible end is today or before. Participants are people, "
            "each counted once per row. Newest year first. Needs the reports' view permission."
        ),
    )
)
class ProgrammeFigureViewSet(ReportViewSet):
    serializer_class = ProgrammeFigureSerializer
    rows = staticmethod(programme_figures)


@extend_schema_view(
    list=extend_schema(
        summary="Participants trained per year and partner",
        description=(
            "People who completed a course, per year of the course and partner (the "
            "programme's partner side). The series of the reports' first chart."
        ),
    )
)
class ParticipantsTrainedViewSet(ReportViewSet):
    serializer_class = ParticipantsTrainedSerializer
    rows = staticmethod(participants_trained_series)


@extend_schema_view(
    list=extend_schema(
        summary="Certificates issued per issuer and year",
        description=(
            "Certificates issued, revoked and superseded ones included, per issuer and year of "
            "issue. The year filters read the year of issue here."
        ),
    )
)
class CertificatesIssuedViewSet(ReportViewSet):
    serializer_class = CertificatesIssuedSerializer
    rows = staticmethod(certificates_issued_series)


def _course(pk: int) -> Course:
    if pk > MAX_RECORD_ID:  # would overflow the database's integers: no such course
        raise Http404
    return get_object_or_404(Course.objects.select_related("programme"), pk=pk)


class CourseAttendanceView(APIView):
    """A course's attendance list: everyone nominated, who attended and who completed."""

    permission_classes = [CanViewAttendance]
    renderer_classes = ACTION_RENDERERS  # one record, not a list: no CSV of it
    not_found_description = "No such course."

    @extend_schema(
        summary="A course's attendance list",
        description="Personal data: needs the permission to view enrolments and people.",
        responses=AttendanceSerializer,
    )
    def get(self, request: Request, pk: int) -> Response:
        course = _course(pk)
        rows = course_attendance(course)
        data = {
            "course": course.pk,
            "course_title_en": course.title_en,
            "course_title_fr": course.title_fr,
            "nominated": len(rows),
            "attended": sum(row.attended for row in rows),
            "completed": sum(row.completed for row in rows),
            "participants": rows,
        }
        return Response(AttendanceSerializer(data).data)


LANGUAGE_PARAMETER = OpenApiParameter(
    "lang",
    str,
    description=(
        "The language of the file's words: en or fr. Any other value is ignored, as everywhere "
        "in the API: the request's language (Accept-Language) applies."
    ),
)
RENDERERS = {"pdf": PDFRenderer, "csv": SpreadsheetCSVRenderer, "xlsx": XLSXRenderer}


class CourseAttendanceFileView(APIView):
    """The attendance list as a file; errors are JSON."""

    permission_classes = [CanViewAttendance]
    not_found_description = "No such course."
    file_format = "pdf"

    def get_renderers(self) -> list[Any]:
        return [renderer() for renderer in binary_renderers(RENDERERS[self.file_format])]

    def get(self, request: Request, pk: int) -> HttpResponse:
        # ?lang= has already chosen the request's language (QueryLanguageMiddleware).
        language = (get_language() or "en").split("-")[0]
        course = _course(pk)
        rows = course_attendance(course)
        if self.file_format == "pdf":
            content = attendance_pdf_render(course=course, rows=rows, language=language)
            media_type = "application/pdf"
        else:
            content = attendance_export(
                course=course, rows=rows, file_format=self.file_format, language=language
            )
            media_type = MEDIA_TYPES[self.file_format]
        response = HttpResponse(content, content_type=media_type)
        filename = attendance_filename(course, self.file_format, language)
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        return response


def _file_view(file_format: str, summary: str) -> type[CourseAttendanceFileView]:
    """One view per format, so that the schema names the media type each path answers."""
    media_type = RENDERERS[file_format].media_type
    schema = extend_schema(
        summary=summary,
        description=(
            "Personal data: needs the permission to view enrolments and people. Spreadsheet "
            "cells that a spreadsheet would run as a formula start with an apostrophe."
        ),
        parameters=[LANGUAGE_PARAMETER],
        responses={
            (200, media_type): OpenApiTypes.BINARY,
        },
    )
    view = type(
        f"CourseAttendance{file_format.upper()}View",
        (CourseAttendanceFileView,),
        {"file_format": file_format, "__doc__": summary},
    )
    return extend_schema_view(get=schema)(view)


CourseAttendancePDFView = _file_view("pdf", "A course's attendance list as a PDF")
CourseAttendanceCSVView = _file_view("csv", "A course's attendance list as CSV")
CourseAttendanceXLSXView = _file_view("xlsx", "A course's attendance list as XLSX")
