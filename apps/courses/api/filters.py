import django_filters
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from apps.core.api.filters import PersonalFilterMixin, RecordIdFilter, YearFilter
from apps.courses.api.serializers import TRAINER_PERMISSIONS
from apps.courses.models import (
    Course,
    CoursePart,
    CoursePartKind,
    CourseStatus,
    CourseTrainer,
    TrainerRole,
)

ENROLMENT_PERMISSIONS = ("enrolments.view_enrolment", "people.view_person")


class CourseFilterSet(PersonalFilterMixin, django_filters.FilterSet):
    programme = RecordIdFilter()
    programme_slug = django_filters.CharFilter(field_name="programme__slug")
    status = django_filters.MultipleChoiceFilter(choices=CourseStatus.choices)
    country = django_filters.CharFilter(help_text="ISO 3166-1 alpha-2 code, e.g. AZ.")
    city = django_filters.CharFilter(lookup_expr="iexact", help_text="Any case.")
    delivered_by = RecordIdFilter()
    delivered_by_slug = django_filters.CharFilter(field_name="delivered_by__slug")
    organised_by = RecordIdFilter()
    organised_by_slug = django_filters.CharFilter(field_name="organised_by__slug")
    organisation = RecordIdFilter(
        method="filter_organisation",
        label=_("organisation that delivered or organised it"),
        help_text="Courses the organisation (its id) delivered or organised.",
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
        label=_("kind of part"),
        help_text="Courses with at least one part of this kind.",
    )
    person = RecordIdFilter(
        field_name="enrolments__person",
        distinct=True,
        label=_("participant"),
        help_text=(
            "Courses the person is enrolled in (their id). Needs the permissions to view "
            "enrolments and people; anyone else gets a 401 (not logged in) or a 403."
        ),
    )
    trainer = RecordIdFilter(
        field_name="trainer_roles__trainer",
        distinct=True,
        label=_("trainer"),
        help_text=(
            "Courses the trainer is assigned to (its id). Needs the permissions to view "
            "trainers and course trainers; anyone else gets a 401 (not logged in) or a 403."
        ),
    )

    personal_filters = {
        "person": (ENROLMENT_PERMISSIONS, _("enrolments and people")),
        "trainer": (TRAINER_PERMISSIONS, _("trainers and course trainers")),
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
        self, queryset: QuerySet[Course], name: str, value: int
    ) -> QuerySet[Course]:
        return queryset.filter(Q(delivered_by=value) | Q(organised_by=value))


class CoursePartFilterSet(django_filters.FilterSet):
    course = RecordIdFilter()
    course_slug = django_filters.CharFilter(field_name="course__slug")
    kind = django_filters.MultipleChoiceFilter(choices=CoursePartKind.choices)

    class Meta:
        model = CoursePart
        fields = ["course", "course_slug", "kind"]


class CourseTrainerFilterSet(django_filters.FilterSet):
    course = RecordIdFilter()
    course_slug = django_filters.CharFilter(field_name="course__slug")
    trainer = RecordIdFilter()
    trainer_uid = django_filters.UUIDFilter(
        field_name="trainer__person__uid", help_text="The trainer's person UID."
    )
    role = django_filters.MultipleChoiceFilter(choices=TrainerRole.choices)

    class Meta:
        model = CourseTrainer
        fields = ["course", "course_slug", "trainer", "trainer_uid", "role"]
