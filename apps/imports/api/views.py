from typing import Any

from django.conf import settings
from django.http import HttpResponse
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import APIException
from rest_framework.generics import GenericAPIView, get_object_or_404
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.permissions import IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from apps.core.api.permissions import ModelPermissions
from apps.core.api.plain import PlainListMixin
from apps.core.api.query import ActionQueryParametersMixin
from apps.core.api.renderers import (
    ACTION_RENDERERS,
    SpreadsheetCSVRenderer,
    XLSXRenderer,
    binary_renderers,
)
from apps.courses.models import Course
from apps.imports.api.permissions import CanImportEnrolments, CanUndoImports
from apps.imports.api.serializers import (
    EnrolmentsImportSerializer,
    ImportBatchSerializer,
    ImportReportSerializer,
    UndoReportSerializer,
)
from apps.imports.exports import course_enrolments_export, import_template
from apps.imports.models import ImportBatch
from apps.imports.services import enrolments_import
from apps.imports.spreadsheets import CSV_MEDIA_TYPE, XLSX_MEDIA_TYPE
from apps.imports.undo import import_batch_undo

UPLOAD_TOO_LARGE_ERROR = _("The file is larger than {limit} bytes, the most an import reads.")
ERROR_RESPONSE = {"$ref": "#/components/schemas/Error"}


class UploadTooLarge(APIException):
    status_code = status.HTTP_413_REQUEST_ENTITY_TOO_LARGE
    default_code = "upload_too_large"


def _too_large(size: int) -> bool:
    return size > settings.IMPORT_UPLOAD_MAX_BYTES


class EnrolmentsImportView(ActionQueryParametersMixin, GenericAPIView):
    """Import a course's participants from a spreadsheet, or preview the import."""

    permission_classes = [CanImportEnrolments]
    renderer_classes = ACTION_RENDERERS
    parser_classes = [MultiPartParser, FormParser]
    serializer_class = EnrolmentsImportSerializer
    queryset = Course.objects.all()

    def initial(self, request: Request, *args: Any, **kwargs: Any) -> None:
        super().initial(request, *args, **kwargs)
        # Refused before the body is read, so an oversized upload is never spooled to disk.
        declared = request.META.get("CONTENT_LENGTH") or "0"
        if declared.isdigit() and _too_large(int(declared) - 64 * 1024):
            raise UploadTooLarge(
                UPLOAD_TOO_LARGE_ERROR.format(limit=settings.IMPORT_UPLOAD_MAX_BYTES)
            )

    @extend_schema(
        operation_id="courses_enrolments_import",
        summary="Import the course's participants from a spreadsheet, or preview the import",
        description=(
            "Reads a CSV (UTF-8 with or without BOM, comma or semicolon) or XLSX (first sheet) "
            "file with a header row naming its columns in English or French (GET "
            "/api/v1/enrolments/import-template.csv or .xlsx gives one). Each row is matched to "
            "a person by uid, else by folded family and given names and birth date, else by "
            "folded names and nationality: a probable match the registrar accepts by listing "
            "its row in accept_matches. All or nothing: one refused row refuses the file (400, "
            "the report listing every error with its row and column) and nothing is written. "
            "An absent column or an empty cell never erases a stored value. A dry run answers "
            "200 with the report and keeps nothing; an applied import answers 201 with the "
            "report and its batch (undo it with POST /api/v1/import-batches/{id}/undo/). "
            "Importing the same file again changes nothing. A file over the configured limit "
            "(IMPORT_UPLOAD_MAX_BYTES, 20 MB by default) gets 413. Needs the add and change "
            "permissions on people and enrolments (the Registrar role)."
        ),
        request={"multipart/form-data": EnrolmentsImportSerializer},
        responses={
            200: ImportReportSerializer,
            201: ImportReportSerializer,
            400: OpenApiResponse(
                response={
                    "oneOf": [
                        {"$ref": "#/components/schemas/ImportReport"},
                        {"$ref": "#/components/schemas/ValidationError"},
                    ]
                },
                description=(
                    "The import's report when a row is refused; the usual messages per field "
                    "when the request itself is invalid (no file, a bad accept_matches)."
                ),
            ),
            413: OpenApiResponse(response=ERROR_RESPONSE, description="The file is too large."),
        },
    )
    def post(self, request: Request, pk: int) -> Response:
        course = self.get_object()
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        upload = serializer.validated_data["file"]
        if _too_large(upload.size):
            raise UploadTooLarge(
                UPLOAD_TOO_LARGE_ERROR.format(limit=settings.IMPORT_UPLOAD_MAX_BYTES)
            )
        report = enrolments_import(
            course=course,
            upload=upload,
            dry_run=serializer.validated_data["dry_run"],
            user=request.user,
            accept_matches=serializer.validated_data["accept_matches"],
        )
        if report.refused:
            answer = status.HTTP_400_BAD_REQUEST
        else:
            answer = status.HTTP_201_CREATED if report.applied else status.HTTP_200_OK
        return Response(ImportReportSerializer(report.to_dict()).data, status=answer)


