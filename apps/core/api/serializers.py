import copy
from typing import Any

from django.core.exceptions import ValidationError as DjangoValidationError
from rest_framework import serializers
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
