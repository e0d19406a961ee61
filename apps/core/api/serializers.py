import copy
from typing import Any

from django.core.exceptions import ValidationError as DjangoValidationError
from rest_framework import serializers
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
