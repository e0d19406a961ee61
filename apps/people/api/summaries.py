"""The short forms of people and trainers, as other records show them.

Kept apart from the full serializers so that any app's serializers can import them
without import cycles.
"""

from rest_framework import serializers

from apps.core.api.plain_reads import Computed
from apps.core.api.serializers import ModelSerializer
from apps.people.models import Person, Trainer, full_name_of

# ``Person.full_name``, for the lists' plain read path (``apps.core.api.plain``).
FULL_NAME = Computed(("family_name", "given_names", "patronymic"), full_name_of)
TRAINER_FULL_NAME = Computed(
    tuple(f"person__{column}" for column in FULL_NAME.columns), full_name_of
)


class PersonSummarySerializer(ModelSerializer):
    """The short form of a person, as other records show it (to users who may see people)."""

    full_name = serializers.CharField(read_only=True)

    class Meta:
        model = Person
        fields = ["id", "uid", "full_name", "rank"]
        read_only_fields = fields
        plain_reads = {"full_name": FULL_NAME}


class TrainerSummarySerializer(ModelSerializer):
    """The short form of a trainer: the profile's id and the person's name and rank."""

    person_uid = serializers.UUIDField(source="person.uid", read_only=True)
    full_name = serializers.CharField(source="person.full_name", read_only=True)
    rank = serializers.CharField(source="person.rank", read_only=True)

    class Meta:
        model = Trainer
        fields = ["id", "person_uid", "full_name", "rank"]
        read_only_fields = fields
        plain_reads = {"full_name": TRAINER_FULL_NAME}
