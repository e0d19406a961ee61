from typing import Any

from django.db.models import QuerySet
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from apps.core.api.fields import PartialDateField
from apps.core.api.plain_reads import Related
from apps.core.api.relations import SummaryRelatedField
from apps.core.api.serializers import JSONTypesMixin, ModelCleanMixin, ModelSerializer
from apps.courses.api.summaries import CourseSummarySerializer
from apps.courses.models import Course
from apps.organisations.api.summaries import OrganisationSummarySerializer
from apps.organisations.models import Organisation
from apps.programmes.api.summaries import ProgrammeSummarySerializer
from apps.programmes.models import Programme
from apps.sources.api.summaries import SourceSummarySerializer
from apps.sources.models import Source


def programmes_in_order() -> QuerySet[Programme]:
    """A source's programmes, in the order it lists them."""
    return Programme.objects.order_by("-start_year", "title_en", "id")


def courses_in_order() -> QuerySet[Course]:
    """A source's courses, in the order it lists them."""
    return Course.objects.order_by("start_date", "slug", "id")


class SourceListSerializer(JSONTypesMixin, ModelCleanMixin, ModelSerializer):
    """A source as lists show it: everything but its reporting chain."""

    publisher = SummaryRelatedField(
        OrganisationSummarySerializer,
        queryset=Organisation.objects.all(),
        allow_null=True,
        required=False,
        help_text="Who published it (its id when writing); null when not known.",
    )
    published = PartialDateField(date_field="published_on", precision_field="published_precision")
    reported_from = SummaryRelatedField(
        SourceSummarySerializer,
        queryset=Source.objects.all(),
        allow_null=True,
        required=False,
        help_text="The source this one reports (its id when writing), e.g. the announcement "
        "a news agency relayed.",
    )
    programmes = SummaryRelatedField(
        ProgrammeSummarySerializer,
        queryset=Programme.objects.all(),
        many=True,
        required=False,
        help_text="The programmes the source supports (a list of ids when writing).",
    )
    courses = SummaryRelatedField(
        CourseSummarySerializer,
        queryset=Course.objects.all(),
        many=True,
        required=False,
        help_text="The courses the source supports (a list of ids when writing).",
    )

    class Meta:
        model = Source
        fields = [
            "id",
            "slug",
            "kind",
            "publisher",
            "title",
            "language",
            "published_on",
            "published_precision",
            "published",
            "url",
            "excerpt",
            "notes",
            "reported_from",
            "programmes",
            "courses",
            "created_at",
            "updated_at",
        ]
        read_only_fields = ["created_at", "updated_at"]
        plain_reads = {
            "programmes": Related(
                ProgrammeSummarySerializer, programmes_in_order(), link="sources", many=True
            ),
            "courses": Related(
                CourseSummarySerializer, courses_in_order(), link="sources", many=True
            ),
        }


class SourceSerializer(SourceListSerializer):
    """A source with its whole reporting chain.

    The chain is walked one source at a time, so only the detail view (one source) gives it;
    lists give ``reported_from``, the first step, and stay at a constant number of queries.
    """

    reporting_chain = serializers.SerializerMethodField(
        help_text="The sources this one reports, from the one it reports directly back to "
        "the original (empty for an original)."
    )

    class Meta(SourceListSerializer.Meta):
        fields = [
            "id",
            "slug",
            "kind",
            "publisher",
            "title",
            "language",
            "published_on",
            "published_precision",
            "published",
            "url",
            "excerpt",
            "notes",
            "reported_from",
            "reporting_chain",
            "programmes",
            "courses",
            "created_at",
            "updated_at",
        ]

    @extend_schema_field(SourceSummarySerializer(many=True))
    def get_reporting_chain(self, source: Source) -> list[dict[str, Any]]:
        reported = source.reporting_chain[1:]  # the chain starts with the source itself
        return SourceSummarySerializer(reported, many=True, context=self.context).data
