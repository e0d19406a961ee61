"""A course's "Import participants" pages (upload → preview → confirm), in its admin."""

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect, QueryDict
from django.template.response import TemplateResponse
from django.urls import URLPattern, reverse
from django.utils.decorators import method_decorator
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_POST

from apps.core.admin import ObjectToolsMixin, admin_change_url
from apps.core.permissions import IMPORT_ENROLMENTS
from apps.core.uploads import MULTIPART_ALLOWANCE, BoundedMemoryUploadHandler, declared_length
from apps.courses.models import Course
from apps.imports.admin.previews import (
    confirm_form_max_bytes,
    enrolments_import_preview,
    import_applied_message,
)
from apps.imports.columns import COLUMNS
from apps.imports.forms import (
    EnrolmentsImportConfirmForm,
    EnrolmentsImportUploadForm,
    upload_limit_text,
)
from apps.imports.services import ImportReport, enrolments_import

NOT_IMPORTED_MESSAGE = _("Nothing was imported: the file was refused when it was applied.")


class CourseImportsAdminMixin(ObjectToolsMixin):
    """A course's participants imported from its admin page, and its import batches linked.

    "Import participants" leads to an upload page, then to a preview (the service's dry run),
    then to the import itself once confirmed. Nothing is kept on the server in between: the
    preview page carries the file back (``EnrolmentsImportConfirmForm``), and the service
    checks everything again when it applies it. Mixed into the course's ModelAdmin, so that
    everything about imports lives here.
    """

    def has_import_enrolments_permission(self, request: HttpRequest) -> bool:
        return request.user.has_perms(IMPORT_ENROLMENTS)

    def get_object_urls(self) -> list[URLPattern]:
        return [
            self.object_path(
                "import-participants/", self.import_participants_view, "import_participants"
            ),
            self.object_path(
                "import-participants/confirm/",
                self.import_participants_confirm_view,
                "import_participants_confirm",
            ),
            *super().get_object_urls(),
        ]

    def get_object_tools(self, request: HttpRequest, obj: Course) -> list[dict[str, str]]:
        return [*self.import_object_tools(request, obj), *super().get_object_tools(request, obj)]

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
