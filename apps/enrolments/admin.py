from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.safestring import SafeString
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from apps.certificates.models import Certificate
from apps.core.admin import (
    RECORD_FIELDSET,
    EstimatedCountPaginator,
    LatestRelatedListFilter,
    LongChangelistMixin,
    NameSearchMixin,
    admin_link,
)
from apps.core.list_filters import YearMonthListFilter
from apps.dashboard.filters import CourseYearFilter, EnrolmentAwaitingCertificateFilter
from apps.enrolments.models import Enrolment


class EnrolmentCertificateInline(admin.TabularInline):
    """Certificates are frozen once issued: listed here, opened on their own page."""

    model = Certificate
    fk_name = "enrolment"
    fields = ("serial", "issued_on", "issued_by", "status")
    readonly_fields = fields
    extra = 0
    can_delete = False
    show_change_link = True

    def has_add_permission(self, request: HttpRequest, obj: Enrolment | None = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Enrolment | None = None) -> bool:
        return False


@admin.register(Enrolment)
class EnrolmentAdmin(LongChangelistMixin, NameSearchMixin, SimpleHistoryAdmin):
    # 100,000 rows: no COUNT(*) of the whole table for a page (see EstimatedCountPaginator),
    # nor a second one beside a filtered count.
    paginator = EstimatedCountPaginator
    show_full_result_count = False
    list_display = (
        "person_link",
        "course_link",
        "status",
        "nominated_on",
        "completed_on",
        "result",
    )
    list_filter = (
        "status",
        EnrolmentAwaitingCertificateFilter,
        CourseYearFilter,
        # In place of a date hierarchy, which scans the whole table for its years.
        ("nominated_on", YearMonthListFilter.titled(_("nomination date"))),
        ("course", LatestRelatedListFilter),
    )
    list_select_related = ("person", "course")
    folded_search_fields = ("person__full_name_folded",)
    search_fields = (
        "course__title_en",
        "course__title_fr",
        "course__city",
        "result",
    )
    autocomplete_fields = ("course", "person")
    readonly_fields = ("created_at", "updated_at")
    fieldsets = (
        (None, {"fields": ("course", "person")}),
        (_("Progress"), {"fields": ("status", ("nominated_on", "completed_on"), "result")}),
        RECORD_FIELDSET,
    )
    inlines = (EnrolmentCertificateInline,)

    def get_queryset(self, request: HttpRequest) -> QuerySet[Enrolment]:
        # Autocomplete answers name each record after its related rows too. (The changelist
        # ignores list_select_related once the queryset selects related rows itself.)
        return super().get_queryset(request).select_related(*self.list_select_related)

    @admin.display(description=_("participant"), ordering="person__family_name")
    def person_link(self, obj: Enrolment) -> SafeString | None:
        return admin_link(obj.person)

    @admin.display(description=_("course"), ordering="course__title_en")
    def course_link(self, obj: Enrolment) -> SafeString | None:
        return admin_link(obj.course)
