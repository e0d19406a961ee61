"""Turning an entry's fields into a model instance: values parsed, references resolved."""

from typing import Any

from django.core.exceptions import ValidationError
from django.core.serializers import base
from django.db import models

from apps.core.models import FoldedNamesModel
from apps.core.records.reading import Entry, entry_error
from apps.core.records.references import References
from apps.core.records.report import (
    INVALID_REFERENCE_ERROR,
    INVALID_VALUE_ERROR,
    NO_NATURAL_KEY_ERROR,
    LoadReport,
)


def entry_build(entry: Entry, references: References, report: LoadReport) -> bool | None:
    """Turn ``entry.data`` into an instance; False on faults, None when a reference waits."""
    using = references.using
    model, fields = entry.model, entry.data.get("fields", {})
    values: dict[str, Any] = {}
    faults = waiting = False
    resolved_references: set[str] = set()
    if "pk" in entry.data and entry.data["pk"] is not None:
        try:
            values[model._meta.pk.attname] = model._meta.pk.to_python(entry.data["pk"])
        except ValidationError as error:
            entry_error(report, entry, "pk", "; ".join(error.messages))
            faults = True
    for name, value in fields.items():
        model_field = model._meta.get_field(name)
        remote = model_field.remote_field
        if isinstance(remote, models.ManyToManyRel):
            try:
                related = base.deserialize_m2m_values(model_field, value, using, True)
            except base.M2MDeserializationError as error:
                message = INVALID_VALUE_ERROR.format(value=error.pk, error=error)
                entry_error(report, entry, name, message)
                faults = True
                continue
            if related == base.DEFER_FIELD:
                waiting = True
                entry.waiting_for = (name, remote.model, value)
            else:
                entry.m2m[name] = related
        elif isinstance(remote, models.ManyToOneRel):
            if value is None:
                values[model_field.attname] = None
                continue
            target = remote.model
            if isinstance(value, list | tuple) and hasattr(
                target._default_manager, "get_by_natural_key"
            ):
                try:
                    found = references.referenced(target, tuple(value))
                except (TypeError, ValueError, ValidationError) as error:
                    label = target._meta.verbose_name
                    message = INVALID_REFERENCE_ERROR.format(model=label, error=error)
                    entry_error(report, entry, name, message)
                    faults = True
                    continue
                if found is None:
                    waiting = True
                    entry.waiting_for = (name, target, tuple(value))
                    continue
                values[model_field.name] = found
                resolved_references.add(model_field.name)
            else:
                try:
                    values[model_field.attname] = target._meta.get_field(
                        remote.field_name
                    ).to_python(value)
                except ValidationError as error:
                    entry_error(report, entry, name, "; ".join(error.messages))
                    faults = True
        else:
            try:
                values[model_field.name] = model_field.to_python(value)
            except ValidationError as error:
                entry_error(report, entry, name, "; ".join(error.messages))
                faults = True
    if faults:
        return False
    if waiting:
        return None
    instance = model(**values)
    instance._state.db = using
    if isinstance(instance, FoldedNamesModel):
        instance.fold_names()  # derived from the names, never trusted from the file
    entry.instance = instance
    entry.resolved_references = resolved_references
    if hasattr(instance, "natural_key"):
        try:
            entry.key = tuple(instance.natural_key())
        except Exception as error:  # a model's natural_key() on broken data
            entry_error(report, entry, "", NO_NATURAL_KEY_ERROR.format(error=error))
            return False
    tracked = getattr(model, "instance_type", None)
    if tracked is not None and hasattr(tracked, "natural_key"):
        # A history row names its record by primary key, which a natural-key dump does
        # not carry: point it at the record that has the same natural key here.
        try:
            record = references.own(tracked, tuple(instance.instance.natural_key()))
        except Exception:  # the record is gone (deleted): its history keeps the old id
            record = None
        if record is not None:
            instance.id = record.pk
    return True
