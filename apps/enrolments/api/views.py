from django.db.models import F
from rest_framework import viewsets

from apps.core.api.pagination import CursorOrPageNumberPagination
from apps.core.api.permissions import ModelPermissions
from apps.core.api.plain import PlainListMixin
from apps.enrolments.api.filters import EnrolmentFilterSet
from apps.enrolments.api.serializers import EnrolmentSerializer, prefetch_current_certificate
from apps.enrolments.models import Enrolment


class EnrolmentViewSet(PlainListMixin, viewsets.ModelViewSet):
    """Enrolments: a person's place on a course, from nomination to result (personal data)."""

    queryset = (
        Enrolment.objects.select_related("course", "person")
        .prefetch_related(prefetch_current_certificate())
        .order_by(
            F("course__start_date").desc(nulls_last=True),
            "course__title_en",
            "course_id",
            "person__family_name",
            "person__given_names",
            "id",
        )
    )
    serializer_class = EnrolmentSerializer
    # Deep pages of a long register: a cursor reads page 1,000 at the cost of page 1.
    pagination_class = CursorOrPageNumberPagination
    permission_classes = [ModelPermissions]
    filterset_class = EnrolmentFilterSet
    search_fields = ["course__title_en", "course__title_fr"]
    folded_search_fields = ["person__full_name_folded"]
    ordering_fields = [
        "course__start_date",
        "person__family_name",
        "status",
        "completed_on",
        "created_at",
    ]
