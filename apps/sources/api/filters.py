import django_filters

from apps.courses.models import Course
from apps.organisations.models import Organisation
from apps.programmes.models import Programme
from apps.sources.models import Source, SourceKind, language_choices


class SourceFilterSet(django_filters.FilterSet):
    kind = django_filters.MultipleChoiceFilter(choices=SourceKind.choices)
    publisher = django_filters.ModelChoiceFilter(queryset=Organisation.objects.all())
    publisher_slug = django_filters.CharFilter(field_name="publisher__slug")
    language = django_filters.ChoiceFilter(
        choices=language_choices, help_text="ISO 639-1 code, e.g. fr."
    )
    programme = django_filters.ModelChoiceFilter(
        field_name="programmes",
        queryset=Programme.objects.all(),
        distinct=True,
        help_text="Sources supporting this programme (its id).",
    )
    programme_slug = django_filters.CharFilter(field_name="programmes__slug", distinct=True)
    course = django_filters.ModelChoiceFilter(
        field_name="courses",
        queryset=Course.objects.all(),
        distinct=True,
        help_text="Sources supporting this course (its id).",
    )
    course_slug = django_filters.CharFilter(field_name="courses__slug", distinct=True)
    published_after = django_filters.DateFilter(
        field_name="published_on",
        lookup_expr="gte",
        help_text="Published on or after this day (a date known to the year counts as 1 January).",
    )
    published_before = django_filters.DateFilter(
        field_name="published_on", lookup_expr="lte", help_text="Published on or before this day."
    )
    reported_from = django_filters.ModelChoiceFilter(
        queryset=Source.objects.all(), help_text="Sources that report this one (its id)."
    )

    class Meta:
        model = Source
        fields = [
            "kind",
            "publisher",
            "publisher_slug",
            "language",
            "programme",
            "programme_slug",
            "course",
            "course_slug",
            "published_after",
            "published_before",
            "reported_from",
        ]
