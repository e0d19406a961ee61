from typing import Any

import django_filters
from django.core.exceptions import ValidationError
from django.db.models import Q, QuerySet

from apps.core.api.filters import YearFilter
from apps.courses.api.serializers import TRAINER_PERMISSIONS
from apps.courses.models import (
    Course,
    CoursePart,
    CoursePartKind,
    CourseStatus,
    CourseTrainer,
    TrainerRole,
)
from apps.organisations.models import Organisation
from apps.people.models import Person, Trainer
from apps.programmes.models import Programme

ENROLMENT_PERMISSIONS = ("enrolments.view_enrolment", "people.view_person")
PERSONAL_FILTER_ERROR = "Filtering by {name} needs the permission to view {what}."


class PersonalFilterMixin:
    """Filters on personal data, honoured only for users allowed to see that data.

    Anyone else gets a 400 whatever the value, so that an anonymous client can neither list
    a person's courses nor probe which ids exist. ``personal_filters`` maps a filter's name
    to (the permissions it needs, what they allow to view).
    """

    personal_filters: dict[str, tuple[tuple[str, ...], str]] = {}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        user = getattr(self.request, "user", None)
        for name, (permissions, what) in self.personal_filters.items():
            if user is None or not user.has_perms(permissions):
                self.filters[name] = _refused_filter(name, what, parent=self)


def _refused_filter(name: str, what: str, *, parent: Any) -> django_filters.Filter:
    message = PERSONAL_FILTER_ERROR.format(name=name, what=what)

    def refuse(value: Any) -> None:
        raise ValidationError(message, code="permission_denied")

    refused = django_filters.CharFilter(field_name=name, validators=[refuse])
    refused.parent = parent
    return refused


class CourseFilterSet(PersonalFilterMixin, django_filters.FilterSet):
    programme = django_filters.ModelChoiceFilter(queryset=Programme.objects.all())
    programme_slug = django_filters.CharFilter(field_name="programme__slug")
    status = django_filters.MultipleChoiceFilter(choices=CourseStatus.choices)
    country = django_filters.CharFilter(help_text="ISO 3166-1 alpha-2 code, e.g. AZ.")
    city = django_filters.CharFilter(lookup_expr="iexact", help_text="Any case.")
    delivered_by = django_filters.ModelChoiceFilter(queryset=Organisation.objects.all())
    delivered_by_slug = django_filters.CharFilter(field_name="delivered_by__slug")
    organised_by = django_filters.ModelChoiceFilter(queryset=Organisation.objects.all())
    organised_by_slug = django_filters.CharFilter(field_name="organised_by__slug")
    organisation = django_filters.ModelChoiceFilter(
        queryset=Organisation.objects.all(),
        method="filter_organisation",
        help_text="Courses the organisation delivered or organised.",
    )
    year = YearFilter(
        field_name="start_date",
        lookup_expr="year",
        help_text="The year the course started.",
    )
    start_after = django_filters.DateFilter(field_name="start_date", lookup_expr="gte")
    start_before = django_filters.DateFilter(field_name="start_date", lookup_expr="lte")
    end_after = django_filters.DateFilter(field_name="end_date", lookup_expr="gte")
    end_before = django_filters.DateFilter(field_name="end_date", lookup_expr="lte")
    part_kind = django_filters.MultipleChoiceFilter(
        field_name="parts__kind",
        choices=CoursePartKind.choices,
        distinct=True,
        help_text="Courses with at least one part of this kind.",
    )
    person = django_filters.ModelChoiceFilter(
        field_name="enrolments__person",
        queryset=Person.objects.all(),
        distinct=True,
        help_text=(
            "Courses the person is enrolled in. Needs the permissions to view enrolments and "
            "people; anyone else gets a 400."
        ),
    )
    trainer = django_filters.ModelChoiceFilter(
        field_name="trainer_roles__trainer",
        queryset=Trainer.objects.all(),
        distinct=True,
        help_text=(
            "Courses the trainer is assigned to. Needs the permissions to view trainers and "
            "course trainers; anyone else gets a 400."
        ),
    )

    personal_filters = {
        "person": (ENROLMENT_PERMISSIONS, "enrolments and people"),
        "trainer": (TRAINER_PERMISSIONS, "trainers and course trainers"),
    }

    class Meta:
        model = Course
        fields = [
            "programme",
            "programme_slug",
            "status",
            "country",
            "city",
            "delivered_by",
            "delivered_by_slug",
            "organised_by",
            "organised_by_slug",
            "organisation",
            "year",
            "start_after",
            "start_before",
            "end_after",
            "end_before",
            "part_kind",
            "person",
            "trainer",
        ]

    def filter_organisation(
        self, queryset: QuerySet[Course], name: str, value: Organisation
    ) -> QuerySet[Course]:
        return queryset.filter(Q(delivered_by=value) | Q(organised_by=value))


class CoursePartFilterSet(django_filters.FilterSet):
    course = django_filters.ModelChoiceFilter(queryset=Course.objects.all())
    course_slug = django_filters.CharFilter(field_name="course__slug")
    kind = django_filters.MultipleChoiceFilter(choices=CoursePartKind.choices)

    class Meta:
        model = CoursePart
        fields = ["course", "course_slug", "kind"]


class CourseTrainerFilterSet(django_filters.FilterSet):
    course = django_filters.ModelChoiceFilter(queryset=Course.objects.all())
    course_slug = django_filters.CharFilter(field_name="course__slug")
    trainer = django_filters.ModelChoiceFilter(queryset=Trainer.objects.all())
    trainer_uid = django_filters.UUIDFilter(
        field_name="trainer__person__uid", help_text="The trainer's person UID."
    )
    role = django_filters.MultipleChoiceFilter(choices=TrainerRole.choices)

    class Meta:
        model = CourseTrainer
        fields = ["course", "course_slug", "trainer", "trainer_uid", "role"]
