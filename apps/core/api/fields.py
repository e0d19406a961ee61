from typing import Any

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from apps.core.dates import format_partial_date

LOCALISED_HELP = "In the language asked for (Accept-Language or ?lang=en|fr), else English."


def localised_field(**kwargs: Any) -> serializers.CharField:
    """A read-only bilingual value in the request's language (the model's property)."""
    return serializers.CharField(read_only=True, help_text=LOCALISED_HELP, **kwargs)


@extend_schema_field(OpenApiTypes.STR)
class PartialDateField(serializers.Field):
    """A date written as far as it is known: "2026", "2026-03", "2026-03-05", or null.

    Read-only; built from ``<prefix>_date`` and ``<prefix>_precision`` (or the names given).
    """

    def __init__(self, *, date_field: str, precision_field: str, **kwargs: Any) -> None:
        self.date_field = date_field
        self.precision_field = precision_field
        kwargs["read_only"] = True
        kwargs["allow_null"] = True  # so the schema says null, as the value can be
        kwargs.setdefault(
            "help_text",
            "ISO 8601 as far as known: YYYY, YYYY-MM or YYYY-MM-DD; null when unknown.",
        )
        super().__init__(**kwargs)

    def get_attribute(self, instance: Any) -> Any:
        return instance

    def to_representation(self, instance: Any) -> str | None:
        value = format_partial_date(
            getattr(instance, self.date_field), getattr(instance, self.precision_field)
        )
        return value or None
