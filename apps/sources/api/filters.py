import django_filters

from apps.core.api.filters import RecordIdFilter
from apps.sources.models import Source, SourceKind, language_choices


class SourceFilterSet(django_filters.FilterSet):
    kind = django_filters.MultipleChoiceFilter(choices=SourceKind.choices)
    publisher = RecordIdFilter()
    publisher_slug = django_filters.CharFilter(field_name="publisher__slug")
    # The list, not the callable: drf-spectacular documents a callable's choices as any text.
    language = django_filters.ChoiceFilter(
        choices=language_choices(), help_text="ISO 639-1 code, e.g. fr."
    )
    programme = RecordIdFilter(
        field_name="programmes",
        distinct=True,
        help_text="Sources supporting this programme (its id).",
    )
    programme_slug = django_filters.CharFilter(field_name="programmes__slug", distinct=True)
    course = RecordIdFilter(
        field_name="courses",
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
    reported_from = RecordIdFilter(help_text="Sources that report this one (its id).")

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
