"""Imports in the admin: the import batches with their undo, and a course's "Import participants"
pages (upload → preview → confirm), mixed into the course's admin by ``CourseImportsAdminMixin``.
"""

import math
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect, QueryDict
from django.template.response import TemplateResponse
from django.urls import URLPattern, path, reverse
from django.utils.decorators import method_decorator
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_POST
from simple_history.admin import SimpleHistoryAdmin

from apps.core.admin import admin_change_url, admin_link
from apps.core.permissions import IMPORT_ENROLMENTS, UNDO_IMPORTS
from apps.core.uploads import MULTIPART_ALLOWANCE, BoundedMemoryUploadHandler, declared_length
from apps.courses.models import Course
from apps.imports.columns import COLUMNS
from apps.imports.forms import (
    EnrolmentsImportConfirmForm,
    EnrolmentsImportUploadForm,
    upload_limit_text,
)
from apps.imports.models import ImportBatch
from apps.imports.services import ImportReport, Problem, RowReport, enrolments_import
from apps.imports.undo import import_batch_undo


@admin.register(ImportBatch)
class ImportBatchAdmin(SimpleHistoryAdmin):
    """The record of each applied import: written by the import service only."""

    list_display = (
        "__str__",
        "course_link",
        "imported_by",
        "rows",
        "people_created",
        "enrolments_created",
        "enrolments_changed",
        "status",
    )
    list_filter = ("status", ("course", admin.RelatedOnlyFieldListFilter))
    list_select_related = ("course", "imported_by")
    search_fields = ("file_name", "sha256", "course__title_en", "course__slug")
    date_hierarchy = "imported_at"
    actions = ["undo_selected"]
    readonly_fields = tuple(field.name for field in ImportBatch._meta.fields if field.name != "id")

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False  # an import creates its batch

    def has_delete_permission(self, request: HttpRequest, obj: ImportBatch | None = None) -> bool:
        return False

    @admin.display(description=_("course"), ordering="course__title_en")
    def course_link(self, obj: ImportBatch) -> SafeString | None:
        return admin_link(obj.course)

    def has_undo_permission(self, request: HttpRequest) -> bool:
        return request.user.has_perms(UNDO_IMPORTS)

    @admin.action(description=_("Undo selected imports"), permissions=("undo",))
    def undo_selected(
        self, request: HttpRequest, queryset: QuerySet[ImportBatch]
    ) -> TemplateResponse | None:
        batches = list(queryset.select_related("course").order_by("-imported_at", "-id"))
        if request.POST.get("post") != "yes":
            context = {
                **self.admin_site.each_context(request),
                "title": _("Undo imports"),
                "opts": self.opts,
                "batches": batches,
                "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
                "media": self.media,
            }
            return TemplateResponse(
                request, "admin/imports/importbatch/undo_selected_confirmation.html", context
            )
        # The latest first: an earlier import is often in the way of a later one's undo.
        for batch in batches:
            try:
                report = import_batch_undo(batch=batch, user=request.user)
            except ValidationError as error:
                message = _("Import batch %(batch)s was not undone: %(reasons)s") % {
                    "batch": batch.pk,
                    "reasons": " ".join(error.messages),
                }
                self.message_user(request, message, messages.ERROR)
                continue
            counts = report.counts
            message = _(
                "Import batch %(batch)s undone: %(people)d people and %(enrolments)d enrolments "
                "deleted, %(restored)d records restored."
            ) % {
                "batch": batch.pk,
                "people": counts["people_deleted"],
                "enrolments": counts["enrolments_deleted"],
                "restored": counts["people_restored"] + counts["enrolments_restored"],
            }
            self.message_user(request, message, messages.SUCCESS)
        return None


PROBABLE_MATCH = "probable_match"
# A confirmation carries the file base64-encoded (4 characters for 3 bytes), the token and
# one field per accepted probable match.
CONFIRM_FORM_ALLOWANCE = 256 * 1024
NOT_IMPORTED_MESSAGE = _("Nothing was imported: the file was refused when it was applied.")


@dataclass
class PreviewRow:
    """A row of the preview: the service's report of it, its errors, its probable match."""

    report: RowReport
    errors: list[Problem] = field(default_factory=list)
    probable: bool = False
    accepted: bool = False


@dataclass
class ImportPreview:
    """The dry run of an import as the preview page shows it.

    A probable match refuses a file until the registrar accepts it; the preview shows what
    each probable match would do once accepted (a second dry run accepting them all), with a
    checkbox to accept it.
    """

    report: ImportReport
    rows: list[PreviewRow]
    probable: list[int]

    @property
    def errors(self) -> list[Problem]:
        """Every error, in the order of the rows (the file's own first)."""
        return sorted(self.report.errors, key=lambda problem: problem.row)

    @property
    def refused(self) -> bool:
        return self.report.refused

    @property
    def nothing_to_do(self) -> bool:
        return not self.refused and all(row.outcome == "unchanged" for row in self.report.rows)

    @property
    def can_confirm(self) -> bool:
        return not self.refused and not self.nothing_to_do


