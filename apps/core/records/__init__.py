"""Loading records that other offices send as fixture files: every error found, then all or nothing.

``records_load`` reads JSON or YAML fixtures (Django's serialised form, natural keys welcome),
orders the models so that what a record refers to is saved before it, checks every record as
the admin would (field validation, ``clean()``, unique checks and constraints, references that
resolve in the files or the database) and reports each fault with its file, position and
natural key. Only a load without a single fault is kept; a dry run never is.

It works on model labels (``apps.get_model``), so the shared core needs no domain app.

The modules, in the order a load uses them: ``reading`` (files into entries), ``ordering``
(models after what they refer to), ``references`` and ``building`` (entries into instances),
``loading`` (checks and the load itself), ``writing`` (bulk writes and history), ``report``
(what the caller is told).
"""

from apps.core.records.loading import records_load
from apps.core.records.reading import FORMATS
from apps.core.records.report import (
    DATABASE_REFUSED_ERROR,
    DUPLICATE_RECORD_ERROR,
    INVALID_REFERENCE_ERROR,
    INVALID_TARGET_ERROR,
    INVALID_VALUE_ERROR,
    NO_NATURAL_KEY_ERROR,
    NOT_A_LIST_ERROR,
    NOT_A_RECORD_ERROR,
    UNKNOWN_FIELD_ERROR,
    UNKNOWN_FORMAT_ERROR,
    UNKNOWN_MODEL_ERROR,
    UNREADABLE_FILE_ERROR,
    UNRESOLVED_REFERENCE_ERROR,
    LoadReport,
    ModelCounts,
    RecordError,
)
from apps.core.records.writing import BATCH_SIZE

__all__ = [
    "BATCH_SIZE",
    "DATABASE_REFUSED_ERROR",
    "DUPLICATE_RECORD_ERROR",
    "FORMATS",
    "INVALID_REFERENCE_ERROR",
    "INVALID_TARGET_ERROR",
    "INVALID_VALUE_ERROR",
    "NOT_A_LIST_ERROR",
    "NOT_A_RECORD_ERROR",
    "NO_NATURAL_KEY_ERROR",
    "UNKNOWN_FIELD_ERROR",
    "UNKNOWN_FORMAT_ERROR",
    "UNKNOWN_MODEL_ERROR",
    "UNREADABLE_FILE_ERROR",
    "UNRESOLVED_REFERENCE_ERROR",
    "LoadReport",
    "ModelCounts",
    "RecordError",
    "records_load",
]
