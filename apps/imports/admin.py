from django.contrib import admin
from django.http import HttpRequest
from django.utils.safestring import SafeString
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from apps.core.admin import admin_link
from apps.imports.models import ImportBatch


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
    readonly_fields = tuple(field.name for field in ImportBatch._meta.fields if field.name != "id")

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False  # an import creates its batch

    def has_delete_permission(self, request: HttpRequest, obj: ImportBatch | None = None) -> bool:
        return False

    @admin.display(description=_("course"), ordering="course__title_en")
    def course_link(self, obj: ImportBatch) -> SafeString | None:
        return admin_link(obj.course)
