import django_filters

from apps.certificates.models import Certificate, CertificateStatus
from apps.core.api.filters import RecordIdFilter, YearFilter


class CertificateFilterSet(django_filters.FilterSet):
    status = django_filters.MultipleChoiceFilter(choices=CertificateStatus.choices)
    course = RecordIdFilter(
        field_name="enrolment__course",
    )
    course_slug = django_filters.CharFilter(field_name="enrolment__course__slug")
    person = RecordIdFilter(
        field_name="enrolment__person",
        help_text="Certificates held by this person (their id).",
    )
    person_uid = django_filters.UUIDFilter(field_name="enrolment__person__uid")
    issued_by = RecordIdFilter()
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
