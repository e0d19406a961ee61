from django.contrib import admin
from django.utils.safestring import SafeString
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from apps.core.admin import HTTPS_URL_FIELDS, RECORD_FIELDSET, admin_link, admin_links
from apps.sources.models import CourseSource, ProgrammeSource, Source


class SupportedProgrammeInline(admin.TabularInline):
    model = ProgrammeSource
    autocomplete_fields = ("programme",)
    extra = 0
    verbose_name = _("programme it supports")
    verbose_name_plural = _("programmes it supports")


class SupportedCourseInline(admin.TabularInline):
    model = CourseSource
    autocomplete_fields = ("course",)
    extra = 0
    verbose_name = _("course it supports")
    verbose_name_plural = _("courses it supports")


@admin.register(Source)
class SourceAdmin(SimpleHistoryAdmin):
    list_display = (
        "__str__",
        "kind",
        "language",
        "published",
        "publisher_link",
        "reported_from_link",
    )
    list_filter = (
        "kind",
        ("language", admin.AllValuesFieldListFilter),
        ("publisher", admin.RelatedOnlyFieldListFilter),
    )
    list_select_related = ("publisher", "reported_from__publisher")
    date_hierarchy = "published_on"
    search_fields = (
        "title",
        "slug",
        "url",
        "excerpt",
        "notes",
        "publisher__name_en",
        "publisher__name_fr",
        "publisher__acronym",
    )
    autocomplete_fields = ("publisher", "reported_from")
    inlines = (SupportedProgrammeInline, SupportedCourseInline)
    readonly_fields = ("reporting_chain_links", "created_at", "updated_at")
    formfield_overrides = HTTPS_URL_FIELDS
    fieldsets = (
        (
            None,
            {
                "fields": (
                    ("kind", "slug"),
                    "title",
                    ("publisher", "language"),
                    ("published_on", "published_precision"),
                    "url",
                )
            },
        ),
        (_("Chain of reporting"), {"fields": ("reported_from", "reporting_chain_links")}),
        (_("Content"), {"fields": ("excerpt", "notes")}),
        RECORD_FIELDSET,
    )

    @admin.display(description=_("published"), ordering="published_on")
    def published(self, obj: Source) -> str | None:
        return obj.published_display or None

    @admin.display(description=_("publisher"), ordering="publisher__name_en")
    def publisher_link(self, obj: Source) -> SafeString | None:
        return admin_link(obj.publisher)

    @admin.display(description=_("reported from"))
    def reported_from_link(self, obj: Source) -> SafeString | None:
        return admin_link(obj.reported_from)

    @admin.display(description=_("reporting chain"))
    def reporting_chain_links(self, obj: Source) -> SafeString | None:
        """This source, the one it reports, and so on back to the original."""
        if obj.pk is None:
            return None
        return admin_links(obj.reporting_chain)
