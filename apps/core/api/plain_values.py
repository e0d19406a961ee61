"""Direct conversions of a column's value, each exactly what a DRF field's
``to_representation`` gives for the values a database column holds.

The plain read path (``apps.core.api.plain``) compiles one per column and list: DRF's own
conversions look up the active time zone for every date-time, check every country code
against the list of countries, and walk a general path for every value. A field whose
conversion is not known here keeps its own ``to_representation``.
"""

import datetime
from collections.abc import Callable
from typing import Any

from django.db import models
from django_countries.serializer_fields import CountryField
from rest_framework import ISO_8601, serializers
from rest_framework.settings import api_settings

Convert = Callable[[Any], Any]

# Beyond this many distinct values a memo of conversions stops growing (and converts).
MEMO_LIMIT = 1000


def value_converter(field: serializers.Field, model_field: Any) -> Convert:
    """How ``field`` represents a value read from ``model_field``'s column (never None)."""
    convert = type(field).to_representation
    if convert is serializers.CharField.to_representation:
        return str
    if convert is serializers.IntegerField.to_representation:
        return int
    if convert is serializers.BigIntegerField.to_representation:
        as_text = getattr(field, "coerce_to_string", api_settings.COERCE_BIGINT_TO_STRING)
        return str if as_text else int  # ids: a null never reaches a converter
    if convert is serializers.BooleanField.to_representation and isinstance(
        model_field, models.BooleanField
    ):
        return _unchanged  # the column holds True or False, which DRF gives back as they are
    if convert is serializers.DateTimeField.to_representation:
        return _datetime_converter(field)
    if convert is serializers.DateField.to_representation:
        return _date_converter(field)
    if convert is serializers.UUIDField.to_representation and field.uuid_format == "hex_verbose":
        return str
    if convert is serializers.ChoiceField.to_representation or (
        convert is CountryField.to_representation and not field.name_only and not field.country_dict
    ):
        # Depends on the value alone (and the language, which a compilation is made for).
        return memoised(field.to_representation)
    return field.to_representation


def _unchanged(value: Any) -> Any:
    return value


def memoised(convert: Convert) -> Convert:
    """``convert``, remembering its answer for each value (a column of few distinct values)."""
    memo: dict[Any, Any] = {}

    def converted(value: Any) -> Any:
        try:
            return memo[value]
        except TypeError:  # not hashable
            return convert(value)
        except KeyError:
            represented = convert(value)
            if len(memo) < MEMO_LIMIT:
                memo[value] = represented
            return represented

    return converted


def _datetime_converter(field: serializers.DateTimeField) -> Convert:
    output_format = getattr(field, "format", api_settings.DATETIME_FORMAT)
    zone = field.timezone if hasattr(field, "timezone") else field.default_timezone()
    if output_format is None or output_format.lower() != ISO_8601 or zone is None:
        return field.to_representation

    def converted(value: Any) -> Any:
        if type(value) is not datetime.datetime or value.tzinfo is None:
            return field.to_representation(value)  # text, or a naive time: DRF's way
        text = value.astimezone(zone).isoformat()
        return text[:-6] + "Z" if text.endswith("+00:00") else text

    return converted


def _date_converter(field: serializers.DateField) -> Convert:
    output_format = getattr(field, "format", api_settings.DATE_FORMAT)
    if output_format is None or output_format.lower() != ISO_8601:
        return field.to_representation

    def converted(value: Any) -> Any:
        if type(value) is not datetime.date:
            return field.to_representation(value)
        return value.isoformat()

    return converted
