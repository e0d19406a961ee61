from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.safestring import SafeString
from django.utils.translation import gettext_lazy as _
from django_countries.filters import CountryFilter
from simple_history.admin import SimpleHistoryAdmin

from apps.core.admin import RECORD_FIELDSET, EstimatedCountPaginator, NameSearchMixin, admin_link
from apps.courses.models import CourseTrainer
from apps.enrolments.models import Enrolment
from apps.people.models import Person, Trainer


class TrainerProfileInline(admin.StackedInline):
    model = Trainer
    fields = ("affiliation", "expertise")
    autocomplete_fields = ("affiliation",)
    max_num = 1
    extra = 0
    show_change_link = True


class PersonEnrolmentInline(admin.TabularInline):
    model = Enrolment
    fields = ("course", "status", "nominated_on", "completed_on", "result")
    autocomplete_fields = ("course",)
    extra = 0
    show_change_link = True


@admin.register(Person)
class PersonAdmin(NameSearchMixin, SimpleHistoryAdmin):
    """Personal data: the admin is for staff only; the public never sees these records."""

    # 100,000 rows: no COUNT(*) of the whole table for a page (see EstimatedCountPaginator),
    # nor a second one beside a filtered count.
    paginator = EstimatedCountPaginator
    show_full_result_count = False
    list_display = (
        "family_name",
        "given_names",
        "rank",
        "organisation_link",
        "nationality_name",
    )
    list_filter = (
        "service",
        ("nationality", CountryFilter),
        ("organisation", admin.RelatedOnlyFieldListFilter),
    )
    list_select_related = ("organisation",)
    search_fields = ("email",)
    folded_search_fields = ("full_name_folded",)
    autocomplete_fields = ("organisation",)
    readonly_fields = ("uid", "created_at", "updated_at")
    fieldsets = (
        (None, {"fields": (("family_name", "given_names", "patronymic"), "nationality")}),
        (_("Service"), {"fields": (("rank", "service"), "organisation", "unit")}),
        (_("Personal data"), {"fields": ("birth_date", ("email", "phone"))}),
        (
            _("Record"),
            {"fields": ("uid", ("created_at", "updated_at")), "classes": ("collapse",)},
        ),
    )
    inlines = (TrainerProfileInline, PersonEnrolmentInline)

    @admin.display(description=_("organisation"), ordering="organisation__name_en")
    def organisation_link(self, obj: Person) -> SafeString | None:
        return admin_link(obj.organisation)

    @admin.display(description=_("nationality"), ordering="nationality")
    def nationality_name(self, obj: Person) -> str:
        # The country's name read directly: the admin's display of a choice field rebuilds
        # the list of 250 countries for every row, half the changelist's time.
        return obj.nationality.name or self.get_empty_value_display()


class TrainerAssignmentInline(admin.TabularInline):
    model = CourseTrainer
    fields = ("course", "role")
    autocomplete_fields = ("course",)
    extra = 0
    verbose_name = _("course taught")
    verbose_name_plural = _("courses taught")


@admin.register(Trainer)
class TrainerAdmin(NameSearchMixin, SimpleHistoryAdmin):
    list_display = ("person_link", "affiliation_link", "expertise")
    list_filter = (("affiliation", admin.RelatedOnlyFieldListFilter),)
    list_select_related = ("person", "affiliation")
    search_fields = ("expertise",)
    folded_search_fields = ("person__full_name_folded",)
    autocomplete_fields = ("person", "affiliation")
    readonly_fields = ("created_at", "updated_at")
    fieldsets = ((None, {"fields": ("person", "affiliation", "expertise")}), RECORD_FIELDSET)
    inlines = (TrainerAssignmentInline,)

    def get_queryset(self, request: HttpRequest) -> QuerySet[Trainer]:
        # Autocomplete answers name each record after its related rows too. (The changelist
        # ignores list_select_related once the queryset selects related rows itself.)
        return super().get_queryset(request).select_related(*self.list_select_related)

    @admin.display(description=_("person"), ordering="person__family_name")
    def person_link(self, obj: Trainer) -> SafeString | None:
        return admin_link(obj.person)

    @admin.display(description=_("affiliation"), ordering="affiliation__name_en")
    def affiliation_link(self, obj: Trainer) -> SafeString | None:
        return admin_link(obj.affiliation)
