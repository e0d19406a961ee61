from django.db.models import F, Prefetch
from rest_framework import serializers, viewsets

from apps.core.api.permissions import PublicReadModelPermissions
from apps.core.api.plain import PlainListMixin
from apps.sources.api.filters import SourceFilterSet
from apps.sources.api.serializers import (
    SourceListSerializer,
    SourceSerializer,
    courses_in_order,
    programmes_in_order,
)
from apps.sources.models import Source


class SourceViewSet(PlainListMixin, viewsets.ModelViewSet):
    """Announcements, news reports, documents; a single source shows its whole reporting chain."""

    queryset = (
        Source.objects.select_related("publisher", "reported_from__publisher")
        .prefetch_related(
            Prefetch("programmes", programmes_in_order()),
            Prefetch("courses", courses_in_order()),
        )
        .order_by(F("published_on").desc(nulls_last=True), "slug", "id")
    )
    permission_classes = [PublicReadModelPermissions]
    filterset_class = SourceFilterSet
    search_fields = ["title", "excerpt", "slug", "publisher__name_en", "publisher__name_fr"]
    ordering_fields = ["published_on", "slug", "kind", "created_at"]

    def get_serializer_class(self) -> type[serializers.ModelSerializer]:
        # The reporting chain is walked source by source: only for one source at a time.
        return SourceListSerializer if self.action == "list" else SourceSerializer
