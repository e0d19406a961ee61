import django_filters
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from apps.core.api.filters import RecordIdFilter
from apps.people.models import Person, PersonQuerySet, Service, Trainer, uid_names


class PersonFilterSet(django_filters.FilterSet):
    organisation = RecordIdFilter()
    organisation_slug = django_filters.CharFilter(field_name="organisation__slug")
    nationality = django_filters.CharFilter(help_text="ISO 3166-1 alpha-2 code, e.g. AZ.")
    service = django_filters.MultipleChoiceFilter(choices=Service.choices)
    family_name = django_filters.CharFilter(
        lookup_expr="icontains", help_text="Part of the family name, in any case."
    )
    uid = django_filters.UUIDFilter(
        method="filter_uid",
        help_text="The person with this UID; a merged person's UID gives the person kept.",
    )
    merged = django_filters.ChoiceFilter(
        choices=[("true", "true"), ("false", "false")],
        method="filter_merged",
        label=_("merged into another"),
        help_text=(
            "true: only people merged into another; false (or absent): only current people."
        ),
    )
    # A ChoiceFilter, not a BooleanFilter: that one ignores a value it cannot read.
    has_trainer_profile = django_filters.ChoiceFilter(
        choices=[("true", "true"), ("false", "false")],
        method="filter_has_trainer_profile",
        label=_("has a trainer profile"),
        help_text="true: only people with a trainer profile; false: only those without.",
    )

    class Meta:
        model = Person
        fields = [
            "organisation",
            "organisation_slug",
            "nationality",
            "service",
            "family_name",
            "has_trainer_profile",
            "uid",
            "merged",
        ]

    def filter_queryset(self, queryset: PersonQuerySet) -> PersonQuerySet:
        queryset = super().filter_queryset(queryset)
        return queryset if self.form.cleaned_data.get("merged") else queryset.current()

    def filter_uid(self, queryset: PersonQuerySet, name: str, value: str) -> PersonQuerySet:
        return queryset.filter(uid_names(value))

    def filter_merged(self, queryset: PersonQuerySet, name: str, value: str) -> PersonQuerySet:
        return queryset.merged() if value == "true" else queryset.current()

    def filter_has_trainer_profile(
        self, queryset: QuerySet[Person], name: str, value: str
    ) -> QuerySet[Person]:
        return queryset.filter(trainer_profile__isnull=value != "true")


class TrainerFilterSet(django_filters.FilterSet):
    person = RecordIdFilter()
    person_uid = django_filters.UUIDFilter(field_name="person__uid")
    affiliation = RecordIdFilter()
    affiliation_slug = django_filters.CharFilter(field_name="affiliation__slug")
    course = RecordIdFilter(
        field_name="assignments__course",
        distinct=True,
        label=_("course"),
        help_text="Trainers assigned to this course (its id).",
    )

    class Meta:
        model = Trainer
        fields = ["person", "person_uid", "affiliation", "affiliation_slug", "course"]
