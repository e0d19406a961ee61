"""The order in which models are loaded: what a record refers to is saved before it."""

from django.apps import apps
from django.db import models


def dependency_order(model_list: list[type[models.Model]]) -> list[type[models.Model]]:
    """The models, each after those it refers to (when they are in the list too)."""
    present = set(model_list)
    needs: dict[type[models.Model], set[type[models.Model]]] = {}
    for model in model_list:
        related = {
            field.remote_field.model
            for field in [*model._meta.concrete_fields, *model._meta.many_to_many]
            if field.remote_field is not None
        }
        for label in getattr(getattr(model, "natural_key", None), "dependencies", []):
            related.add(apps.get_model(label))
        needs[model] = (related & present) - {model}
    ordered: list[type[models.Model]] = []
    remaining = list(model_list)
    while remaining:
        ready = [model for model in remaining if needs[model] <= set(ordered)]
        # A cycle between models: break it where the files put it first.
        ordered.extend(ready or remaining[:1])
        remaining = [model for model in remaining if model not in ordered]
    return ordered
