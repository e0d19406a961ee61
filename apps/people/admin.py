from collections.abc import Iterator
from typing import Any

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Prefetch, QuerySet
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import URLPattern, path, reverse
from django.utils.http import urlencode
from django.utils.safestring import SafeString
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django_countries.filters import CountryFilter
from simple_history.admin import SimpleHistoryAdmin

from apps.core.admin import (
    RECORD_FIELDSET,
    EstimatedCountPaginator,
    LongChangelistMixin,
    NameSearchMixin,
    admin_change_url,
    admin_link,
)
from apps.core.index_scans import distinct_values
from apps.core.languages import country_name
from apps.core.list_filters import IndexedRelatedOnlyFieldListFilter
from apps.core.permissions import MERGE_PEOPLE
from apps.courses.models import CourseTrainer
from apps.enrolments.models import Enrolment
from apps.people.duplicates import duplicate_pairs
from apps.people.models import Person, Trainer
from apps.people.services import person_merge

DUPLICATES_PER_PAGE = 50
MERGE_TWO_ERROR = _("Select exactly two people to merge.")
MERGE_PEOPLE_ERROR = _("Choose two different people to merge, and which one to keep.")
MERGED_MESSAGE = _("{person} was merged into {into}.")


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


class MergedFilter(admin.SimpleListFilter):
    title = _("merged")
    parameter_name = "merged"

    def lookups(self, request: HttpRequest, model_admin: admin.ModelAdmin) -> list[tuple[str, str]]:
        return [("no", _("Current people")), ("yes", _("Merged into another"))]

    def queryset(self, request: HttpRequest, queryset: QuerySet[Person]) -> QuerySet[Person]:
        if self.value() == "no":
            return queryset.current()
        if self.value() == "yes":
            return queryset.merged()
        return queryset


class NationalityFilter(CountryFilter):
    """The nationalities the register holds, read from the nationality's index.

    django-countries finds them with ``SELECT DISTINCT`` over every person (50 ms at 100,000
    people on PostgreSQL); one index probe per nationality (``distinct_values``) costs
    about a millisecond.
    """

    def lookup_choices(self, changelist: Any) -> Iterator[tuple[str, str]]:
        codes = set(distinct_values(changelist.model, self.field_path))
        return (
            (code, name)
            for code, name in self.field.get_choices(include_blank=False)
            if code in codes
        )