def enrolments_import_preview(
    *, course: Course, content: bytes, file_name: str, accepted: set[int]
) -> ImportPreview:
    """What importing ``content`` into ``course`` would do; nothing is written."""
    report = enrolments_import(
        course=course, upload=ContentFile(content, name=file_name), dry_run=True
    )
    probable = sorted({problem.row for problem in report.errors if problem.code == PROBABLE_MATCH})
    if probable:
        report = enrolments_import(
            course=course,
            upload=ContentFile(content, name=file_name),
            dry_run=True,
            accept_matches=probable,
        )
    errors: dict[int, list[Problem]] = {}
    for problem in report.errors:
        errors.setdefault(problem.row, []).append(problem)
    rows = [
        PreviewRow(
            report=row,
            errors=errors.get(row.row, []),
            probable=row.row in probable,
            accepted=row.row in accepted,
        )
        for row in report.rows
    ]
    return ImportPreview(report=report, rows=rows, probable=probable)


def confirm_form_max_bytes() -> int:
    return 4 * math.ceil(settings.IMPORT_UPLOAD_MAX_BYTES / 3) + CONFIRM_FORM_ALLOWANCE


def import_applied_message(report: ImportReport) -> SafeString:
    counts = report.counts
    batch_url = reverse("admin:imports_importbatch_change", args=[report.batch_id])
    return format_html(
        '“{}” imported into {} as <a href="{}">import batch #{}</a>: {} new people, {} '
        "people matched, {} new enrolments, {} enrolments changed, {} rows unchanged.",
        report.file_name,
        report.course,
        batch_url,
        report.batch_id,
        counts["people_created"],
        counts["people_matched"],
        counts["enrolments_created"],
        counts["enrolments_changed"],
        counts["unchanged"],
    )


