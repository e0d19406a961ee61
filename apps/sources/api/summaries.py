"""The short forms of sources, as other records show them.

Kept apart from the full serializers so that any app's serializers can import them
without import cycles.
"""

from apps.core.api.fields import PartialDateField
from apps.core.api.serializers import ModelSerializer
from apps.organisations.api.summaries import OrganisationSummarySerializer
from apps.sources.models import Source


class SourceSummarySerializer(ModelSerializer):
    """The short form of a source, as the records it supports list it."""

    publisher = OrganisationSummarySerializer(read_only=True, allow_null=True)
    published = PartialDateField(date_field="published_on", precision_field="published_precision")

    class Meta:
        model = Source
        fields = ["id", "slug", "kind", "publisher", "title", "language", "published", "url"]
        read_only_fields = fields
