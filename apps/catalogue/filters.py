"""The calendar's filters: the course API's names and values for the same selections."""

import django_filters

from apps.core.api.filters import RecordIdFilter
from apps.courses.models import Course


class CalendarFilterSet(django_filters.FilterSet):
    """``?programme=<id>``, ``?programme_slug=``, ``?partner=<id>``, ``?partner_slug=``.

    As on ``/api/v1/courses/``: an id or slug that matches nothing gives an empty calendar;
    what cannot be an id is refused. The partner is the programme's partner side
    (``/api/v1/programmes/?partner=``).
    """

    programme = RecordIdFilter()
    programme_slug = django_filters.CharFilter(field_name="programme__slug")
    partner = RecordIdFilter(field_name="programme__partner")
    partner_slug = django_filters.CharFilter(field_name="programme__partner__slug")

    class Meta:
        model = Course
        fields = ["programme", "programme_slug", "partner", "partner_slug"]
