from rest_framework import viewsets

from apps.core.api.pagination import CursorOrPageNumberPagination
from apps.core.api.permissions import ModelPermissions
from apps.core.queries import count_subquery
from apps.courses.models import CourseTrainer
from apps.people.api.filters import PersonFilterSet, TrainerFilterSet
from apps.people.api.serializers import PersonSerializer, TrainerSerializer
from apps.people.models import Person, Trainer


class PersonViewSet(viewsets.ModelViewSet):
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


class TrainerViewSet(viewsets.ModelViewSet):
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
