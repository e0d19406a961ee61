from django_countries.serializers import CountryFieldMixin

from apps.core.api.fields import localised_field
from apps.core.api.relations import SummaryRelatedField
from apps.core.api.serializers import JSONTypesMixin, ModelCleanMixin, ModelSerializer
from apps.organisations.api.summaries import OrganisationSummarySerializer
from apps.organisations.models import Organisation


class OrganisationSerializer(JSONTypesMixin, ModelCleanMixin, CountryFieldMixin, ModelSerializer):
    name = localised_field()
    parent = SummaryRelatedField(
        OrganisationSummarySerializer,
        queryset=Organisation.objects.all(),
        allow_null=True,
        required=False,
        help_text="The organisation this one belongs to (its id when writing).",
    )

    class Meta:
        model = Organisation
        fields = [
            "id",
            "slug",
            "name",
            "name_en",
            "name_fr",
            "acronym",
            "kind",
            "country",
            "parent",
            "website",
            "serial_prefix",
            "created_at",
            "updated_at",
        ]
        read_only_fields = ["created_at", "updated_at"]
        # The model checks the prefix (format, uniqueness, frozen once used) in full_clean(),
        # with its own messages and codes; DRF's copies of those validators would answer first.
        extra_kwargs = {"serial_prefix": {"validators": []}}
