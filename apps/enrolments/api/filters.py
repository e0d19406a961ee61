import django_filters

from apps.core.api.filters import YearFilter
from apps.courses.models import Course
from apps.enrolments.models import Enrolment, EnrolmentStatus
from apps.people.models import Person
from apps.programmes.models import Programme


class EnrolmentFilterSet(django_filters.FilterSet):
    course = django_filters.ModelChoiceFilter(queryset=Course.objects.all())
    course_slug = django_filters.CharFilter(field_name="course__slug")
    person = django_filters.ModelChoiceFilter(queryset=Person.objects.all())
    person_uid = django_filters.UUIDFilter(field_name="person__uid")
    status = django_filters.MultipleChoiceFilter(choices=EnrolmentStatus.choices)
    programme = django_filters.ModelChoiceFilter(
        field_name="course__programme",
        queryset=Programme.objects.all(),
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
