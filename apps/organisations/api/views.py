from rest_framework import viewsets

from apps.core.api.permissions import PublicReadModelPermissions
from apps.core.api.plain import PlainListMixin
from apps.organisations.api.filters import OrganisationFilterSet
from apps.organisations.api.serializers import OrganisationSerializer
from apps.organisations.models import Organisation


class OrganisationViewSet(PlainListMixin, viewsets.ModelViewSet):
    """Organisations: ministries, NATO and its commands, training teams, publishers."""

    queryset = Organisation.objects.select_related("parent").order_by("name_en", "id")
    serializer_class = OrganisationSerializer
    permission_classes = [PublicReadModelPermissions]
    filterset_class = OrganisationFilterSet
    search_fields = ["name_en", "name_fr", "acronym", "slug"]
    ordering_fields = ["slug", "name_en", "name_fr", "acronym", "kind", "country", "created_at"]
