"""Reading fixture files into entries: well-formed records of known models and fields."""

import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from django.apps import apps
from django.core.exceptions import FieldDoesNotExist
from django.db import models

from apps.core.records.report import (
    NOT_A_LIST_ERROR,
    NOT_A_RECORD_ERROR,
    UNKNOWN_FIELD_ERROR,
    UNKNOWN_FORMAT_ERROR,
    UNKNOWN_MODEL_ERROR,
    UNREADABLE_FILE_ERROR,
    LoadReport,
    RecordError,
)

FORMATS = {".json": "json", ".yaml": "yaml", ".yml": "yaml"}


@dataclass
class Entry:
    """A record of a file, on its way to the database."""

    file: str
    position: int
    model: type[models.Model]
    data: dict[str, Any]
    instance: models.Model | None = None
    m2m: dict[str, list[Any]] = field(default_factory=dict)
    key: tuple[Any, ...] | None = None
    # The reference it waits for, while one is not loaded yet: (field, model, natural key).
    waiting_for: tuple[str, type[models.Model], Any] | None = None
    # Its references found by natural key: they exist, so validation need not look again.
    resolved_references: set[str] = field(default_factory=set)
    # The stored record it names, if any.
    stored: models.Model | None = None

    @property
    def key_text(self) -> str:
        return repr(list(self.key)) if self.key is not None else ""


def entry_error(report: LoadReport, entry: Entry, field_name: str, message: str) -> None:
    """Report a fault of ``entry`` (``field_name`` empty for the record as a whole)."""
    report.errors.append(
        RecordError(
            entry.file,
            entry.position,
            entry.model._meta.label_lower,
            entry.key_text,
            field_name,
            str(message),
        )
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


def entries_read(paths: Sequence[Path], report: LoadReport) -> list[Entry]:
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
                entries.append(Entry(str(path), position, model, record))
    return entries
