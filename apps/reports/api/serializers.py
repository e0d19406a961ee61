from typing import Any

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from apps.core.api.filters import MAX_RECORD_ID, is_whole_number_text
from apps.enrolments.models import EnrolmentStatus
from apps.programmes.models import FIRST_YEAR, LAST_YEAR
from apps.reports.forms import year_range_errors
from apps.reports.selectors import ReportFilters


class WholeNumberField(serializers.IntegerField):
    """An integer written with digits only: DRF reads "12.0" as 12, which the schema refuses."""

    def to_internal_value(self, data: Any) -> int:
        if not is_whole_number_text(data):
            self.fail("invalid")
        return super().to_internal_value(data)


@extend_schema_field({"type": "integer", "minimum": 1, "maximum": MAX_RECORD_ID})
class RecordIdField(WholeNumberField):
    """A record's id, documented as the lists' id filters are (``RecordIdFilter``)."""


def _record_id(help_text: str) -> serializers.IntegerField:
    return RecordIdField(required=False, min_value=1, max_value=MAX_RECORD_ID, help_text=help_text)


def _year(help_text: str) -> serializers.IntegerField:
    return WholeNumberField(
        required=False, min_value=FIRST_YEAR, max_value=LAST_YEAR, help_text=help_text
    )


class ReportFilterSerializer(serializers.Serializer):
    """The reports' filters, read from the query string; an empty value is no filter."""

    year_from = _year("The first year: a course's year is its start's (else its end's).")
    year_to = _year("The last year, included.")
    programme = _record_id("A programme's id.")
    partner = _record_id("A partner's id: the organisation on the partner side of programmes.")
    issuer = _record_id("An issuer's id: narrows the certificate figures only.")

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        errors = year_range_errors(attrs.get("year_from"), attrs.get("year_to"))
        if errors:
            raise serializers.ValidationError(
                {field: error.messages for field, error in errors.items()}
            )
        return attrs

    @classmethod
    def filters_from(cls, query: Any) -> ReportFilters:
        """The filters of a query string, or a ``ValidationError`` (400)."""
        data = {name: query.get(name) for name in cls._declared_fields if query.get(name)}
        serializer = cls(data=data)
        serializer.is_valid(raise_exception=True)
        values = serializer.validated_data
        return ReportFilters(
            year_from=values.get("year_from"),
            year_to=values.get("year_to"),
            programme_id=values.get("programme"),
            partner_id=values.get("partner"),
            issuer_id=values.get("issuer"),
        )


class ProgrammeFigureSerializer(serializers.Serializer):
    """The figures of one programme, partner and year."""

    year = serializers.IntegerField(
        allow_null=True, help_text="The courses' year; null for courses with no known date."
    )
    programme = serializers.IntegerField(source="programme_id")
    programme_title_en = serializers.CharField()
    programme_title_fr = serializers.CharField(allow_blank=True)
    partner = serializers.IntegerField(source="partner_id")
    partner_name_en = serializers.CharField()
    partner_name_fr = serializers.CharField(allow_blank=True)
    partner_country = serializers.CharField(
        allow_blank=True, help_text="The partner's ISO 3166-1 country; empty if it has none."
    )
    courses_held = serializers.IntegerField(
        help_text="Courses recorded as held whose earliest possible end is today or before."
    )
    participants_nominated = serializers.IntegerField(
        help_text="People enrolled, whatever their status."
    )
    participants_attended = serializers.IntegerField(
        help_text="People who attended, completed or failed."
    )
    participants_completed = serializers.IntegerField(help_text="People who completed.")
    certificates_issued = serializers.IntegerField(
        help_text="Certificates issued, revoked and superseded ones included."
    )
    certificates_revoked = serializers.IntegerField()
    certificates_superseded = serializers.IntegerField()


class ParticipantsTrainedSerializer(serializers.Serializer):
    """People who completed a course in a year, from one partner."""

    year = serializers.IntegerField()
    partner = serializers.IntegerField(source="partner_id")
    partner_name_en = serializers.CharField()
    partner_name_fr = serializers.CharField(allow_blank=True)
    participants_trained = serializers.IntegerField(source="value")


class CertificatesIssuedSerializer(serializers.Serializer):
    """Certificates an issuer issued in a year, revoked and superseded ones included."""

    year = serializers.IntegerField(help_text="The year of issue.")
    issuer = serializers.IntegerField(source="issuer_id")
    issuer_name_en = serializers.CharField()
    issuer_name_fr = serializers.CharField(allow_blank=True)
    certificates_issued = serializers.IntegerField(source="value")


class AttendanceRowSerializer(serializers.Serializer):
    """One participant of the course and how far they went."""

    family_name = serializers.CharField()
    given_names = serializers.CharField(allow_blank=True)
    rank = serializers.CharField(allow_blank=True)
    organisation = serializers.CharField(allow_blank=True)
    nationality = serializers.CharField(allow_blank=True)
    status = serializers.ChoiceField(choices=EnrolmentStatus.choices)
    nominated = serializers.BooleanField(help_text="Always true: everyone listed was nominated.")
    attended = serializers.BooleanField()
    completed = serializers.BooleanField()
    completed_on = serializers.DateField(allow_null=True)


class AttendanceSerializer(serializers.Serializer):
    """A course's attendance list: everyone nominated, by name."""

    course = serializers.IntegerField()
    course_title_en = serializers.CharField()
    course_title_fr = serializers.CharField(allow_blank=True)
    nominated = serializers.IntegerField()
    attended = serializers.IntegerField()
    completed = serializers.IntegerField()
    participants = AttendanceRowSerializer(many=True)
