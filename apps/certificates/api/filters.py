import django_filters

from apps.certificates.models import Certificate, CertificateStatus
from apps.core.api.filters import YearFilter
from apps.courses.models import Course
from apps.organisations.models import Organisation
from apps.people.models import Person


class CertificateFilterSet(django_filters.FilterSet):
    status = django_filters.MultipleChoiceFilter(choices=CertificateStatus.choices)
    course = django_filters.ModelChoiceFilter(
        field_name="enrolment__course", queryset=Course.objects.all()
    )
    course_slug = django_filters.CharFilter(field_name="enrolment__course__slug")
    person = django_filters.ModelChoiceFilter(
        field_name="enrolment__person",
        queryset=Person.objects.all(),
        help_text="Certificates held by this person (their id).",
    )
    person_uid = django_filters.UUIDFilter(field_name="enrolment__person__uid")
    issued_by = django_filters.ModelChoiceFilter(queryset=Organisation.objects.all())
    issued_by_slug = django_filters.CharFilter(field_name="issued_by__slug")
    issued_after = django_filters.DateFilter(field_name="issued_on", lookup_expr="gte")
    issued_before = django_filters.DateFilter(field_name="issued_on", lookup_expr="lte")
    year = YearFilter(
        field_name="issued_on",
        lookup_expr="year",
        help_text="The year the certificate was issued.",
    )
    serial = django_filters.CharFilter(help_text="The exact serial number.")

    class Meta:
        model = Certificate
        fields = [
            "status",
            "course",
            "course_slug",
            "person",
            "person_uid",
            "issued_by",
            "issued_by_slug",
            "issued_after",
            "issued_before",
            "year",
            "serial",
        ]
