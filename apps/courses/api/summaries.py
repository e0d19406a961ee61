"""The short forms of courses, as other records show them.

Kept apart from the full serializers so that any app's serializers can import them
without import cycles.
"""

from django_countries.serializers import CountryFieldMixin

from apps.core.api.fields import PartialDateField, localised_field
from apps.core.api.serializers import ModelSerializer
from apps.courses.models import Course


class CourseSummarySerializer(CountryFieldMixin, ModelSerializer):
    """The short form of a course, as other records show it."""

    title = localised_field()
    start = PartialDateField(date_field="start_date", precision_field="start_precision")
    end = PartialDateField(date_field="end_date", precision_field="end_precision")

    class Meta:
        model = Course
        fields = ["id", "slug", "title", "city", "country", "start", "end", "status"]
        read_only_fields = fields
