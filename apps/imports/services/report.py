"""An import's report: every row's outcome and every error, in the words registrars read."""

from dataclasses import asdict, dataclass, field
from typing import Any

from django.core.exceptions import ValidationError

from apps.imports.columns import COLUMNS_BY_FIELD, column_title

# The person's fields an import may fill or change; names identify, and are never rewritten.
PERSON_FIELDS = (
    "patronymic",
    "rank",
    "service",
    "unit",
    "organisation",
    "nationality",
    "birth_date",
    "email",
)
ENROLMENT_FIELDS = ("status", "completed_on", "result")


@dataclass
class Problem:
    """One error: its spreadsheet row (the header is 1; 0 for the file) and its column."""

    row: int
    column: str
    message: str
    code: str


@dataclass(slots=True)
class Difference:
    """A cell that differs from the stored value: a change, or a stored value kept."""

    column: str
    stored: str
    file: str


@dataclass(slots=True)
class RowReport:
    """What the import does (or would do) with one row."""

    row: int
    name: str
    person: str = ""  # "new" or "matched"; empty when refused before matching
    match_reason: str = ""
    person_id: int | None = None
    person_uid: str = ""
    enrolment: str = ""  # "new", "changed" or "unchanged"
    changes: list[Difference] = field(default_factory=list)
    kept: list[Difference] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    refused: bool = False

    @property
    def outcome(self) -> str:
        if self.refused:
            return "refused"
        if self.enrolment == "unchanged" and not self.changes:
            return "unchanged"
        return f"{self.person} person, {self.enrolment} enrolment"


@dataclass
class ImportReport:
    """Every row's outcome and every error, for a preview, an applied import or a refusal."""

    course_id: int
    course: str
    file_name: str
    sha256: str
    dry_run: bool
    columns: list[str] = field(default_factory=list)
    rows: list[RowReport] = field(default_factory=list)
    errors: list[Problem] = field(default_factory=list)
    batch_id: int | None = None

    @property
    def refused(self) -> bool:
        return bool(self.errors)

    @property
    def applied(self) -> bool:
        return self.batch_id is not None

    @property
    def counts(self) -> dict[str, int]:
        rows = [row for row in self.rows if not row.refused]
        return {
            "rows": len(self.rows),
            "people_created": sum(row.person == "new" for row in rows),
            "people_matched": sum(row.person == "matched" for row in rows),
            "people_changed": sum(
                row.person == "matched" and any(c.column in PERSON_COLUMNS for c in row.changes)
                for row in rows
            ),
            "enrolments_created": sum(row.enrolment == "new" for row in rows),
            "enrolments_changed": sum(row.enrolment == "changed" for row in rows),
            "unchanged": sum(row.outcome == "unchanged" for row in rows),
            "refused": sum(row.refused for row in self.rows),
            "errors": len(self.errors),
        }

    def to_dict(self) -> dict[str, Any]:
        return {
            "course": {"id": self.course_id, "title": self.course},
            "file_name": self.file_name,
            "sha256": self.sha256,
            "dry_run": self.dry_run,
            "refused": self.refused,
            "applied": self.applied,
            "batch": self.batch_id,
            "columns": self.columns,
            "counts": self.counts,
            "rows": [{**asdict(row), "outcome": row.outcome} for row in self.rows],
            "errors": [asdict(problem) for problem in self.errors],
        }


PERSON_COLUMNS = {column_title(name) for name in PERSON_FIELDS}


def refuse(report: ImportReport, row: RowReport, column_field: str, error: ValidationError) -> None:
    row.refused = True
    column = column_title(column_field) if column_field in COLUMNS_BY_FIELD else ""
    for problem in error.error_list:
        message = problem.message % problem.params if problem.params else problem.message
        report.errors.append(Problem(row.row, column, str(message), problem.code or "invalid"))


def field_errors(report: ImportReport, row: RowReport, error: ValidationError) -> None:
    """A model's ``ValidationError``, each message under the column of its field."""
    for name, errors in error.error_dict.items():
        column = name if name in COLUMNS_BY_FIELD else ""
        refuse(report, row, column, ValidationError(errors))
