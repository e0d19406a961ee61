"""The short forms of programmes, as other records show them.

Kept apart from the full serializers so that any app's serializers can import them
without import cycles.
"""

from apps.core.api.fields import localised_field
from apps.core.api.serializers import ModelSerializer
from apps.programmes.models import Programme


class ProgrammeSummarySerializer(ModelSerializer):
    """The short form of a programme, as other records show it."""

    title = localised_field()

    class Meta:
        model = Programme
        fields = ["id", "slug", "kind", "title", "start_year", "end_year"]
        read_only_fields = fields
