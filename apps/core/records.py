"""Loading records that other offices send as fixture files: every error found, then all or nothing.

``records_load`` reads JSON or YAML fixtures (Django's serialised form, natural keys welcome),
orders the models so that what a record refers to is saved before it, checks every record as
the admin would (field validation, ``clean()``, unique checks and constraints, references that
resolve in the files or the database) and reports each fault with its file, position and
natural key. Only a load without a single fault is kept; a dry run never is.

It works on model labels (``apps.get_model``), so the shared core needs no domain app.
"""

import json
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from django.apps import apps
from django.core.exceptions import FieldDoesNotExist, ObjectDoesNotExist, ValidationError
from django.core.management.color import no_style
from django.core.serializers import base
from django.db import DEFAULT_DB_ALIAS, DatabaseError, connections, models, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from apps.core.fixtures import (
    content_fields,
    fixture_change_reason,
    fixture_loading,
    history_manager,
    validation_messages,
)
from apps.core.models import FoldedNamesModel

BATCH_SIZE = 500
FORMATS = {".json": "json", ".yaml": "yaml", ".yml": "yaml"}

UNREADABLE_FILE_ERROR = _("The file cannot be read as {format}: {error}")
UNKNOWN_FORMAT_ERROR = _("Unknown format: name the file .json, .yaml or .yml.")
NOT_A_LIST_ERROR = _("A fixture is a list of records.")
NOT_A_RECORD_ERROR = _('A record is an object with "model" and "fields".')
UNKNOWN_MODEL_ERROR = _("Unknown model {model!r}.")
UNKNOWN_FIELD_ERROR = _("{model} has no field {field!r}.")
UNRESOLVED_REFERENCE_ERROR = _("No {model} {key} in the files or the database.")
INVALID_TARGET_ERROR = _("The {model} {key} it refers to has errors.")
INVALID_REFERENCE_ERROR = _("Not a reference to a {model}: {error}")
INVALID_VALUE_ERROR = _("Invalid value {value!r}: {error}")
DUPLICATE_RECORD_ERROR = _("The same record as {file} #{position}.")
NO_NATURAL_KEY_ERROR = _("The record's natural key cannot be built: {error}")
DATABASE_REFUSED_ERROR = _("The database refused the {model} records: {error}")


@dataclass(frozen=True)
class RecordError:
    """One fault of one record: where it is and what is wrong with it."""

    file: str
    position: int  # 1-based place of the record in its file; 0 for the file itself
    model: str
    key: str
    field: str
    message: str

    def __str__(self) -> str:
        where = f"{self.file} #{self.position}" if self.position else self.file
        record = " ".join(part for part in (self.model, self.key) if part)
        about = f"{self.field}: " if self.field else ""
        return f"{where} {record}: {about}{self.message}" if record else f"{where}: {self.message}"


@dataclass
class ModelCounts:
    created: int = 0
    changed: int = 0
    unchanged: int = 0


@dataclass
class LoadReport:
    """What a load did (or, in a dry run or after an error, would have done)."""

    counts: dict[str, ModelCounts] = field(default_factory=dict)
    errors: list[RecordError] = field(default_factory=list)
    dry_run: bool = False

    @property
    def saved(self) -> bool:
        return not self.errors and not self.dry_run


@dataclass
class _Entry:
    """A record of a file, on its way to the database."""

    file: str
    position: int
    model: type[models.Model]
    data: dict[str, Any]
    instance: models.Model | None = None
    m2m: dict[str, list[Any]] = field(default_factory=dict)
    key: tuple[Any, ...] | None = None

    @property
    def key_text(self) -> str:
        return repr(list(self.key)) if self.key is not None else ""


