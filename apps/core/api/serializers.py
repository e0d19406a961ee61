import copy
from collections.abc import Mapping
from typing import Any

from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import QueryDict
from rest_framework import serializers
from rest_framework.exceptions import ErrorDetail
from rest_framework.serializers import as_serializer_error


# Not a docstring: drf-spectacular would show it as the description of every serializer
# that mixes this in.
#
# Runs the model's own validation (``full_clean``) on what the client sent. Rules live in
# the model (``clean()``, constraints); serializers apply them rather than restating them.
# Values the model normalises in ``clean()`` (dates with precision) are carried back into
# the validated data.
class ModelCleanMixin:
    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        attrs = super().validate(attrs)
        model = self.Meta.model
        many_to_many = {field.name for field in model._meta.many_to_many}
        original = self.instance
        instance = copy.copy(original) if original is not None else model()
        for name, value in attrs.items():
            if name not in many_to_many:
                setattr(instance, name, value)
        try:
            instance.full_clean(exclude=many_to_many)
        except DjangoValidationError as error:
            raise serializers.ValidationError(as_serializer_error(error)) from error
        for field in model._meta.concrete_fields:
            if field.primary_key or not field.editable:
                continue
            value = getattr(instance, field.attname)
            if original is None or value != getattr(original, field.attname):
                if field.attname != field.name:
                    attrs.setdefault(field.name, getattr(instance, field.name))
                else:
                    attrs[field.name] = value
        return attrs


# Not a docstring, for the same reason as above.
#
# Refuses a JSON value whose type is not the one the schema gives the field. DRF coerces
# where it can (0 becomes "0" in a text field, {} an empty list, "true" a boolean), so a
# client's mistake would be stored as something it did not mean. Form input (the browsable
# API's HTML forms) is all text and keeps DRF's own parsing.
class JSONTypesMixin:
    def to_internal_value(self, data: Any) -> Any:
        if isinstance(data, Mapping) and not isinstance(data, QueryDict):
            errors = {
                field.field_name: [
                    ErrorDetail(
                        INCORRECT_TYPE_ERROR.format(
                            expected=_named(expected), received=_json_type_name(value)
                        ),
                        code="incorrect_type",
                    )
                ]
                for field in self._writable_fields
                if (value := data.get(field.field_name)) is not None
                and (expected := json_type(field)) is not None
                and not _is_json_type(value, expected)
            }
            if errors:
                raise serializers.ValidationError(errors)
        return super().to_internal_value(data)


INCORRECT_TYPE_ERROR = "Incorrect type: expected {expected}, received {received}."

_TEXT_FIELDS = (
    serializers.CharField,
    serializers.DateField,
    serializers.DateTimeField,
    serializers.TimeField,
    serializers.UUIDField,
)


def json_type(field: serializers.Field) -> str | None:
    """The JSON type the schema gives a writable field; None where DRF checks it already."""
    if isinstance(field, serializers.BooleanField):
        return "boolean"
    if isinstance(field, serializers.IntegerField | serializers.PrimaryKeyRelatedField):
        return "integer"
    if isinstance(field, serializers.FloatField):
        return "number"
    # Nested records and lists of values refuse other types themselves; these two iterate
    # whatever they get, an object's keys included.
    if isinstance(field, serializers.ManyRelatedField | serializers.MultipleChoiceField):
        return "array"
    if isinstance(field, serializers.ChoiceField):
        kinds = {type(value) for value in field.choices}
        return "string" if kinds <= {str} else None
    if isinstance(field, _TEXT_FIELDS):
        return "string"
    return None


# Each JSON type: the Python types it parses to, and how a message names it.
_JSON_TYPES: dict[str, tuple[tuple[type, ...], str]] = {
    "boolean": ((bool,), "true or false"),
    "integer": ((int,), "a whole number"),
    "number": ((int, float), "a number"),
    "array": ((list,), "a list"),
    "object": ((Mapping,), "an object"),
    "string": ((str,), "a string"),
}


def _is_json_type(value: Any, expected: str) -> bool:
    if isinstance(value, bool) and expected != "boolean":
        return False
    return isinstance(value, _JSON_TYPES[expected][0])


def _named(json_type: str) -> str:
    return _JSON_TYPES[json_type][1]


def _json_type_name(value: Any) -> str:
    for name in ("boolean", "integer", "number", "array", "object", "string"):
        if _is_json_type(value, name):
            return _named("number" if name == "integer" else name)
    return type(value).__name__
