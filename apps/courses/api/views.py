from typing import Any

from django.db.models import F, Prefetch, QuerySet
from rest_framework import serializers, viewsets

from apps.certificates.models import Certificate
from apps.core.api.page_queries import PageQuery
from apps.core.api.permissions import ModelPermissions, PublicReadModelPermissions
from apps.core.api.plain import PlainListMixin
from apps.core.queries import count_subquery
from apps.courses.api.filters import CourseFilterSet, CoursePartFilterSet, CourseTrainerFilterSet
from apps.courses.api.serializers import (
    CoursePartSerializer,
    CourseSerializer,
    CourseTrainerSerializer,
    can_view_trainers,
    trainer_assignments,
)
from apps.courses.models import Course, CoursePart, CourseTrainer
from apps.enrolments.models import Enrolment
from apps.sources.models import Source


def with_head_counts(courses: QuerySet[Course]) -> QuerySet[Course]:
    """The courses with how many were enrolled and how many valid certificates they hold."""
    return courses.annotate(
        enrolment_count=count_subquery(Enrolment.objects.all(), "course"),
        certificate_count=count_subquery(Certificate.objects.valid(), "enrolment__course"),
    )


# The head counts of a page's courses, by id.
HEAD_COUNTS = PageQuery(
    with_head_counts(Course.objects.order_by()),
    link="pk",
    columns=["id", "enrolment_count", "certificate_count"],
)


class CourseViewSet(PlainListMixin, viewsets.ModelViewSet):
    """Courses: each delivery of a training activity, with its parts, sources and head counts."""

    queryset = (
        Course.objects.select_related("programme", "delivered_by", "organised_by")
        .prefetch_related(
            Prefetch("parts", queryset=CoursePart.objects.order_by("position")),
            Prefetch("sources", queryset=Source.objects.select_related("publisher")),
        )
        .order_by(F("start_date").desc(nulls_last=True), "title_en", "id")
    )
    serializer_class = CourseSerializer
    permission_classes = [PublicReadModelPermissions]
    filterset_class = CourseFilterSet
    search_fields = [
        "title_en",
        "title_fr",
        "slug",
        "city",
        "summary_en",
        "summary_fr",
        "programme__title_en",
        "programme__title_fr",
    ]
    ordering_fields = ["start_date", "end_date", "title_en", "title_fr", "created_at"]

    def get_queryset(self) -> QuerySet[Course]:
        queryset = super().get_queryset()
        if self.action != "list" or self.paginator is None:
            queryset = with_head_counts(queryset)
        if not can_view_trainers(self.request.user):
            return queryset  # trainers are personal data: not even loaded
        return queryset.prefetch_related(Prefetch("trainer_roles", queryset=trainer_assignments()))

    def paginate_queryset(
        self, queryset: QuerySet[Course]
    ) -> list[Course] | list[dict[str, Any]] | None:
        # The head counts of the page's courses only. Counted in the page's query, they were
        # also counted for every course an offset skips: page 55 of 5,500 courses took 1.5 s.
        # The page holds courses, or rows of values() (the list's plain read path).
        page = super().paginate_queryset(queryset)
        if page:
            rows = isinstance(page[0], dict)
            ids = [course["id"] if rows else course.pk for course in page]
            found = {
                row["id"]: (row["enrolment_count"], row["certificate_count"])
                for row in HEAD_COUNTS.rows(ids)
            }
            for course in page:
                if rows:
                    course["enrolment_count"], course["certificate_count"] = found[course["id"]]
                else:
                    course.enrolment_count, course.certificate_count = found[course.pk]
        return page

    def perform_create(self, serializer: serializers.BaseSerializer) -> None:
        super().perform_create(serializer)
        serializer.instance = self.get_queryset().get(pk=serializer.instance.pk)  # the counts

    def perform_update(self, serializer: serializers.BaseSerializer) -> None:
        super().perform_update(serializer)
        serializer.instance = self.get_queryset().get(pk=serializer.instance.pk)


class CoursePartViewSet(PlainListMixin, viewsets.ModelViewSet):
    """Course parts: the lessons, exercises, familiarisation sessions and briefings of a course."""

    queryset = CoursePart.objects.select_related("course").order_by("course_id", "position")
    serializer_class = CoursePartSerializer
    permission_classes = [PublicReadModelPermissions]
    filterset_class = CoursePartFilterSet
    search_fields = ["title_en", "title_fr", "course__slug"]
    ordering_fields = ["course", "position"]


class CourseTrainerViewSet(PlainListMixin, viewsets.ModelViewSet):
    """Course trainers: who trained on which course, in which role (personal data)."""

    queryset = CourseTrainer.objects.select_related("course", "trainer__person").order_by(
        "course_id", "role", "id"
    )
    serializer_class = CourseTrainerSerializer
    permission_classes = [ModelPermissions]
    filterset_class = CourseTrainerFilterSet
    search_fields = ["course__slug", "course__title_en", "course__title_fr"]
    ordering_fields = ["course", "role"]
