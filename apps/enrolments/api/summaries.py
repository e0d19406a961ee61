"""The short forms of enrolments, as other records show them.

Kept apart from the full serializers so that any app's serializers can import them
without import cycles.
"""

from apps.core.api.serializers import ModelSerializer
from apps.courses.api.summaries import CourseSummarySerializer
from apps.enrolments.models import Enrolment
from apps.people.api.summaries import PersonSummarySerializer


class EnrolmentSummarySerializer(ModelSerializer):
    """The short form of an enrolment: who, on which course, how far."""

    course = CourseSummarySerializer(read_only=True)
    person = PersonSummarySerializer(read_only=True)

    class Meta:
        model = Enrolment
        fields = ["id", "course", "person", "status"]
        read_only_fields = fields
