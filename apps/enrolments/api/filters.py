import django_filters

from apps.core.api.filters import RecordIdFilter, YearFilter
from apps.enrolments.models import Enrolment, EnrolmentStatus


class EnrolmentFilterSet(django_filters.FilterSet):
    course = RecordIdFilter()
    course_slug = django_filters.CharFilter(field_name="course__slug")
    person = RecordIdFilter()
    person_uid = django_filters.UUIDFilter(field_name="person__uid")
    status = django_filters.MultipleChoiceFilter(choices=EnrolmentStatus.choices)
    programme = RecordIdFilter(
        field_name="course__programme",
        help_text="Enrolments in the courses of this programme (its id).",
    )
    programme_slug = django_filters.CharFilter(field_name="course__programme__slug")
    year = YearFilter(
        field_name="course__start_date",
        lookup_expr="year",
        help_text="The year the course starts.",
    )
    completed_after = django_filters.DateFilter(field_name="completed_on", lookup_expr="gte")
    completed_before = django_filters.DateFilter(field_name="completed_on", lookup_expr="lte")

    class Meta:
        model = Enrolment
        fields = [
            "course",
            "course_slug",
            "person",
            "person_uid",
            "status",
            "programme",
            "programme_slug",
            "year",
            "completed_after",
            "completed_before",
        ]
