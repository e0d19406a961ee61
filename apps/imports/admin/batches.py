"""The import batches in the admin: the record of each applied import, and its undo."""

from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import HttpRequest
from django.template.response import TemplateResponse
from django.utils.safestring import SafeString
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from apps.core.admin import admin_link
from apps.core.permissions import UNDO_IMPORTS
from apps.imports.models import ImportBatch
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