class _Load:
    """One run of ``records_load``: the caches and the report it fills."""

    def __init__(self, *, using: str, only_new: bool, report: LoadReport) -> None:
        self.using = using
        self.only_new = only_new
        self.report = report
        # (model, natural key) -> the record, from the database or created by this load
        self.by_key: dict[tuple[type[models.Model], tuple[Any, ...]], models.Model] = {}
        self.seen: dict[tuple[type[models.Model], tuple[Any, ...]], _Entry] = {}
        self.history: list[tuple[type[models.Model], list[models.Model], bool, str]] = []
        self.explicit_pk_models: set[type[models.Model]] = set()
        self.invalid: set[tuple[type[models.Model], tuple[Any, ...]]] = set()

    def error(self, entry: _Entry, field_name: str, message: str) -> None:
        self.report.errors.append(
            RecordError(
                entry.file,
                entry.position,
                entry.model._meta.label_lower,
                entry.key_text,
                field_name,
                str(message),
            )
        )

    def referenced(self, model: type[models.Model], key: tuple[Any, ...]) -> models.Model | None:
        found = self.by_key.get((model, key))
        if found is None:
            try:
                found = model._default_manager.db_manager(self.using).get_by_natural_key(*key)
            except ObjectDoesNotExist:
                return None
            self.by_key[(model, key)] = found
        return found

    def own(self, model: type[models.Model], key: tuple[Any, ...]) -> models.Model | None:
        """The record whose own natural key ``key`` is.

        A reference may resolve to another record (a merged person's UID names the person
        kept in their place); a manager that resolves keys so says which record is the key's
        own with ``get_exact_by_natural_key``. The record itself, and its history rows, are
        that one.
        """
        exact = getattr(model._default_manager, "get_exact_by_natural_key", None)
        if exact is None:
            return self.referenced(model, key)
        try:
            return model._default_manager.db_manager(self.using).get_exact_by_natural_key(*key)
        except ObjectDoesNotExist:
            return None

    def build(self, entry: _Entry) -> bool | None:
        """Turn ``entry.data`` into an instance; False on faults, None when a reference waits."""
        model, fields = entry.model, entry.data.get("fields", {})
        values: dict[str, Any] = {}
        faults = waiting = False
        resolved_references: set[str] = set()
        if "pk" in entry.data and entry.data["pk"] is not None:
            try:
                values[model._meta.pk.attname] = model._meta.pk.to_python(entry.data["pk"])
            except ValidationError as error:
                self.error(entry, "pk", "; ".join(error.messages))
                faults = True
        for name, value in fields.items():
            model_field = model._meta.get_field(name)
            remote = model_field.remote_field
            if isinstance(remote, models.ManyToManyRel):
                try:
                    related = base.deserialize_m2m_values(model_field, value, self.using, True)
                except base.M2MDeserializationError as error:
                    self.error(entry, name, INVALID_VALUE_ERROR.format(value=error.pk, error=error))
                    faults = True
                    continue
                if related == base.DEFER_FIELD:
                    waiting = True
                    entry.waiting_for = (name, remote.model, value)  # type: ignore[attr-defined]
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
                        found = self.referenced(target, tuple(value))
                    except (TypeError, ValueError, ValidationError) as error:
                        label = target._meta.verbose_name
                        self.error(
                            entry, name, INVALID_REFERENCE_ERROR.format(model=label, error=error)
                        )
                        faults = True
                        continue
                    if found is None:
                        waiting = True
                        entry.waiting_for = (name, target, tuple(value))  # type: ignore[attr-defined]
                        continue
                    values[model_field.name] = found
                    resolved_references.add(model_field.name)
                else:
                    try:
                        values[model_field.attname] = target._meta.get_field(
                            remote.field_name
                        ).to_python(value)
                    except ValidationError as error:
                        self.error(entry, name, "; ".join(error.messages))
                        faults = True
            else:
                try:
                    values[model_field.name] = model_field.to_python(value)
                except ValidationError as error:
                    self.error(entry, name, "; ".join(error.messages))
                    faults = True
        if faults:
            return False
        if waiting:
            return None
        instance = model(**values)
        instance._state.db = self.using
        if isinstance(instance, FoldedNamesModel):
            instance.fold_names()  # derived from the names, never trusted from the file
        entry.instance = instance
        entry.resolved_references = resolved_references  # type: ignore[attr-defined]
        if hasattr(instance, "natural_key"):
            try:
                entry.key = tuple(instance.natural_key())
            except Exception as error:  # a model's natural_key() on broken data
                self.error(entry, "", NO_NATURAL_KEY_ERROR.format(error=error))
                return False
        tracked = getattr(model, "instance_type", None)
        if tracked is not None and hasattr(tracked, "natural_key"):
            # A history row names its record by primary key, which a natural-key dump does
            # not carry: point it at the record that has the same natural key here.
            try:
                record = self.own(tracked, tuple(instance.instance.natural_key()))
            except Exception:  # the record is gone (deleted): its history keeps the old id
                record = None
            if record is not None:
                instance.id = record.pk
        return True

    def identify(self, entries: list[_Entry]) -> None:
        """Give each new-looking instance the primary key of the record it names, if stored."""
        model = entries[0].model
        for entry in entries:
            instance = entry.instance
            if (
                instance.pk is None
                and entry.key is not None
                and hasattr(model._default_manager, "get_by_natural_key")
            ):
                found = self.own(model, entry.key)
                if found is not None:
                    instance.pk = found.pk
        explicit = [entry.instance.pk for entry in entries if entry.instance.pk is not None]
        stored = model._base_manager.using(self.using).in_bulk(explicit) if explicit else {}
        for entry in entries:
            entry.stored = stored.get(entry.instance.pk)  # type: ignore[attr-defined]
            if entry.stored is not None:  # type: ignore[attr-defined]
                entry.instance._state.adding = False

    def validate(self, entry: _Entry) -> bool:
        instance = entry.instance
        stored = entry.stored  # type: ignore[attr-defined]
        if stored is not None:
            # What the file does not give keeps its stored value, timestamps included.
            given = set(entry.data.get("fields", {}))
            for model_field in entry.model._meta.concrete_fields:
                if model_field.name not in given and not model_field.primary_key:
                    setattr(instance, model_field.attname, getattr(stored, model_field.attname))
        if getattr(entry.model, "instance_type", None) is not None:
            # A history row copies what a record was, valid or not by today's rules.
            return True
        errors: dict[str, list[str]] = defaultdict(list)
        # References resolved by natural key exist: checking them again costs a query each.
        for step in (
            lambda: instance.clean_fields(exclude=entry.resolved_references),  # type: ignore[attr-defined]
            instance.clean,
            lambda: instance.validate_unique(exclude=set(errors)),
            lambda: instance.validate_constraints(exclude=set(errors)),
        ):
            try:
                step()
            except ValidationError as error:
                for name, message in validation_messages(error):
                    errors[name].append(message)
        for name, messages in errors.items():
            for message in messages:
                self.error(entry, name, message)
        return not errors

    def changes(self, entry: _Entry) -> list[str]:
        stored = entry.stored  # type: ignore[attr-defined]
        names = [f.attname for f in content_fields(entry.model)]
        if "updated_at" in entry.data.get("fields", {}) or "created_at" in entry.data.get(
            "fields", {}
        ):
            names += [n for n in ("created_at", "updated_at") if n in entry.data["fields"]]
        changed = [
            entry.model._meta.get_field(name).attname
            for name in names
            if entry.model._meta.get_field(name).value_to_string(entry.instance)
            != entry.model._meta.get_field(name).value_to_string(stored)
        ]
        for name, related in entry.m2m.items():
            current = set(getattr(stored, name).values_list("pk", flat=True))
            if current != {getattr(item, "pk", item) for item in related}:
                changed.append(name)
        return changed

    def load_model(self, model: type[models.Model], entries: list[_Entry], reason: str) -> None:
        counts = self.report.counts.setdefault(model._meta.label_lower, ModelCounts())
        pending = entries
        while pending:
            ready, waiting = [], []
            for entry in pending:
                built = self.build(entry)
                if built:
                    ready.append(entry)
                elif built is None:
                    waiting.append(entry)
            if not ready:
                for entry in waiting:
                    name, target, key = entry.waiting_for  # type: ignore[attr-defined]
                    template = (
                        INVALID_TARGET_ERROR
                        if (target, tuple(key)) in self.invalid
                        else UNRESOLVED_REFERENCE_ERROR
                    )
                    self.error(
                        entry, name, template.format(model=target._meta.label_lower, key=list(key))
                    )
                return
            self.save_round(model, ready, counts, reason)
            pending = waiting

    def save_round(
        self, model: type[models.Model], ready: list[_Entry], counts: ModelCounts, reason: str
    ) -> None:
        self.identify(ready)
        created: list[_Entry] = []
        changed: list[tuple[_Entry, list[str]]] = []
        for entry in ready:
            if entry.key is not None:
                first = self.seen.setdefault((model, entry.key), entry)
                if first is not entry:
                    self.error(
                        entry,
                        "",
                        DUPLICATE_RECORD_ERROR.format(file=first.file, position=first.position),
                    )
                    continue
            if entry.stored is not None and self.only_new:  # type: ignore[attr-defined]
                counts.unchanged += 1
                continue
            if not self.validate(entry):
                if entry.key is not None:
                    self.invalid.add((model, entry.key))
                continue
            if entry.stored is None:  # type: ignore[attr-defined]
                created.append(entry)
                continue
            if difference := self.changes(entry):
                changed.append((entry, difference))
            else:
                counts.unchanged += 1
        try:
            with transaction.atomic(using=self.using):
                self.write(model, created, changed, reason)
        except (DatabaseError, ValueError) as error:
            self.report.errors.append(
                RecordError(
                    ready[0].file,
                    0,
                    model._meta.label_lower,
                    "",
                    "",
                    DATABASE_REFUSED_ERROR.format(model=model._meta.label_lower, error=error),
                )
            )
            return
        counts.created += len(created)
        counts.changed += len(changed)

    def remember(self, entry: _Entry) -> None:
        if entry.key is not None:
            self.by_key[(entry.model, entry.key)] = entry.instance

    def write(
        self,
        model: type[models.Model],
        created: list[_Entry],
        changed: list[tuple[_Entry, list[str]]],
        reason: str,
    ) -> None:
        manager = model._base_manager.db_manager(self.using)
        new = [entry.instance for entry in created]
        if new:
            if any(instance.pk is not None for instance in new):
                self.explicit_pk_models.add(model)
            # bulk_create stamps auto_now(_add) fields; a file's own times are kept, as
            # loaddata's raw saves keep them.
            stamped = [
                f
                for f in model._meta.concrete_fields
                if getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False)
            ]
            given = {
                (id(entry.instance), f.attname): getattr(entry.instance, f.attname)
                for entry in created
                for f in stamped
                if f.name in entry.data.get("fields", {})
            }
            manager.bulk_create(new, batch_size=BATCH_SIZE)
            if given:
                for entry in created:
                    for f in stamped:
                        if (id(entry.instance), f.attname) in given:
                            setattr(
                                entry.instance, f.attname, given[(id(entry.instance), f.attname)]
                            )
                manager.bulk_update(new, [f.name for f in stamped], batch_size=BATCH_SIZE)
            for entry in created:
                entry.instance._state.adding = False
                self.remember(entry)
            self.history.append((model, new, False, reason))
        if changed:
            names = sorted(
                {name for _entry, difference in changed for name in difference}
                - {name for entry, _difference in changed for name in entry.m2m}
            )
            instances = [entry.instance for entry, _difference in changed]
            now = timezone.now()
            for entry, _difference in changed:
                if "updated_at" not in entry.data.get("fields", {}) and hasattr(
                    entry.instance, "updated_at"
                ):
                    entry.instance.updated_at = now
                    names = sorted({*names, "updated_at"})
            if names:
                manager.bulk_update(instances, names, batch_size=BATCH_SIZE)
            self.history.append((model, instances, True, reason))
        for entry in [*created, *(entry for entry, _difference in changed)]:
            for name, related in entry.m2m.items():
                getattr(entry.instance, name).set(related)

    def write_history(self) -> None:
        """The history rows of what this load created and changed, after every record.

        Last, so that history rows carried by the files keep their own ids.
        """
        connection = connections[self.using]
        if self.explicit_pk_models:
            with connection.cursor() as cursor:
                for line in connection.ops.sequence_reset_sql(
                    no_style(), sorted(self.explicit_pk_models, key=lambda m: m._meta.label)
                ):
                    cursor.execute(line)
        for model, instances, update, reason in self.history:
            manager = history_manager(model)
            if manager is not None:
                manager.bulk_history_create(
                    instances, batch_size=BATCH_SIZE, update=update, default_change_reason=reason
                )


