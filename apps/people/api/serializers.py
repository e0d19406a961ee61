from django_countries.serializers import CountryFieldMixin
from rest_framework import serializers

from apps.core.api.relations import SummaryRelatedField
from apps.core.api.serializers import JSONTypesMixin, ModelCleanMixin, ModelSerializer
from apps.organisations.api.summaries import OrganisationSummarySerializer
from apps.organisations.models import Organisation
from apps.people.api.summaries import FULL_NAME, PersonSummarySerializer
from apps.people.duplicates import DuplicateReason
from apps.people.models import Person, Trainer


class PersonSerializer(JSONTypesMixin, ModelCleanMixin, CountryFieldMixin, ModelSerializer):
    full_name = serializers.CharField(
        read_only=True, help_text="Family name, given names and patronymic, as recorded."
    )
    organisation = SummaryRelatedField(
        OrganisationSummarySerializer,
        queryset=Organisation.objects.all(),
        allow_null=True,
        required=False,
        help_text="The organisation the person serves in (its id when writing).",
    )
    trainer = serializers.IntegerField(
        source="trainer_profile.id",
        read_only=True,
        allow_null=True,
        help_text="The id of the person's trainer profile (/api/v1/trainers/{id}/), or null.",
    )
    merged_into = serializers.PrimaryKeyRelatedField(
        read_only=True,
        allow_null=True,
        help_text=(
            "The id of the person this record was merged into, or null for a current person. "
            "A merged person's id and UID name the person kept."
        ),
    )

    class Meta:
        model = Person
        fields = [
            "id",
            "uid",
            "family_name",
            "given_names",
            "patronymic",
            "full_name",
            "rank",
            "service",
            "unit",
            "organisation",
            "nationality",
            "birth_date",
            "email",
            "phone",
            "trainer",
            "merged_into",
            "merged_at",
            "created_at",
            "updated_at",
        ]
        read_only_fields = ["uid", "merged_at", "created_at", "updated_at"]
        plain_reads = {"full_name": FULL_NAME}


class TrainerSerializer(JSONTypesMixin, ModelCleanMixin, ModelSerializer):
    person = SummaryRelatedField(
        PersonSummarySerializer,
        queryset=Person.objects.current(),
        help_text=(
            "The person this profile belongs to (their id when writing; not a person merged "
            "into another); one per person."
        ),
    )
    affiliation = SummaryRelatedField(
        OrganisationSummarySerializer,
        queryset=Organisation.objects.all(),
        allow_null=True,
        required=False,
        help_text="The organisation the person trains for (its id when writing).",
    )
    assignment_count = serializers.IntegerField(
        read_only=True, help_text="How many courses the trainer is assigned to."
    )

    class Meta:
        model = Trainer
        fields = [
            "id",
            "person",
            "expertise",
            "affiliation",
            "assignment_count",
            "created_at",
            "updated_at",
        ]
        read_only_fields = ["created_at", "updated_at"]
        plain_reads = {"assignment_count": ("assignment_count",)}  # the list's annotation


class DuplicatePersonSerializer(CountryFieldMixin, serializers.ModelSerializer):
    """One of a pair of possible duplicates: what tells two people apart at a glance."""

    full_name = serializers.CharField(read_only=True)

    class Meta:
        model = Person
        fields = ["id", "uid", "full_name", "rank", "birth_date", "nationality"]
        read_only_fields = fields


class DuplicatePairSerializer(serializers.Serializer):
    """Two people who may be one, the older record first."""

    person = DuplicatePersonSerializer(read_only=True)
    other = DuplicatePersonSerializer(read_only=True)
    score = serializers.IntegerField(
        read_only=True, min_value=0, max_value=100, help_text="How likely they are one: 0 to 100."
    )
    reason = serializers.ChoiceField(
        choices=DuplicateReason.choices, read_only=True, help_text="Why they were paired."
    )
    reason_display = serializers.CharField(read_only=True, help_text="The reason, in words.")


class PersonMergeSerializer(serializers.Serializer):
    into = serializers.PrimaryKeyRelatedField(
        queryset=Person.objects.all(),
        help_text="The id of the person to keep; this person is merged into them.",
    )
