from django.db.models import Prefetch
from rest_framework import viewsets

from apps.core.api.permissions import PublicReadModelPermissions
from apps.core.api.plain import PlainListMixin
from apps.core.queries import count_subquery
from apps.courses.models import Course
from apps.programmes.api.filters import ProgrammeFilterSet
from apps.programmes.api.serializers import ProgrammeSerializer
from apps.programmes.models import Programme
from apps.sources.models import Source


class ProgrammeViewSet(PlainListMixin, viewsets.ModelViewSet):
    """Cooperation programmes between a partner and NATO, with their sources."""

    queryset = (
        Programme.objects.select_related("partner", "nato_side")
        .prefetch_related(Prefetch("sources", Source.objects.select_related("publisher")))
        .annotate(course_count=count_subquery(Course.objects.all(), "programme"))
        .order_by("-start_year", "title_en", "id")
    )
    serializer_class = ProgrammeSerializer
    permission_classes = [PublicReadModelPermissions]
    filterset_class = ProgrammeFilterSet
    search_fields = ["title_en", "title_fr", "slug", "partner__name_en", "partner__name_fr"]
    ordering_fields = [
        "slug",
        "kind",
        "status",
        "title_en",
        "title_fr",
        "start_year",
        "end_year",
        "course_count",
        "created_at",
    ]