def _read(path: Path, report: LoadReport) -> list[Any] | None:
    name = str(path)
    fmt = FORMATS.get(path.suffix.lower())
    if fmt is None:
        report.errors.append(RecordError(name, 0, "", "", "", UNKNOWN_FORMAT_ERROR))
        return None
    try:
        with path.open(encoding="utf-8") as stream:
            records = json.load(stream) if fmt == "json" else yaml.safe_load(stream)
    except (OSError, ValueError, yaml.YAMLError) as error:
        message = UNREADABLE_FILE_ERROR.format(format=fmt.upper(), error=error)
        report.errors.append(RecordError(name, 0, "", "", "", message))
        return None
    if not isinstance(records, list):
        report.errors.append(RecordError(name, 0, "", "", "", NOT_A_LIST_ERROR))
        return None
    return records


def _entries(paths: Sequence[Path], report: LoadReport) -> list[_Entry]:
    """Every well-formed record of the files, of a known model, with only known fields."""
    entries = []
    for path in paths:
        records = _read(path, report)
        for position, record in enumerate(records or [], start=1):
            where = (str(path), position)
            if (
                not isinstance(record, dict)
                or not isinstance(record.get("model"), str)
                or not isinstance(record.get("fields", {}), dict)
            ):
                report.errors.append(RecordError(*where, "", "", "", NOT_A_RECORD_ERROR))
                continue
            try:
                model = apps.get_model(record["model"])
            except (LookupError, ValueError):
                message = UNKNOWN_MODEL_ERROR.format(model=record["model"])
                report.errors.append(RecordError(*where, record["model"], "", "", message))
                continue
            unknown = False
            for name in record.get("fields", {}):
                try:
                    model._meta.get_field(name)
                except FieldDoesNotExist:
                    message = UNKNOWN_FIELD_ERROR.format(model=model._meta.label_lower, field=name)
                    report.errors.append(
                        RecordError(*where, model._meta.label_lower, "", name, message)
                    )
                    unknown = True
            if not unknown:
                entries.append(_Entry(str(path), position, model, record))
    return entries


