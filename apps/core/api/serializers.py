import copy
from collections.abc import Mapping
from typing import Any

from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import QueryDict
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers
from rest_framework.exceptions import ErrorDetail
from rest_framework.fields import Field, SkipField
from rest_framework.relations import PKOnlyObject
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


# The conversions that leave a value of this exact type as it is: str(text), int(number).
UNCHANGED_BY = {
    serializers.CharField.to_representation: str,
    serializers.IntegerField.to_representation: int,
}


class ModelSerializer(serializers.ModelSerializer):
    """DRF's ModelSerializer, representing a record with less work per value.

    A page of 100 certificates holds 3,500 values. DRF reads each through a general path
    (sources of any depth, callables, mappings, missing attributes) and converts it. For a
    field that reads one of the model's own columns that path is a plain attribute read, and
    text or a whole number needs no conversion: those are done directly, every other field
    DRF's way. The representation is the same.
    """

    def to_representation(self, instance: Any) -> dict[str, Any]:
        if type(instance) is not self.Meta.model:
            return super().to_representation(instance)
        plan = self.__dict__.get("_representation_plan")
        if plan is None:
            plan = self._representation_plan = self._plan_representation()
        represented: dict[str, Any] = {}
        for name, field, column, unchanged in plan:
            if column is not None:
                value = getattr(instance, column)
                if value is None or type(value) is unchanged:
                    represented[name] = value
                else:
                    represented[name] = field.to_representation(value)
                continue
            try:
                attribute = field.get_attribute(instance)
            except SkipField:
                continue
            empty = attribute.pk if isinstance(attribute, PKOnlyObject) else attribute
            represented[name] = None if empty is None else field.to_representation(attribute)
        return represented

    def _plan_representation(self) -> list[tuple[str, Field, str | None, type | None]]:
        """Each readable field: its name, itself, the column it reads plainly (or None), and
        the type of value its conversion leaves unchanged (or None)."""
        columns = {
            model_field.attname
            for model_field in self.Meta.model._meta.concrete_fields
            if not model_field.is_relation
        }
        plan = []
        for field in self._readable_fields:
            column = unchanged = None
            plain = type(field).get_attribute is Field.get_attribute
            if plain and len(field.source_attrs) == 1 and field.source_attrs[0] in columns:
                column = field.source_attrs[0]
                unchanged = UNCHANGED_BY.get(type(field).to_representation)
            plan.append((field.field_name, field, column, unchanged))
        return plan


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


INCORRECT_TYPE_ERROR = _("Incorrect type: expected {expected}, received {received}.")

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
