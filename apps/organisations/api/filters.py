import django_filters

from apps.organisations.models import Organisation, OrganisationKind


class OrganisationFilterSet(django_filters.FilterSet):
    kind = django_filters.MultipleChoiceFilter(choices=OrganisationKind.choices)
    country = django_filters.CharFilter(help_text="ISO 3166-1 alpha-2 code, e.g. AZ.")
    parent = django_filters.ModelChoiceFilter(queryset=Organisation.objects.all())
    parent_slug = django_filters.CharFilter(field_name="parent__slug")

    class Meta:
        model = Organisation
        fields = ["kind", "country", "parent", "parent_slug"]