def _spreadsheet_response(content: bytes, file_format: str, filename: str) -> HttpResponse:
    media_type = XLSX_MEDIA_TYPE if file_format == "xlsx" else f"{CSV_MEDIA_TYPE}; charset=utf-8"
    response = HttpResponse(content, content_type=media_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}.{file_format}"'
    return response


class ImportTemplateView(APIView):
    """The empty spreadsheet an import reads: one column per field, named in both languages."""

    permission_classes = [IsAuthenticated]
    file_format = "csv"

    def get_renderers(self) -> list[Any]:
        renderer = XLSXRenderer if self.file_format == "xlsx" else SpreadsheetCSVRenderer
        return [renderer() for renderer in binary_renderers(renderer)]

    @extend_schema(
        summary="Download the import template",
        description=(
            "A header row naming each column in English and French (“family name / nom”); "
            "any of the names alone is read as well. CSV is UTF-8 with a byte order mark."
        ),
    )
    def get(self, request: Request) -> HttpResponse:
        content = import_template(file_format=self.file_format)
        return _spreadsheet_response(content, self.file_format, "enrolments-import-template")


class CourseEnrolmentsExportView(APIView):
    """A course's enrolments in the import's columns: exported, then imported, nothing changes."""

    permission_classes = [CanImportEnrolments]
    file_format = "csv"

    def get_renderers(self) -> list[Any]:
        renderer = XLSXRenderer if self.file_format == "xlsx" else SpreadsheetCSVRenderer
        return [renderer() for renderer in binary_renderers(renderer)]

    @extend_schema(
        summary="Export the course's enrolments in the import's columns",
        description=(
            "One row per enrolment, with the person's uid, so that importing the file back "
            "changes nothing. Needs the permissions of an import."
        ),
    )
    def get(self, request: Request, pk: int) -> HttpResponse:
        course = get_object_or_404(Course, pk=pk)
        content = course_enrolments_export(course=course, file_format=self.file_format)
        return _spreadsheet_response(content, self.file_format, f"{course.slug}-enrolments")


def _answers(media_type: str) -> Any:
    """The schema of a file download answered in ``media_type``."""
    return extend_schema_view(get=extend_schema(responses={(200, media_type): OpenApiTypes.BINARY}))


# One view per file format, so that the schema names the media type each path answers.
@_answers(CSV_MEDIA_TYPE)
class ImportTemplateCSVView(ImportTemplateView):
    file_format = "csv"


@_answers(XLSX_MEDIA_TYPE)
class ImportTemplateXLSXView(ImportTemplateView):
    file_format = "xlsx"


@_answers(CSV_MEDIA_TYPE)
class CourseEnrolmentsExportCSVView(CourseEnrolmentsExportView):
    file_format = "csv"


@_answers(XLSX_MEDIA_TYPE)
class CourseEnrolmentsExportXLSXView(CourseEnrolmentsExportView):
    file_format = "xlsx"


class ImportBatchViewSet(PlainListMixin, viewsets.ReadOnlyModelViewSet):
    """Import batches: each applied import of a spreadsheet, and its undo."""

    queryset = ImportBatch.objects.order_by("-imported_at", "-id")  # no relation read
    serializer_class = ImportBatchSerializer
    permission_classes = [ModelPermissions]
    search_fields = ["file_name", "sha256", "course__slug"]
    ordering_fields = ["imported_at"]

    @extend_schema(
        summary="Undo an import batch",
        description=(
            "Every record the import wrote goes back to the state before it, in one "
            "transaction: the people and enrolments it created are deleted (each with a deletion "
            "row in its history), those it changed get back their earlier values; history rows "
            "of the undo carry “Undo of import batch <id>”, and the batch is marked undone. "
            "Refused (400), changing nothing and naming every record in the way, when the batch "
            "was undone already, when a record it touched has changed since (its latest history "
            "row is no longer the import's), when a certificate rests on an enrolment it "
            "touched, or when a person it created is now enrolled elsewhere or a trainer. Needs "
            "the permissions of an import plus imports.change_importbatch (the Registrar role)."
        ),
        request=None,
        responses={
            200: UndoReportSerializer,
            400: OpenApiResponse(
                response=ERROR_RESPONSE, description="Refused: every reason, naming its record."
            ),
        },
    )
    @action(
        detail=True,
        methods=["post"],
        permission_classes=[CanUndoImports],
        renderer_classes=ACTION_RENDERERS,
    )
    def undo(self, request: Request, pk: str | None = None) -> Response:
        report = import_batch_undo(batch=self.get_object(), user=request.user)
        return Response(UndoReportSerializer(report.to_dict()).data)
