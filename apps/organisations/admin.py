from django.contrib import admin
from django.http import HttpRequest
from django.utils.safestring import SafeString
from django.utils.translation import gettext_lazy as _
from django_countries.filters import CountryFilter
from simple_history.admin import SimpleHistoryAdmin

from apps.core.admin import HTTPS_URL_FIELDS, RECORD_FIELDSET, BilingualAdminMixin, admin_link
from apps.organisations.models import Organisation


class UnitInline(admin.TabularInline):
    """The organisation's units, read-only: a unit is edited from its own page."""

    model = Organisation
    fk_name = "parent"
    fields = ("name_en", "acronym", "kind", "country")
    readonly_fields = fields
    extra = 0
    can_delete = False
    show_change_link = True
    verbose_name = _("unit")
    verbose_name_plural = _("units")

    def has_add_permission(self, request: HttpRequest, obj: Organisation | None = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Organisation | None = None) -> bool:
        return False


@admin.register(Organisation)
class OrganisationAdmin(BilingualAdminMixin, SimpleHistoryAdmin):
    list_display = ("name_en", "acronym", "kind", "country", "serial_prefix", "parent_link")
    list_filter = ("kind", ("country", CountryFilter))
    list_select_related = ("parent",)
    search_fields = ("name_en", "name_fr", "acronym", "slug")
    autocomplete_fields = ("parent",)
    prepopulated_fields = {"slug": ("name_en",)}
    formfield_overrides = HTTPS_URL_FIELDS
    readonly_fields = ("created_at", "updated_at")
    fieldsets = (
        (
            None,
            {"fields": (("name_en", "name_fr"), ("acronym", "slug"), ("kind", "country"))},
        ),
        (_("Place in the structure"), {"fields": ("parent", "website")}),
        (
            _("Certificates"),
            {
                "fields": ("serial_prefix",),
                "description": _(
                    "Only organisations that issue certificates need a prefix. It cannot "
                    "change once a certificate was issued under it."
                ),
            },
        ),
        RECORD_FIELDSET,
    )
    inlines = (UnitInline,)

    @admin.display(description=_("belongs to"), ordering="parent__name_en")
    def parent_link(self, obj: Organisation) -> SafeString | None:
        return admin_link(obj.parent)
