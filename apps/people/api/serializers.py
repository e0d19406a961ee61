from django_countries.serializers import CountryFieldMixin
from rest_framework import serializers

from apps.core.api.relations import SummaryRelatedField
from apps.core.api.serializers import JSONTypesMixin, ModelCleanMixin
from apps.organisations.api.summaries import OrganisationSummarySerializer
from apps.organisations.models import Organisation
from apps.people.api.summaries import PersonSummarySerializer
from apps.people.models import Person, Trainer


class PersonSerializer(
    JSONTypesMixin, ModelCleanMixin, CountryFieldMixin, serializers.ModelSerializer
):
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
            "created_at",
            "updated_at",
        ]
        read_only_fields = ["uid", "created_at", "updated_at"]


class TrainerSerializer(JSONTypesMixin, ModelCleanMixin, serializers.ModelSerializer):
    person = SummaryRelatedField(
        PersonSummarySerializer,
        queryset=Person.objects.all(),
        help_text="The person this profile belongs to (their id when writing); one per person.",
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
