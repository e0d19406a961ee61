from typing import Any

from django.db.models import QuerySet
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import viewsets
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from apps.core.api.pagination import CursorOrPageNumberPagination, PageNumberPagination
from apps.core.api.permissions import ModelPermissions
from apps.core.api.plain import PlainListMixin
from apps.core.api.renderers import ACTION_RENDERERS
from apps.core.queries import count_subquery
from apps.courses.models import CourseTrainer
from apps.people.api.filters import PersonFilterSet, TrainerFilterSet
from apps.people.api.permissions import CanMergePeople
from apps.people.api.serializers import (
    DuplicatePairSerializer,
    PersonMergeSerializer,
    PersonSerializer,
    TrainerSerializer,
)
from apps.people.duplicates import duplicate_pairs
from apps.people.models import Person, Trainer
from apps.people.services import person_merge


@extend_schema_view(
    list=extend_schema(
        description=(
            "Current people: those merged into another are left out unless `?merged=true`."
        )
    ),
    retrieve=extend_schema(
        description=(
            "A person. The id of a person merged into another answers the person kept in "
            "their place (whose `id` differs from the one asked for), as their UID does."
        )
    ),
)
class PersonViewSet(PlainListMixin, viewsets.ModelViewSet):
    """People who train or attend training (personal data: needs the view permission)."""

    queryset = Person.objects.select_related("organisation", "trainer_profile").order_by(
        "family_name", "given_names", "id"
    )
    serializer_class = PersonSerializer
    # Deep pages of a long register: a cursor reads page 1,000 at the cost of page 1.
    pagination_class = CursorOrPageNumberPagination
    permission_classes = [ModelPermissions]
    filterset_class = PersonFilterSet
    search_fields = ["email"]
    folded_search_fields = ["full_name_folded"]
    ordering_fields = ["family_name", "given_names", "created_at"]

    def filter_queryset(self, queryset: QuerySet[Person]) -> QuerySet[Person]:
        # Filters choose among a list; one record is found by its id, merged or not.
        return queryset if self.detail else super().filter_queryset(queryset)

    def retrieve(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        person = self.get_object()
        if person.merged_into_id is not None:
            person = self.get_queryset().get(pk=person.merged_into_id)
        return Response(self.get_serializer(person).data)

    @extend_schema(
        summary="Possible duplicates",
        description=(
            "Pairs of current people who may be one person, most likely first, across the "
            "whole register: the same folded name and birth date, the same folded name with a "
            "birth date unknown, or names near by edit distance (rapidfuzz) with the same "
            "birth date or within one folded family name. People with different known birth "
            "dates are never paired. `score` is 0 to 100. Needs people.view_person."
        ),
        filters=False,
        responses=DuplicatePairSerializer(many=True),
    )
    # Pairs computed in memory, not a queryset: numbered pages, never a cursor.
    @action(
        detail=False,
        methods=["get"],
        renderer_classes=ACTION_RENDERERS,
        pagination_class=PageNumberPagination,
    )
    def duplicates(self, request: Request) -> Response:
        pairs = self.paginate_queryset(duplicate_pairs())
        shown = {pk for pair in pairs for pk in (pair.person_id, pair.other_id)}
        people = Person.objects.in_bulk(shown)
        items = [
            {
                "person": people[pair.person_id],
                "other": people[pair.other_id],
                "score": pair.score,
                "reason": pair.reason.value,
                "reason_display": str(pair.reason.label),
            }
            for pair in pairs
            # A person merged or deleted since the register was read is no longer shown.
            if pair.person_id in people and pair.other_id in people
        ]
        return self.get_paginated_response(DuplicatePairSerializer(items, many=True).data)

    @extend_schema(
        summary="Merge this person into another",
        description=(
            "This person's enrolments, trainer profile (or, when both have one, its course "
            "assignments) move to the person `into`, who is kept and answered. This record "
            "stays, marked merged (`merged_into`); its id and UID name the kept person from "
            "then on. Certificates already issued keep printing and verifying as before. "
            "History records the merge on both people and on every record moved. Refused "
            "(400), changing nothing, when `into` is this person, when either was merged "
            "already, or when both are enrolled in, or teach, the same course. Needs "
            "people.merge_person and people.view_person (the Registrar role)."
        ),
        request=PersonMergeSerializer,
        responses={200: PersonSerializer},
    )
    @action(
        detail=True,
        methods=["post"],
        permission_classes=[CanMergePeople],
        renderer_classes=ACTION_RENDERERS,
    )
    def merge(self, request: Request, pk: str | None = None) -> Response:
        person = self.get_object()
        serializer = PersonMergeSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        kept = person_merge(
            person=person, into=serializer.validated_data["into"], user=request.user
        )
        return Response(PersonSerializer(self.get_queryset().get(pk=kept.pk)).data)


class TrainerViewSet(PlainListMixin, viewsets.ModelViewSet):
    """Trainer profiles: what a person teaches, for whom, and on how many courses."""

    queryset = (
        Trainer.objects.select_related("person", "affiliation")
        .annotate(assignment_count=count_subquery(CourseTrainer.objects.all(), "trainer"))
        .order_by("person__family_name", "person__given_names", "id")
    )
    serializer_class = TrainerSerializer
    permission_classes = [ModelPermissions]
    filterset_class = TrainerFilterSet
    search_fields = ["expertise"]
    folded_search_fields = ["person__full_name_folded"]
    ordering_fields = ["person__family_name", "assignment_count", "created_at"]

    def perform_create(self, serializer: TrainerSerializer) -> None:
        # The answer shows the annotated count, which a freshly saved row lacks.
        trainer = serializer.save()
        serializer.instance = self.get_queryset().get(pk=trainer.pk)
