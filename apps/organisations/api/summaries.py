"""The short forms of organisations, as other records show them.

Kept apart from the full serializers so that any app's serializers can import them
without import cycles.
"""

from apps.core.api.fields import localised_field
from apps.core.api.serializers import ModelSerializer
from apps.organisations.models import Organisation


class OrganisationSummarySerializer(ModelSerializer):
    """The short form of an organisation, as other records show it."""

    name = localised_field()

    class Meta:
        model = Organisation
        fields = ["id", "slug", "name", "acronym"]
        read_only_fields = fields
