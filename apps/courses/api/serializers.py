from collections.abc import Mapping
from typing import Any

from django.contrib.auth.models import AnonymousUser, PermissionsMixin
from django.db.models import QuerySet
from django_countries.serializers import CountryFieldMixin
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from apps.certificates.services import course_status_check
from apps.core.api.fields import PartialDateField, localised_field
from apps.core.api.plain_reads import Given, Related
from apps.core.api.relations import SummaryRelatedField
from apps.core.api.serializers import JSONTypesMixin, ModelCleanMixin, ModelSerializer
from apps.courses.api.summaries import CourseSummarySerializer
from apps.courses.models import Course, CoursePart, CourseTrainer
from apps.organisations.api.summaries import OrganisationSummarySerializer
from apps.organisations.models import Organisation
from apps.people.api.summaries import TrainerSummarySerializer
from apps.people.models import Trainer
from apps.programmes.api.summaries import ProgrammeSummarySerializer
from apps.programmes.models import Programme
from apps.sources.api.summaries import SourceSummarySerializer
from apps.sources.models import Source

# Who trained a course is personal data: the same permissions as /course-trainers/ and /trainers/.
TRAINER_PERMISSIONS = ("courses.view_coursetrainer", "people.view_trainer")
TRAINERS_HELP = (
    "The trainers' assignments, to users who may view trainers and course trainers; "
    "null for anyone else (who trained a course is personal data)."
)


def can_view_trainers(user: PermissionsMixin | AnonymousUser | None) -> bool:
    """Whether ``user`` may see who trained a course."""
    return user is not None and user.has_perms(TRAINER_PERMISSIONS)


def can_view_trainers_in(context: Mapping[str, Any]) -> bool:
    """Whether the request of a serializer's ``context`` may see who trained a course."""
    return can_view_trainers(getattr(context.get("request"), "user", None))


def trainer_assignments() -> QuerySet[CourseTrainer]:
    """The trainers' assignments, in the order a course lists them."""
    return CourseTrainer.objects.select_related("trainer__person").order_by(
        "role", "trainer__person__family_name", "trainer__person__given_names", "id"
    )


PART_FIELDS = [
    "position",
    "kind",
    "title",
    "title_en",
    "title_fr",
    "scenario",
    "scenario_en",
    "scenario_fr",
    "description",
    "description_en",
    "description_fr",
    "audience",
    "audience_en",
    "audience_fr",
]


class CourseOwnPartSerializer(ModelSerializer):
    """A part as its course lists it (the course is the record around it)."""

    title = localised_field()
    scenario = localised_field()
    description = localised_field()
    audience = localised_field()

    class Meta:
        model = CoursePart
        fields = ["id", *PART_FIELDS]
        read_only_fields = fields


class CourseOwnTrainerSerializer(ModelSerializer):
    """A trainer's assignment as its course lists it."""

    trainer = TrainerSummarySerializer(read_only=True)

    class Meta:
        model = CourseTrainer
        fields = ["id", "role", "trainer"]
        read_only_fields = fields


class CourseSerializer(JSONTypesMixin, ModelCleanMixin, CountryFieldMixin, ModelSerializer):
    title = localised_field()
    summary = localised_field()
    outcome = localised_field()
    programme = SummaryRelatedField(
        ProgrammeSummarySerializer,
        queryset=Programme.objects.all(),
        help_text="The programme the course was delivered under (its id when writing).",
    )
    start = PartialDateField(date_field="start_date", precision_field="start_precision")
    end = PartialDateField(date_field="end_date", precision_field="end_precision")
    delivered_by = SummaryRelatedField(
        OrganisationSummarySerializer,
        queryset=Organisation.objects.all(),
        allow_null=True,
        required=False,
        help_text="The team that delivered the course (its id when writing).",
    )
    organised_by = SummaryRelatedField(
        OrganisationSummarySerializer,
        queryset=Organisation.objects.all(),
        allow_null=True,
        required=False,
        help_text="The host, e.g. the partner's ministry of defence (its id when writing).",
    )
    parts = CourseOwnPartSerializer(
        many=True, read_only=True, help_text="In order; edited through /course-parts/."
    )
    trainers = serializers.SerializerMethodField(help_text=TRAINERS_HELP)
    enrolment_count = serializers.IntegerField(
        read_only=True,
        help_text="How many people were enrolled, whatever their status (never who).",
    )
    certificate_count = serializers.IntegerField(
        read_only=True,
        help_text="How many valid certificates the course's enrolments hold (never whose).",
    )
    sources = SourceSummarySerializer(
        many=True, read_only=True, help_text="The sources the record rests on."
    )

    class Meta:
        model = Course
        fields = [
            "id",
            "slug",
            "programme",
            "title",
            "title_en",
            "title_fr",
            "pcm_activity",
            "city",
            "country",
            "start",
            "start_date",
            "start_precision",
            "end",
            "end_date",
            "end_precision",
            "delivered_by",
            "organised_by",
            "status",
            "summary",
            "summary_en",
            "summary_fr",
            "outcome",
            "outcome_en",
            "outcome_fr",
            "certificates_awarded",
            "parts",
            "trainers",
            "enrolment_count",
            "certificate_count",
            "sources",
            "created_at",
            "updated_at",
        ]
        read_only_fields = ["created_at", "updated_at"]
        plain_reads = {
            "parts": Related(
                CourseOwnPartSerializer,
                CoursePart.objects.order_by("position"),
                link="course",
                many=True,
            ),
            "trainers": Related(
                CourseOwnTrainerSerializer,
                trainer_assignments(),
                link="course",
                many=True,
                shown=can_view_trainers_in,
            ),
            "sources": Related(
                SourceSummarySerializer, Source.objects.all(), link="courses", many=True
            ),
            # Counted for the page's courses only, by the view (``paginate_queryset``).
            "enrolment_count": Given(),
            "certificate_count": Given(),
        }

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        attrs = super().validate(attrs)
        if self.instance is not None and "status" in attrs:
            course_status_check(course=self.instance, status=attrs["status"])
        return attrs

    @extend_schema_field(CourseOwnTrainerSerializer(many=True, allow_null=True))
    def get_trainers(self, course: Course) -> list[dict[str, Any]] | None:
        if not can_view_trainers_in(self.context):
            return None
        assignment = self.__dict__.get("_assignment_serializer")
        if assignment is None:  # one per request, not one per course
            assignment = self._assignment_serializer = CourseOwnTrainerSerializer(
                context=self.context
            )
        return [assignment.to_representation(role) for role in course.trainer_roles.all()]


class CoursePartSerializer(JSONTypesMixin, ModelCleanMixin, ModelSerializer):
    title = localised_field()
    scenario = localised_field()
    description = localised_field()
    audience = localised_field()
    course = SummaryRelatedField(
        CourseSummarySerializer,
        queryset=Course.objects.all(),
        help_text="The course the part belongs to (its id when writing).",
    )

    class Meta:
        model = CoursePart
        fields = ["id", "course", *PART_FIELDS]
        # A smallint column: PostgreSQL refuses more, SQLite would store it. Same answer on both.


class CourseTrainerSerializer(JSONTypesMixin, ModelCleanMixin, ModelSerializer):
    course = SummaryRelatedField(
        CourseSummarySerializer,
        queryset=Course.objects.all(),
        help_text="The course (its id when writing).",
    )
    trainer = SummaryRelatedField(
        TrainerSummarySerializer,
        queryset=Trainer.objects.select_related("person"),
        help_text="The trainer profile (its id when writing).",
    )

    class Meta:
        model = CourseTrainer
        fields = ["id", "course", "trainer", "role"]