def _dependency_order(model_list: list[type[models.Model]]) -> list[type[models.Model]]:
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


def records_load(
    *,
    paths: Sequence[Path],
    dry_run: bool = False,
    only_new: bool = False,
    using: str = DEFAULT_DB_ALIAS,
) -> LoadReport:
    """Check every record of ``paths``, then save them all in one transaction, or none.

    ``only_new`` adds the records whose natural key is not stored yet and leaves stored ones
    as they are (``make run`` loads the seed this way, so a start never undoes an edit).
    Each record created or changed gets a history row naming its file.
    """
    report = LoadReport(dry_run=dry_run)
    entries = _entries(paths, report)
    by_model: dict[type[models.Model], list[_Entry]] = defaultdict(list)
    for entry in entries:
        by_model[entry.model].append(entry)
    name = ", ".join(Path(path).stem for path in paths)
    reason = fixture_change_reason(name)
    load = _Load(using=using, only_new=only_new, report=report)
    with transaction.atomic(using=using), fixture_loading(name):
        for model in _dependency_order(list(by_model)):
            load.load_model(model, by_model[model], reason)
        if not report.errors:
            load.write_history()
        if not report.saved:
            transaction.set_rollback(True, using=using)
    order = {str(path): number for number, path in enumerate(paths)}
    report.errors.sort(key=lambda error: (order.get(error.file, len(order)), error.position))
    return report