class CourseImportsAdminMixin:
    """A course's participants imported from its admin page, and its import batches linked.

    "Import participants" leads to an upload page, then to a preview (the service's dry run),
    then to the import itself once confirmed. Nothing is kept on the server in between: the
    preview page carries the file back (``EnrolmentsImportConfirmForm``), and the service
    checks everything again when it applies it. Mixed into the course's ModelAdmin, so that
    everything about imports lives here.
    """

    def has_import_enrolments_permission(self, request: HttpRequest) -> bool:
        return request.user.has_perms(IMPORT_ENROLMENTS)

    def get_urls(self) -> list[URLPattern]:
        info = f"{self.opts.app_label}_{self.opts.model_name}"
        return [
            path(
                "<path:object_id>/import-participants/",
                self.admin_site.admin_view(self.import_participants_view),
                name=f"{info}_import_participants",
            ),
            path(
                "<path:object_id>/import-participants/confirm/",
                self.admin_site.admin_view(self.import_participants_confirm_view),
                name=f"{info}_import_participants_confirm",
            ),
            *super().get_urls(),
        ]

    def render_change_form(
        self,
        request: HttpRequest,
        context: dict[str, Any],
        add: bool = False,
        change: bool = False,
        form_url: str = "",
        obj: Course | None = None,
    ) -> HttpResponse:
        if obj is not None:
            tools = self.import_object_tools(request, obj)
            context["extra_object_tools"] = [*context.get("extra_object_tools", []), *tools]
        return super().render_change_form(request, context, add, change, form_url, obj)

    def import_object_tools(self, request: HttpRequest, course: Course) -> list[dict[str, str]]:
        """Above a course's page: its import, and its import batches when there are some."""
        tools = []
        if self.has_import_enrolments_permission(request):
            url = reverse("admin:courses_course_import_participants", args=[course.pk])
            tools.append({"label": _("Import participants"), "url": url})
        if request.user.has_perm("imports.view_importbatch"):
            count = course.import_batches.count()
            if count:
                label = ngettext("%(count)d import batch", "%(count)d import batches", count)
                changelist = reverse("admin:imports_importbatch_changelist")
                url = f"{changelist}?course__id__exact={course.pk}"
                tools.append({"label": label % {"count": count}, "url": url})
        return tools

    # CSRF is checked by ``_import_preview``: the middleware would read the request body
    # before the view could choose the upload handler that keeps the file in memory.
    @method_decorator(csrf_exempt)
    def import_participants_view(self, request: HttpRequest, object_id: str) -> HttpResponse:
        """Upload a spreadsheet of participants; answered with its preview."""
        course = self._course_to_import_into(request, object_id)
        if isinstance(course, HttpResponse):
            return course
        if request.method != "POST":
            return self._upload_page(request, course, EnrolmentsImportUploadForm())
        limit = settings.IMPORT_UPLOAD_MAX_BYTES
        if declared_length(request) > limit + MULTIPART_ALLOWANCE:
            # Refused before reading the body at all.
            form = EnrolmentsImportUploadForm(data={}, too_large=True)
            return self._upload_page(request, course, form, status=413)
        handler = BoundedMemoryUploadHandler(request, limit)
        request.upload_handlers = [handler]
        return csrf_protect(self._import_preview)(request, course, handler)

    def _import_preview(
        self, request: HttpRequest, course: Course, handler: BoundedMemoryUploadHandler
    ) -> HttpResponse:
        form = EnrolmentsImportUploadForm(request.POST, request.FILES, too_large=handler.too_large)
        if not form.is_valid():
            return self._upload_page(request, course, form, status=413 if form.too_large else 200)
        upload = form.cleaned_data["file"]
        return self._preview_page(request, course, content=upload.read(), file_name=upload.name)

    # CSRF is checked by ``_import_confirm`` once the form is read: it carries the file, and
    # Django reads a form only up to DATA_UPLOAD_MAX_MEMORY_SIZE (2.5 MB by default).
    @method_decorator(csrf_exempt)
    @method_decorator(require_POST)
    def import_participants_confirm_view(
        self, request: HttpRequest, object_id: str
    ) -> HttpResponse:
        """Apply the previewed file, with the probable matches the registrar accepted."""
        course = self._course_to_import_into(request, object_id)
        if isinstance(course, HttpResponse):
            return course
        max_bytes = confirm_form_max_bytes()
        if declared_length(request) > max_bytes:
            form = EnrolmentsImportUploadForm(data={}, too_large=True)
            return self._upload_page(request, course, form, status=413)
        if request.content_type == "application/x-www-form-urlencoded":
            request.POST = QueryDict(request.read(max_bytes), encoding=request.encoding)
        return csrf_protect(self._import_confirm)(request, course)

    def _import_confirm(self, request: HttpRequest, course: Course) -> HttpResponse:
        form = EnrolmentsImportConfirmForm(request.POST, course=course)
        if not form.is_valid():
            errors = [message for messages_ in form.errors.values() for message in messages_]
            upload = EnrolmentsImportUploadForm()
            return self._upload_page(request, course, upload, errors=errors, status=400)
        upload = form.cleaned_data["file"]
        accepted = set(form.cleaned_data["accept_matches"])
        report = enrolments_import(
            course=course,
            upload=upload,
            dry_run=False,
            user=request.user,
            accept_matches=accepted,
        )
        if report.refused:
            # Shown again as it stands now, with what refused it: a probable match left
            # unticked, or a record changed since the preview.
            upload.seek(0)
            return self._preview_page(
                request,
                course,
                content=upload.read(),
                file_name=upload.name,
                accepted=accepted,
                refusal=report,
                status=400,
            )
        self.message_user(request, import_applied_message(report), messages.SUCCESS)
        return HttpResponseRedirect(admin_change_url(course))

    def _course_to_import_into(self, request: HttpRequest, object_id: str) -> Course | HttpResponse:
        if not self.has_import_enrolments_permission(request):
            raise PermissionDenied
        course = self.get_object(request, unquote(object_id))
        if course is None:
            return self._get_obj_does_not_exist_redirect(request, self.opts, object_id)
        return course

    def _page_context(self, request: HttpRequest, course: Course, title: str) -> dict[str, Any]:
        return {
            **self.admin_site.each_context(request),
            "title": title,
            "subtitle": str(course),
            "opts": self.opts,
            "original": course,
            "course": course,
            "media": self.media,
        }

    def _upload_page(
        self,
        request: HttpRequest,
        course: Course,
        form: EnrolmentsImportUploadForm,
        *,
        errors: list[str] | None = None,
        status: int = 200,
    ) -> TemplateResponse:
        context = {
            **self._page_context(request, course, _("Import participants")),
            "form": form,
            "errors": errors or [],
            "columns": COLUMNS,
            "upload_limit": upload_limit_text(),
            "enrolment_count": course.enrolments.count(),
        }
        return TemplateResponse(
            request, "admin/imports/course_import_upload.html", context, status=status
        )

    def _preview_page(
        self,
        request: HttpRequest,
        course: Course,
        *,
        content: bytes,
        file_name: str,
        accepted: set[int] | None = None,
        refusal: ImportReport | None = None,
        status: int = 200,
    ) -> TemplateResponse:
        preview = enrolments_import_preview(
            course=course, content=content, file_name=file_name, accepted=accepted or set()
        )
        confirm_form = None
        if preview.can_confirm:
            confirm_form = EnrolmentsImportConfirmForm.for_file(
                course=course, content=content, file_name=file_name
            )
        context = {
            **self._page_context(request, course, _("Import participants: preview")),
            "preview": preview,
            "report": preview.report,
            "counts": preview.report.counts,
            "confirm_form": confirm_form,
            "refusal": refusal,
            "not_imported_message": NOT_IMPORTED_MESSAGE,
        }
        return TemplateResponse(
            request, "admin/imports/course_import_preview.html", context, status=status
        )
