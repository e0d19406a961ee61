"""What a load reports: each fault of each record, and the counts per model."""

from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy as _

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
