from typing import Any

from django.db.models import Prefetch
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers
from rest_framework.validators import UniqueTogetherValidator

from apps.certificates.api.summaries import CertificateSummarySerializer
from apps.certificates.models import Certificate
from apps.core.api.plain_reads import Related
from apps.core.api.relations import SummaryRelatedField
from apps.core.api.serializers import JSONTypesMixin, ModelCleanMixin, ModelSerializer
from apps.courses.api.summaries import CourseSummarySerializer
from apps.courses.models import Course
from apps.enrolments.models import DUPLICATE_ENROLMENT_ERROR, Enrolment
from apps.people.api.summaries import PersonSummarySerializer
from apps.people.models import Person

CURRENT_CERTIFICATES = "current_certificates"


def prefetch_current_certificate() -> Prefetch:
    """Each enrolment's current certificate (superseded ones are history), in one query."""
    return Prefetch(
        "certificates",
        queryset=Certificate.objects.current(),
        to_attr=CURRENT_CERTIFICATES,
    )


class OnePersonPerCourseValidator(UniqueTogetherValidator):
    """The one-enrolment-per-person-and-course constraint, reported under ``person``.

    A client enrolling people in a course picks the person: that is the field to correct.
    """

    def __call__(self, attrs: dict[str, Any], serializer: serializers.Serializer) -> None:
        try:
            super().__call__(attrs, serializer)
        except serializers.ValidationError as error:
            raise serializers.ValidationError({"person": error.detail}, code="unique") from error


class EnrolmentSerializer(JSONTypesMixin, ModelCleanMixin, ModelSerializer):
    """An enrolment in full: the course and person are written as ids, read in short."""

    course = SummaryRelatedField(
        CourseSummarySerializer,
        queryset=Course.objects.all(),
        help_text="The course (its id when writing).",
    )
    person = SummaryRelatedField(
        PersonSummarySerializer,
        # Every person, merged ones too: the model refuses a merged one and names the person kept.
        queryset=Person.objects.all(),
        help_text=(
            "The participant (their id when writing; not a person merged into another); "
            "enrolled once per course."
        ),
    )
    certificate = serializers.SerializerMethodField(
        help_text="The current certificate in short (a superseded one is not), or null."
    )

    class Meta:
        model = Enrolment
        fields = [
            "id",
            "course",
            "person",
            "status",
            "nominated_on",
            "completed_on",
            "result",
            "certificate",
            "created_at",
            "updated_at",
        ]
        read_only_fields = ["created_at", "updated_at"]
        plain_reads = {
            "certificate": Related(
                CertificateSummarySerializer, Certificate.objects.current(), link="enrolment"
            )
        }
        validators = [
            OnePersonPerCourseValidator(
                queryset=Enrolment.objects.all(),
                fields=["course", "person"],
                message=DUPLICATE_ENROLMENT_ERROR,
            )
        ]

    @extend_schema_field(CertificateSummarySerializer(allow_null=True))
    def get_certificate(self, enrolment: Enrolment) -> dict[str, Any] | None:
        current = getattr(enrolment, CURRENT_CERTIFICATES, None)
        if current is None:  # not fetched through the viewset's queryset (a new enrolment)
            current = enrolment.certificates.current()
        certificate = next(iter(current), None)
        if certificate is None:
            return None
        summary = self.__dict__.get("_certificate_summary")
        if summary is None:  # one per request, not one per row
            summary = self._certificate_summary = CertificateSummarySerializer(context=self.context)
        return summary.to_representation(certificate)