@admin.register(Person)
class PersonAdmin(LongChangelistMixin, NameSearchMixin, SimpleHistoryAdmin):
    """Personal data: the admin is for staff only; the public never sees these records.

    Merged people stay listed, flagged by the column "merged into" and a filter; the
    autocomplete that picks a person for an enrolment or a trainer profile leaves them out.
    """

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
        "merged_into_link",
    )
    list_filter = (
        MergedFilter,
        "service",
        ("nationality", NationalityFilter),
        ("organisation", IndexedRelatedOnlyFieldListFilter),
    )
    list_select_related = ("organisation", "merged_into")
    search_fields = ("email",)
    folded_search_fields = ("full_name_folded",)
    autocomplete_fields = ("organisation",)
    readonly_fields = ("uid", "merged_into_link", "merged_at", "created_at", "updated_at")
    actions = ["merge_selected"]
    fieldsets = (
        (None, {"fields": (("family_name", "given_names", "patronymic"), "nationality")}),
        (_("Service"), {"fields": (("rank", "service"), "organisation", "unit")}),
        (_("Personal data"), {"fields": ("birth_date", ("email", "phone"))}),
        (
            _("Record"),
            {
                "fields": (
                    "uid",
                    ("merged_into_link", "merged_at"),
                    ("created_at", "updated_at"),
                ),
                "classes": ("collapse",),
            },
        ),
    )
    inlines = (TrainerProfileInline, PersonEnrolmentInline)

    @admin.display(description=_("organisation"), ordering="organisation__name_en")
    def organisation_link(self, obj: Person) -> SafeString | None:
        return admin_link(obj.organisation)

    @admin.display(description=_("nationality"), ordering="nationality")
    def nationality_name(self, obj: Person) -> str:
        # The country's name read directly (and remembered): the admin's display of a choice
        # field rebuilds the list of 250 countries for every row, half the changelist's time.
        return country_name(obj.nationality.code, get_language()) or self.get_empty_value_display()

    @admin.display(description=_("merged into"), ordering="merged_into__family_name")
    def merged_into_link(self, obj: Person) -> SafeString | None:
        return admin_link(obj.merged_into)

    def get_search_results(
        self, request: HttpRequest, queryset: QuerySet[Person], search_term: str
    ) -> tuple[QuerySet[Person], bool]:
        if request.path == reverse("admin:autocomplete"):
            queryset = queryset.current()  # nobody is enrolled or made a trainer as merged
        return super().get_search_results(request, queryset, search_term)

    def has_merge_permission(self, request: HttpRequest) -> bool:
        return request.user.has_perms(MERGE_PEOPLE)

    def get_urls(self) -> list[URLPattern]:
        own = [
            path(
                "duplicates/",
                self.admin_site.admin_view(self.duplicates_view),
                name="people_person_duplicates",
            ),
            path(
                "merge/",
                self.admin_site.admin_view(self.merge_view),
                name="people_person_merge",
            ),
        ]
        return own + super().get_urls()

    @admin.action(description=_("Merge the two selected people"), permissions=("merge",))
    def merge_selected(
        self, request: HttpRequest, queryset: QuerySet[Person]
    ) -> HttpResponseRedirect | None:
        ids = sorted(queryset.values_list("pk", flat=True))
        if len(ids) != 2:
            self.message_user(request, MERGE_TWO_ERROR, messages.ERROR)
            return None
        query = urlencode({"people": ",".join(map(str, ids))})
        return HttpResponseRedirect(f"{reverse('admin:people_person_merge')}?{query}")

    def duplicates_view(self, request: HttpRequest) -> TemplateResponse:
        """Possible duplicates across the register, most likely first, a page at a time."""
        if not self.has_view_permission(request):
            raise PermissionDenied
        page = Paginator(duplicate_pairs(), DUPLICATES_PER_PAGE).get_page(request.GET.get("p"))
        shown = {pk for pair in page for pk in (pair.person_id, pair.other_id)}
        people = Person.objects.in_bulk(shown)
        rows = [
            {
                "person": people[pair.person_id],
                "other": people[pair.other_id],
                "score": pair.score,
                "reason": pair.reason.label,
                "merge_url": f"{reverse('admin:people_person_merge')}?"
                + urlencode({"people": f"{pair.person_id},{pair.other_id}"}),
            }
            for pair in page
            # A person merged or deleted since the register was read is no longer shown.
            if pair.person_id in people and pair.other_id in people
        ]
        context = {
            **self.admin_site.each_context(request),
            "title": _("Possible duplicates"),
            "opts": self.opts,
            "page": page,
            "rows": rows,
            "can_merge": self.has_merge_permission(request),
        }
        return TemplateResponse(request, "admin/people/person/duplicates.html", context)

    def merge_view(self, request: HttpRequest) -> HttpResponse:
        """Two people side by side with their enrolments; the registrar keeps one."""
        if not self.has_merge_permission(request):
            raise PermissionDenied
        raw = (request.POST if request.method == "POST" else request.GET).get("people", "")
        # Ids as the admin writes them; anything else (or a number no id reaches) is no id.
        parts = [part.strip() for part in raw.split(",")]
        ids = {int(part) for part in parts if part.isascii() and part.isdigit() and len(part) < 19}
        people = list(
            Person.objects.filter(pk__in=ids)
            .select_related("organisation", "merged_into", "trainer_profile")
            .prefetch_related(
                Prefetch(
                    "enrolments",
                    queryset=Enrolment.objects.select_related("course").order_by("course__pk"),
                )
            )
            .order_by("pk")
        )
        if len(ids) != 2 or len(people) != 2:
            self.message_user(request, MERGE_PEOPLE_ERROR, messages.ERROR)
            return HttpResponseRedirect(reverse("admin:people_person_changelist"))
        if request.method == "POST":
            keep = request.POST.get("keep", "")
            kept = next((person for person in people if str(person.pk) == keep), None)
            if kept is None:
                self.message_user(request, MERGE_PEOPLE_ERROR, messages.ERROR)
            else:
                merged = next(person for person in people if person is not kept)
                try:
                    person_merge(person=merged, into=kept, user=request.user)
                except ValidationError as error:
                    for message in error.messages:
                        self.message_user(request, message, messages.ERROR)
                else:
                    message = MERGED_MESSAGE.format(person=merged, into=kept)
                    self.message_user(request, message, messages.SUCCESS)
                    return HttpResponseRedirect(admin_change_url(kept))
        context = {
            **self.admin_site.each_context(request),
            "title": _("Merge two people"),
            "opts": self.opts,
            "people": people,
            "people_ids": ",".join(str(person.pk) for person in people),
        }
        return TemplateResponse(request, "admin/people/person/merge_confirmation.html", context)


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
