import django_filters
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from apps.core.api.filters import RecordIdFilter, YearFilter
from apps.programmes.models import Programme, ProgrammeKind, ProgrammeStatus


class ProgrammeFilterSet(django_filters.FilterSet):
    kind = django_filters.MultipleChoiceFilter(choices=ProgrammeKind.choices)
    status = django_filters.MultipleChoiceFilter(choices=ProgrammeStatus.choices)
    partner = RecordIdFilter()
    partner_slug = django_filters.CharFilter(field_name="partner__slug")
    partner_country = django_filters.CharFilter(
        field_name="partner__country", help_text="ISO 3166-1 alpha-2 code, e.g. AZ."
    )
    nato_side = RecordIdFilter()
    nato_side_slug = django_filters.CharFilter(field_name="nato_side__slug")
    year = YearFilter(
        method="filter_year",
        label=_("year in force"),
        help_text="Programmes in force that year: it lies in their period.",
    )
    start_year_after = YearFilter(
        field_name="start_year",
        lookup_expr="gte",
        help_text="Programmes starting that year or later.",
    )
    start_year_before = YearFilter(
        field_name="start_year",
        lookup_expr="lte",
        help_text="Programmes starting that year or earlier.",
    )

    class Meta:
        model = Programme
        fields = [
            "kind",
            "status",
            "partner",
            "partner_slug",
            "partner_country",
            "nato_side",
            "nato_side_slug",
            "year",
            "start_year_after",
            "start_year_before",
        ]

    def filter_year(
        self, queryset: QuerySet[Programme], name: str, value: int
    ) -> QuerySet[Programme]:
        return queryset.filter(start_year__lte=value, end_year__gte=value)
