from django.contrib import admin
from django.http import HttpRequest
from django.utils.safestring import SafeString
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from apps.core.admin import RECORD_FIELDSET, BilingualAdminMixin, admin_link
from apps.courses.models import Course
from apps.programmes.models import Programme
from apps.sources.models import ProgrammeSource


class ProgrammeCourseInline(admin.TabularInline):
    """The programme's courses at a glance; each is recorded and edited on its own page."""

    model = Course
    fields = ("title_en", "start", "city", "status")
    readonly_fields = fields
    extra = 0
    can_delete = False
    show_change_link = True

    def has_add_permission(self, request: HttpRequest, obj: Programme | None = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Programme | None = None) -> bool:
        return False

    @admin.display(description=_("start"))
    def start(self, obj: Course) -> str | None:
        return obj.start_display or None


class ProgrammeSourceInline(admin.TabularInline):
    model = ProgrammeSource
    autocomplete_fields = ("source",)
    extra = 0
    verbose_name = _("supporting source")
    verbose_name_plural = _("supporting sources")


@admin.register(Programme)
class ProgrammeAdmin(BilingualAdminMixin, SimpleHistoryAdmin):
    list_display = ("title_en", "kind", "period", "partner_link", "nato_side_link", "status")
    list_filter = ("kind", "status", "start_year")
    list_select_related = ("partner", "nato_side")
    search_fields = (
        "title_en",
        "title_fr",
        "slug",
        "partner__name_en",
        "partner__name_fr",
        "partner__acronym",
    )
    autocomplete_fields = ("partner", "nato_side")
    prepopulated_fields = {"slug": ("title_en",)}
    readonly_fields = ("created_at", "updated_at")
    fieldsets = (
        (
            None,
            {
                "fields": (
                    ("title_en", "title_fr"),
                    ("slug", "kind", "status"),
                    ("partner", "nato_side"),
                    ("start_year", "end_year"),
                )
            },
        ),
        # Each language's name in itself, as the language switch shows it.
        (_("English"), {"fields": ("description_en",)}),
        (_("French"), {"fields": ("description_fr",)}),
        RECORD_FIELDSET,
    )
    inlines = (ProgrammeCourseInline, ProgrammeSourceInline)

    @admin.display(description=_("period"), ordering="start_year")
    def period(self, obj: Programme) -> str:
        return obj.period

    @admin.display(description=_("partner side"), ordering="partner__name_en")
    def partner_link(self, obj: Programme) -> SafeString | None:
        return admin_link(obj.partner)

    @admin.display(description=_("NATO side"), ordering="nato_side__name_en")
    def nato_side_link(self, obj: Programme) -> SafeString | None:
        return admin_link(obj.nato_side)
