from typing import Any

from django.db.models import Model
from rest_framework import serializers


class SummaryRelatedField(serializers.PrimaryKeyRelatedField):
    """A related record: written as its id, read as its short representation.

    ``{"programme": 4}`` in a request; ``{"programme": {"id": 4, "slug": "…", "title": "…"}}``
    in the answer, so a client needs no second request to show what a record points to.
    """

    def __init__(self, summary_serializer: type[serializers.Serializer], **kwargs: Any) -> None:
        self.summary_serializer = summary_serializer
        super().__init__(**kwargs)

    def use_pk_only_optimization(self) -> bool:
        return False

    def to_representation(self, value: Model) -> dict[str, Any]:
        # One summary serializer per field and request, not one per row: building a
        # serializer (its fields, their labels) costs far more than using it.
        summary = self.__dict__.get("_summary")
        if summary is None:
            summary = self._summary = self.summary_serializer(context=self.context)
        return summary.to_representation(value)

    def get_choices(self, cutoff: int | None = None) -> dict[Any, str]:
        """The browsable API's form offers records by id (a summary is not a choice's key)."""
        queryset = self.get_queryset()
        if queryset is None:
            return {}
        if cutoff is not None:
            queryset = queryset[:cutoff]
        return {item.pk: self.display_value(item) for item in queryset}

    def to_internal_value(self, data: Any) -> Model:
        if isinstance(data, dict) and "id" in data:
            data = data["id"]
        if isinstance(data, bool) or not isinstance(data, int | str):
            self.fail("incorrect_type", data_type=type(data).__name__)
        return super().to_internal_value(data)
