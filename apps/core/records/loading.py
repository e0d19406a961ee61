"""The load itself: each model in turn, its entries checked, then written in bulk."""

from collections import defaultdict
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.db import DEFAULT_DB_ALIAS, DatabaseError, models, transaction

from apps.core.fixtures import (
    content_fields,
    fixture_change_reason,
    fixture_loading,
    validation_messages,
)
from apps.core.records.building import entry_build
from apps.core.records.ordering import dependency_order
from apps.core.records.reading import Entry, entries_read, entry_error
from apps.core.records.references import References
from apps.core.records.report import (
    DATABASE_REFUSED_ERROR,
    DUPLICATE_RECORD_ERROR,
    INVALID_TARGET_ERROR,
    UNRESOLVED_REFERENCE_ERROR,
    LoadReport,
    ModelCounts,
    RecordError,
)
from apps.core.records.writing import Writer


class _Load:
    """One run of ``records_load``: the caches and the report it fills."""

    def __init__(self, *, using: str, only_new: bool, report: LoadReport) -> None:
        self.using = using
        self.only_new = only_new
        self.report = report
        self.references = References(using=using)
        self.writer = Writer(references=self.references)
        self.seen: dict[tuple[type[models.Model], tuple[Any, ...]], Entry] = {}
        self.invalid: set[tuple[type[models.Model], tuple[Any, ...]]] = set()

    def error(self, entry: Entry, field_name: str, message: str) -> None:
        entry_error(self.report, entry, field_name, message)

    def identify(self, entries: list[Entry]) -> None:
        """Give each new-looking instance the primary key of the record it names, if stored."""
        model = entries[0].model
        for entry in entries:
            instance = entry.instance
            if (
                instance.pk is None
                and entry.key is not None
                and hasattr(model._default_manager, "get_by_natural_key")
            ):
                found = self.references.own(model, entry.key)
                if found is not None:
                    instance.pk = found.pk
        explicit = [entry.instance.pk for entry in entries if entry.instance.pk is not None]
        stored = model._base_manager.using(self.using).in_bulk(explicit) if explicit else {}
        for entry in entries:
            entry.stored = stored.get(entry.instance.pk)
            if entry.stored is not None:
                entry.instance._state.adding = False

    def validate(self, entry: Entry) -> bool:
        instance = entry.instance
        stored = entry.stored
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
            lambda: instance.clean_fields(exclude=entry.resolved_references),
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

    def changes(self, entry: Entry) -> list[str]:
        stored = entry.stored
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

    def load_model(self, model: type[models.Model], entries: list[Entry], reason: str) -> None:
        counts = self.report.counts.setdefault(model._meta.label_lower, ModelCounts())
        pending = entries
        while pending:
            ready, waiting = [], []
            for entry in pending:
                built = entry_build(entry, self.references, self.report)
                if built:
                    ready.append(entry)
                elif built is None:
                    waiting.append(entry)
            if not ready:
                for entry in waiting:
                    name, target, key = entry.waiting_for
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
        self, model: type[models.Model], ready: list[Entry], counts: ModelCounts, reason: str
    ) -> None:
        self.identify(ready)
        created: list[Entry] = []
        changed: list[tuple[Entry, list[str]]] = []
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
            if entry.stored is not None and self.only_new:
                counts.unchanged += 1
                continue
            if not self.validate(entry):
                if entry.key is not None:
                    self.invalid.add((model, entry.key))
                continue
            if entry.stored is None:
                created.append(entry)
                continue
            if difference := self.changes(entry):
                changed.append((entry, difference))
            else:
                counts.unchanged += 1
        try:
            with transaction.atomic(using=self.using):
                self.writer.write(model, created, changed, reason)
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
    entries = entries_read(paths, report)
    by_model: dict[type[models.Model], list[Entry]] = defaultdict(list)
    for entry in entries:
        by_model[entry.model].append(entry)
    name = ", ".join(Path(path).stem for path in paths)
    reason = fixture_change_reason(name)
    load = _Load(using=using, only_new=only_new, report=report)
    with transaction.atomic(using=using), fixture_loading(name):
        for model in dependency_order(list(by_model)):
            load.load_model(model, by_model[model], reason)
        if not report.errors:
            load.writer.write_history()
        if not report.saved:
            transaction.set_rollback(True, using=using)
    order = {str(path): number for number, path in enumerate(paths)}
    report.errors.sort(key=lambda error: (order.get(error.file, len(order)), error.position))
    return report
