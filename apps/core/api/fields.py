from collections.abc import Callable, Mapping
from typing import Any

from django.utils.translation import get_language
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from apps.core.dates import iso_partial_date
from apps.core.languages import FALLBACK_LANGUAGE, LANGUAGE_CODES, localised

LOCALISED_HELP = "In the language asked for (Accept-Language or ?lang=en|fr), else English."


class LocalisedField(serializers.CharField):
    """A read-only bilingual value (``<source>_en``, ``<source>_fr``) in the request's language.

    What the model's property gives (``apps.core.languages.localised``), with the active
    language read once per field and request instead of once per value: a page of 100
    certificates has 500 of them.
    """

    def get_attribute(self, instance: Any) -> str:
        language = self.__dict__.get("_language")
        if language is None:
            language = self._language = get_language() or ""
        return localised(instance, self.source, language)

    def plain_columns(self) -> tuple[str, ...]:
        """The columns a list's plain read path fetches for this value (one per language)."""
        return tuple(f"{self.source}_{code}" for code in LANGUAGE_CODES)

    def plain_reader(self, keys: tuple[str, ...]) -> Callable[[Mapping[str, Any]], Any]:
        """The value from a row holding ``plain_columns()`` under ``keys``, in the active
        language (a list's plain read path is compiled per language)."""
        by_code = dict(zip(LANGUAGE_CODES, keys, strict=True))
        code = (get_language() or FALLBACK_LANGUAGE).split("-")[0].lower()
        asked, fallback = by_code.get(code, by_code[FALLBACK_LANGUAGE]), by_code[FALLBACK_LANGUAGE]

        def read(row: Mapping[str, Any]) -> Any:
            value = row[asked] or row[fallback]
            return value if value is None or type(value) is str else str(value)

        return read


def localised_field(**kwargs: Any) -> serializers.CharField:
    """A read-only bilingual value in the request's language."""
    return LocalisedField(read_only=True, help_text=LOCALISED_HELP, **kwargs)


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

    def plain_columns(self) -> tuple[str, ...]:
        """The columns a list's plain read path fetches for this value."""
        return (self.date_field, self.precision_field)

    def plain_reader(self, keys: tuple[str, ...]) -> Callable[[Mapping[str, Any]], Any]:
        """The value from a row holding ``plain_columns()`` under ``keys``."""
        date, precision = keys
        return lambda row: iso_partial_date(row[date], row[precision]) or None

    def to_representation(self, instance: Any) -> str | None:
        value = iso_partial_date(
            getattr(instance, self.date_field), getattr(instance, self.precision_field)
        )
        return value or None
