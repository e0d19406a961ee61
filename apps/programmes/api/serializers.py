from rest_framework import serializers

from apps.core.api.fields import localised_field
from apps.core.api.plain_reads import Related
from apps.core.api.relations import SummaryRelatedField
from apps.core.api.serializers import JSONTypesMixin, ModelCleanMixin, ModelSerializer
from apps.organisations.api.summaries import OrganisationSummarySerializer
from apps.organisations.models import Organisation
from apps.programmes.models import Programme
from apps.sources.api.summaries import SourceSummarySerializer
from apps.sources.models import Source


class ProgrammeSerializer(JSONTypesMixin, ModelCleanMixin, ModelSerializer):
    title = localised_field()
    description = localised_field()
    partner = SummaryRelatedField(
        OrganisationSummarySerializer,
        queryset=Organisation.objects.all(),
        help_text="The partner side, usually its ministry of defence (its id when writing).",
    )
    nato_side = SummaryRelatedField(
        OrganisationSummarySerializer,
        queryset=Organisation.objects.all(),
        help_text="The NATO side, e.g. NATO or one of its commands (its id when writing).",
    )
    # A programme just created has no courses yet, nor the list's annotation.
    course_count = serializers.IntegerField(
        read_only=True, default=0, help_text="How many courses are recorded under the programme."
    )
    sources = SourceSummarySerializer(
        many=True,
        read_only=True,
        help_text="The sources the programme rests on (edited from the source's side).",
    )

    class Meta:
        model = Programme
        fields = [
            "id",
            "slug",
            "kind",
            "title",
            "title_en",
            "title_fr",
            "partner",
            "nato_side",
            "start_year",
            "end_year",
            "status",
            "description",
            "description_en",
            "description_fr",
            "course_count",
            "sources",
            "created_at",
            "updated_at",
        ]
        read_only_fields = ["created_at", "updated_at"]
        plain_reads = {
            "course_count": ("course_count",),  # the list's annotation
            "sources": Related(
                SourceSummarySerializer, Source.objects.all(), link="programmes", many=True
            ),
        }
