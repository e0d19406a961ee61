import django_filters

from apps.core.api.filters import RecordIdFilter
from apps.organisations.models import Organisation, OrganisationKind


class OrganisationFilterSet(django_filters.FilterSet):
    kind = django_filters.MultipleChoiceFilter(choices=OrganisationKind.choices)
    country = django_filters.CharFilter(help_text="ISO 3166-1 alpha-2 code, e.g. AZ.")
    parent = RecordIdFilter()
    parent_slug = django_filters.CharFilter(field_name="parent__slug")

    class Meta:
        model = Organisation
        fields = ["kind", "country", "parent", "parent_slug"]
