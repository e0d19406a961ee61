"""Importing a course's participants from a spreadsheet (undoing one: ``apps.imports.undo``).

One service for the admin, the API and the command. An import reads the whole file, matches
every row to a person, checks every value against the models' own rules, and only then writes,
all or nothing, in bulk: a few queries per 500 rows, however many rows. Every record it writes
gets a history row tagged with its batch (``ImportBatch.history_reason``), which is what an
undo reads.
"""

import datetime
import hashlib
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import asdict, dataclass, field
from typing import Any, Protocol

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from apps.certificates.models import Certificate
from apps.core.names import fold_name
from apps.courses.models import Course
from apps.enrolments.models import Enrolment, EnrolmentStatus
from apps.imports.columns import (
    CELL_READERS,
    COLUMNS_BY_FIELD,
    DATE_FIELDS,
    Column,
    column_for,
    column_title,
    text_cell,
)
from apps.imports.models import ImportBatch
from apps.imports.spreadsheets import Cell, SpreadsheetError, sheet_read
from apps.organisations.models import Organisation
from apps.people.models import Person

BATCH_SIZE = 500

FILE_TOO_LARGE_ERROR = "The file is {size} bytes; at most {limit} bytes are imported at once."
UNKNOWN_COLUMN_ERROR = (
    "Unknown column “{header}”: TrainingDB reads {known}. Rename it, or remove it from the file."
)
COLUMN_TWICE_ERROR = "The column {column} comes twice (also column {first})."
UNNAMED_COLUMN_ERROR = "Column {position} holds values but has no name in the first row."
NO_NAME_COLUMN_ERROR = "The file needs a column “family name” (or “nom”), or a column “uid”."
FAMILY_NAME_MISSING_ERROR = "The family name is missing."
UNKNOWN_UID_ERROR = "No person has the UID {uid}."
UNKNOWN_ORGANISATION_ERROR = (
    "“{value}” is no organisation TrainingDB knows (by its short name, acronym or name in "
    "English or French): record it first."
)
AMBIGUOUS_ORGANISATION_ERROR = "“{value}” names several organisations: use its short name."
AMBIGUOUS_MATCH_ERROR = (
    "Several people match {name} ({reason}): {people}. Give the right one's UID in the column "
    "“uid”."
)
PROBABLE_MATCH_ERROR = (
    "Probably {person} (UID {uid}), already recorded: same names and nationality, no birth "
    "date to compare. Accept the match (row {row}) or give a birth date or a UID."
)
DUPLICATE_ROW_ERROR = "The same person as row {row}: a person is enrolled once per course."
ENROLLED_UNDER_ANOTHER_SPELLING_ERROR = (
    "{person} (UID {uid}), whose name is the same once folded, is already enrolled in this "
    "course: give their UID or birth date to update that enrolment, or correct the name."
)

MATCH_BY_UID = "uid"
MATCH_BY_BIRTH_DATE = "same names and birth date"
MATCH_PROBABLE = "same names and nationality (probable match, accepted)"

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
# Not checked again by the model's clean_fields(): related records were resolved already (no
# query per row), and a nationality was read against the very list of countries the field
# holds (country_cell), which the field would walk again, 250 choices per row.
CHECKED_BEFORE = ["organisation", "uid", "nationality"]


class Upload(Protocol):
    name: str

    def read(self) -> bytes: ...


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


@dataclass(slots=True)
class _Row:
    """A row being read: its values by field, its report, the records it leads to.

    Thousands of them are held at once: slots, and lists of the fields that change.
    """

    number: int
    values: dict[str, Any]
    report: RowReport
    names: tuple[str, str] = ("", "")  # family and given names folded: what matching compares
    person: Person | None = None
    enrolment: Enrolment | None = None  # an enrolment recorded already
    new_enrolment: tuple[Any, ...] | None = None  # a new one's ENROLMENT_FIELDS
    person_fields: list[str] = field(default_factory=list)
    enrolment_fields: list[str] = field(default_factory=list)


def import_history_user(
    user: AbstractBaseUser | AnonymousUser | None,
) -> AbstractBaseUser | None:
    return user if user is not None and user.is_authenticated else None


def enrolments_import(
    *,
    course: Course,
    upload: Upload,
    dry_run: bool,
    user: AbstractBaseUser | AnonymousUser | None = None,
    accept_matches: Iterable[int] = (),
) -> ImportReport:
    """Import a spreadsheet of participants into ``course``: all rows, or none.

    Matches each row to a person (by UID; else folded names and birth date; else folded names
    and nationality, a probable match applied only if its row number is in
    ``accept_matches``), creates the missing people and enrolments and updates the others. An
    absent column or an empty cell never erases a stored value. Importing the same file again
    writes nothing. A dry run, or a refused file, writes and keeps nothing.
    """
    content = upload.read()
    report = ImportReport(
        course_id=course.pk,
        course=str(course.title),
        file_name=str(upload.name or ""),
        sha256=hashlib.sha256(content).hexdigest(),
        dry_run=dry_run,
    )
    limit = settings.IMPORT_UPLOAD_MAX_BYTES
    if len(content) > limit:
        message = FILE_TOO_LARGE_ERROR.format(size=len(content), limit=limit)
        report.errors.append(Problem(0, "", message, "too_large"))
        return report
    try:
        sheet = sheet_read(content)
    except SpreadsheetError as error:
        report.errors.append(Problem(0, "", str(error), "unreadable"))
        return report
    columns = _columns(sheet.header, sheet.rows, report)
    if report.errors and not any(column.field == "family_name" for column in columns.values()):
        return report
    rows = [_row_read(number, cells, columns, report) for number, cells in sheet.rows]
    del sheet, content  # the cells and the bytes: read, they are no longer needed
    with transaction.atomic():
        if not dry_run:
            # Two imports into one course at once would both create the same new people:
            # the second waits here until the first commits, then finds them.
            Course.objects.select_for_update().filter(pk=course.pk).first()
        _rows_resolve(course, rows, report, set(accept_matches), dry_run=dry_run)
        if report.errors or dry_run:
            return report
        report.batch_id = _rows_write(
            course, rows, report, content_name=report.file_name, user=user
        ).pk
    return report


def _columns(
    header: list[str], rows: Sequence[tuple[int, list[Cell]]], report: ImportReport
) -> dict[int, Column]:
    """Each position's column; unknown, doubled and unnamed columns reported."""
    columns: dict[int, Column] = {}
    first: dict[str, int] = {}
    known = ", ".join(f"“{column_title(name)}”" for name in COLUMNS_BY_FIELD)
    width = max([len(header), *(len(cells) for _number, cells in rows)])
    for position in range(width):
        name = header[position].strip() if position < len(header) else ""
        if not name:
            if any(
                position < len(cells) and str(cells[position] or "").strip() for _n, cells in rows
            ):
                message = UNNAMED_COLUMN_ERROR.format(position=position + 1)
                report.errors.append(Problem(1, "", message, "unnamed_column"))
            continue
        column = column_for(name)
        if column is None:
            message = UNKNOWN_COLUMN_ERROR.format(header=name, known=known)
            report.errors.append(Problem(1, name, message, "unknown_column"))
        elif column.field in first:
            message = COLUMN_TWICE_ERROR.format(column=name, first=first[column.field] + 1)
            report.errors.append(Problem(1, name, message, "column_twice"))
        else:
            first[column.field] = position
            columns[position] = column
    report.columns = [column.field for column in columns.values()]
    if "family_name" not in report.columns and "uid" not in report.columns:
        report.errors.append(Problem(1, "", NO_NAME_COLUMN_ERROR, "no_name_column"))
    return columns


def _row_read(
    number: int, cells: list[Cell], columns: dict[int, Column], report: ImportReport
) -> _Row:
    """A row's values by field: an empty cell gives no value at all (it never erases)."""
    values: dict[str, Any] = {}
    row_report = RowReport(row=number, name="")
    for position, column in columns.items():
        cell = cells[position] if position < len(cells) else None
        try:
            value = _cell_read(cell, column)
        except ValidationError as error:
            _refuse(report, row_report, column.field, error)
            continue
        if value not in ("", None):
            values[column.field] = value
    row_report.name = " ".join(
        str(values[name]) for name in ("family_name", "given_names") if name in values
    )
    report.rows.append(row_report)
    names = (fold_name(values.get("family_name", "")), fold_name(values.get("given_names", "")))
    return _Row(number=number, values=values, report=row_report, names=names)


def _cell_read(cell: Cell, column: Column) -> Any:
    if column.field in DATE_FIELDS and isinstance(cell, datetime.date):
        return DATE_FIELDS[column.field](cell)
    text = text_cell(cell, column)
    if not text:
        return ""
    if column.field in DATE_FIELDS:
        return DATE_FIELDS[column.field](text)
    reader = CELL_READERS.get(column.field)
    return reader(text) if reader else text


def _refuse(
    report: ImportReport, row: RowReport, column_field: str, error: ValidationError
) -> None:
    row.refused = True
    column = column_title(column_field) if column_field in COLUMNS_BY_FIELD else ""
    for problem in error.error_list:
        message = problem.message % problem.params if problem.params else problem.message
        report.errors.append(Problem(row.row, column, str(message), problem.code or "invalid"))


def _field_errors(report: ImportReport, row: RowReport, error: ValidationError) -> None:
    """A model's ``ValidationError``, each message under the column of its field."""
    for name, errors in error.error_dict.items():
        column = name if name in COLUMNS_BY_FIELD else ""
        _refuse(report, row, column, ValidationError(errors))


class _Register:
    """What the rows are matched against, read in a few queries whatever their number."""

    def __init__(self, course: Course, rows: list[_Row]) -> None:
        uids = [row.values["uid"] for row in rows if "uid" in row.values]
        families = {row.names[0] for row in rows if "family_name" in row.values}
        # A merged person's UID names the person kept in their place.
        # The organisation with each person: the rows compare it with theirs.
        people = Person.objects.select_related("merged_into__organisation", "organisation")
        self.by_uid = {
            person.uid: person.merged_into or person for person in _chunked(people, "uid__in", uids)
        }
        self.by_names: dict[tuple[str, str], list[Person]] = defaultdict(list)
        current = Person.objects.current().select_related("organisation").order_by("pk")
        for person in _chunked(current, "family_name_folded__in", families):
            self.by_names[person.family_name_folded, person.given_names_folded].append(person)
        enrolments = course.enrolments.select_related("person")
        self.enrolments = {enrolment.person_id: enrolment for enrolment in enrolments}
        certified = set(
            Certificate.objects.current()
            .filter(enrolment__course=course)
            .values_list("enrolment_id", flat=True)
        )
        for enrolment in self.enrolments.values():
            enrolment.course = course
            enrolment.known_current_certificate = enrolment.pk in certified
        self.enrolled_by_names: dict[tuple[str, str], list[Person]] = defaultdict(list)
        for enrolment in self.enrolments.values():
            person = enrolment.person
            self.enrolled_by_names[person.family_name_folded, person.given_names_folded].append(
                person
            )
        self.organisations: dict[str, list[Organisation]] = defaultdict(list)
        for organisation in Organisation.objects.all():
            keys = {
                organisation.slug,
                organisation.acronym,
                organisation.name_en,
                organisation.name_fr,
            }
            for key in {fold_name(key) for key in keys if key}:
                self.organisations[key].append(organisation)
        self.organisations_read: dict[str, list[Organisation]] = {}

    def organisations_named(self, value: str) -> list[Organisation]:
        """The organisations a cell names; a file names few, each on many rows."""
        if value not in self.organisations_read:
            self.organisations_read[value] = self.organisations.get(fold_name(value), [])
        return self.organisations_read[value]


def _chunked(queryset: Any, lookup: str, values: Iterable[Any]) -> list[Any]:
    values = list(values)
    found = []
    for start in range(0, len(values), BATCH_SIZE):
        found.extend(queryset.filter(**{lookup: values[start : start + BATCH_SIZE]}))
    return found


def _slices(items: list[Any]) -> Iterator[list[Any]]:
    for start in range(0, len(items), BATCH_SIZE):
        yield items[start : start + BATCH_SIZE]


def _compatible(person: Person, birth_date: datetime.date | None) -> bool:
    """Birth dates do not tell the two apart (one of them is unknown, or they agree)."""
    return person.birth_date is None or birth_date is None or person.birth_date == birth_date


def _rows_resolve(
    course: Course, rows: list[_Row], report: ImportReport, accepted: set[int], *, dry_run: bool
) -> None:
    register = _Register(course, [row for row in rows if not row.report.refused])
    seen: dict[Any, int] = {}
    for row in rows:
        _row_resolve(course, row, register, report, accepted, seen)
        # What a row was read into is no longer needed once it is planned, nor, in a dry
        # run, the records it would write: thousands of rows hold no more than their reports.
        row.values = {}
        if dry_run:
            row.person = row.enrolment = None


def _row_resolve(
    course: Course,
    row: _Row,
    register: _Register,
    report: ImportReport,
    accepted: set[int],
    seen: dict[Any, int],
) -> None:
    _organisation_read(row, register, report)
    if row.report.refused:
        return
    person = _person_match(row, register, report, accepted)
    if row.report.refused:
        return
    key = person.pk if person is not None else _new_person_key(row)
    if key in seen:
        message = DUPLICATE_ROW_ERROR.format(row=seen[key])
        error = ValidationError(message, code="duplicate_row")
        _refuse(report, row.report, "family_name", error)
        return
    seen[key] = row.number
    if person is None:
        _person_new(row, register, report)
    else:
        _person_update(row, person, report)
    if not row.report.refused:
        _enrolment_plan(course, row, register, report)


def _organisation_read(row: _Row, register: _Register, report: ImportReport) -> None:
    value = row.values.get("organisation")
    if value is None:
        return
    found = register.organisations_named(value)
    if len(found) == 1:
        row.values["organisation"] = found[0]
        return
    message = (AMBIGUOUS_ORGANISATION_ERROR if found else UNKNOWN_ORGANISATION_ERROR).format(
        value=value
    )
    _refuse(report, row.report, "organisation", ValidationError(message, code="organisation"))


def _new_person_key(row: _Row) -> tuple[str, str, Any]:
    return (*row.names, row.values.get("birth_date"))


def _person_match(
    row: _Row, register: _Register, report: ImportReport, accepted: set[int]
) -> Person | None:
    """The person the row names, or None for a new person; refuses what is not certain."""
    values = row.values
    if "uid" in values:
        person = register.by_uid.get(values["uid"])
        if person is None:
            message = UNKNOWN_UID_ERROR.format(uid=values["uid"])
            _refuse(report, row.report, "uid", ValidationError(message, code="unknown_uid"))
            return None
        return _matched(row, person, MATCH_BY_UID)
    if "family_name" not in values:
        error = ValidationError(FAMILY_NAME_MISSING_ERROR, code="required")
        _refuse(report, row.report, "family_name", error)
        return None
    names = row.names
    birth_date = values.get("birth_date")
    candidates = register.by_names.get(names, [])
    if birth_date is not None:
        same = [person for person in candidates if person.birth_date == birth_date]
        if len(same) == 1:
            return _matched(row, same[0], MATCH_BY_BIRTH_DATE)
        if same:
            return _ambiguous(row, report, same, MATCH_BY_BIRTH_DATE)
    nationality = values.get("nationality")
    if nationality:
        probable = [
            person
            for person in candidates
            # Birth dates first: they tell most namesakes apart, and cost less to compare.
            if _compatible(person, birth_date) and person.nationality == nationality
        ]
        if len(probable) > 1:
            return _ambiguous(row, report, probable, "same names and nationality")
        if probable:
            person = probable[0]
            if row.number in accepted:
                return _matched(row, person, MATCH_PROBABLE)
            message = PROBABLE_MATCH_ERROR.format(person=person, uid=person.uid, row=row.number)
            error = ValidationError(message, code="probable_match")
            _refuse(report, row.report, "family_name", error)
            row.report.person_id, row.report.person_uid = person.pk, str(person.uid)
            return None
    for person in register.enrolled_by_names.get(names, []):
        if _compatible(person, birth_date):
            message = ENROLLED_UNDER_ANOTHER_SPELLING_ERROR.format(person=person, uid=person.uid)
            error = ValidationError(message, code="enrolled_under_another_spelling")
            _refuse(report, row.report, "family_name", error)
            return None
    for person in candidates:
        if _compatible(person, birth_date):
            row.report.notes.append(
                f"Not matched to {person} (UID {person.uid}), who has the same names: nothing "
                "to compare (birth date or nationality). A new person is recorded."
            )
    return None


def _matched(row: _Row, person: Person, reason: str) -> Person:
    row.report.person, row.report.match_reason = "matched", reason
    row.report.person_id, row.report.person_uid = person.pk, str(person.uid)
    for name in ("family_name", "given_names"):
        written = row.values.get(name)
        if written and written != getattr(person, name):
            title = column_title(name)
            row.report.notes.append(
                f"{title}: written “{written}”, kept as recorded “{getattr(person, name)}”."
            )
    return person


def _ambiguous(row: _Row, report: ImportReport, people: list[Person], reason: str) -> None:
    listed = ", ".join(f"{person} (UID {person.uid})" for person in people)
    message = AMBIGUOUS_MATCH_ERROR.format(name=row.report.name, reason=reason, people=listed)
    _refuse(report, row.report, "family_name", ValidationError(message, code="ambiguous_match"))


def _shown(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime.date):
        return value.isoformat()
    return str(value)


def _person_new(row: _Row, register: _Register, report: ImportReport) -> None:
    fields = {
        name: row.values[name]
        for name in ("family_name", "given_names", *PERSON_FIELDS)
        if name in row.values
    }
    person = Person(**fields)
    try:
        person.clean_fields(exclude=CHECKED_BEFORE)
        person.clean()
    except ValidationError as error:
        _field_errors(report, row.report, error)
        return
    row.person, row.report.person = person, "new"


def _person_update(row: _Row, person: Person, report: ImportReport) -> None:
    for name in PERSON_FIELDS:
        stored = getattr(person, name)
        if name not in row.values:
            if name in report.columns and stored not in ("", None):
                row.report.kept.append(Difference(column_title(name), _shown(stored), ""))
            continue
        value = row.values[name]
        if value != stored:
            setattr(person, name, value)
            row.person_fields.append(name)
            row.report.changes.append(Difference(column_title(name), _shown(stored), _shown(value)))
    if row.person_fields:
        try:
            person.clean_fields(exclude=CHECKED_BEFORE)
            person.clean()
        except ValidationError as error:
            _field_errors(report, row.report, error)
            return
    row.person = person


def _enrolment_plan(course: Course, row: _Row, register: _Register, report: ImportReport) -> None:
    person = row.person
    enrolment = register.enrolments.get(person.pk) if person.pk else None
    if enrolment is None:
        enrolment = Enrolment(
            course=course,
            person=person,
            status=row.values.get("status", EnrolmentStatus.NOMINATED),
            completed_on=row.values.get("completed_on"),
            result=row.values.get("result", ""),
        )
        row.report.enrolment = "new"
    else:
        for name in ENROLMENT_FIELDS:
            stored = getattr(enrolment, name)
            if name not in row.values:
                if name in report.columns and stored not in ("", None):
                    row.report.kept.append(Difference(column_title(name), _shown(stored), ""))
                continue
            if row.values[name] != stored:
                setattr(enrolment, name, row.values[name])
                row.enrolment_fields.append(name)
                row.report.changes.append(
                    Difference(column_title(name), _shown(stored), _shown(row.values[name]))
                )
        row.report.enrolment = "changed" if row.enrolment_fields else "unchanged"
        if not row.enrolment_fields:
            row.enrolment = enrolment
            return
    try:
        enrolment.clean_fields(exclude=["course", "person"])
        enrolment.clean()
    except ValidationError as error:
        _field_errors(report, row.report, error)
        return
    if row.report.enrolment == "new":
        # Built again when written, a slice at a time: held for every row of a large file,
        # the records would be most of an import's memory.
        row.new_enrolment = tuple(getattr(enrolment, name) for name in ENROLMENT_FIELDS)
    else:
        row.enrolment = enrolment


def _rows_write(
    course: Course,
    rows: list[_Row],
    report: ImportReport,
    *,
    content_name: str,
    user: AbstractBaseUser | AnonymousUser | None,
) -> ImportBatch:
    """Write what the rows planned, in bulk, each history row tagged with the new batch."""
    counts = report.counts
    batch = ImportBatch.objects.create(
        course=course,
        file_name=content_name[:255],
        sha256=report.sha256,
        imported_by=import_history_user(user),
        rows=counts["rows"],
        people_created=counts["people_created"],
        people_changed=counts["people_changed"],
        enrolments_created=counts["enrolments_created"],
        enrolments_changed=counts["enrolments_changed"],
        unchanged=counts["unchanged"],
    )
    history = {
        "default_user": import_history_user(user),
        "default_change_reason": batch.history_reason,
        "batch_size": BATCH_SIZE,
    }
    now = timezone.now()
    # Slice by slice: history rows are built for one slice at a time, not for the whole file.
    new_people = [row.person for row in rows if row.report.person == "new"]
    for people in _slices(new_people):
        bulk_create_with_history(people, Person, **history)
    for changed in _slices([row for row in rows if row.person_fields]):
        for row in changed:
            row.person.updated_at = now
        fields = sorted(set().union(*(row.person_fields for row in changed)))
        people = [row.person for row in changed]
        bulk_update_with_history(people, Person, [*fields, "updated_at"], **history)
    for planned in _slices([row for row in rows if row.new_enrolment is not None]):
        enrolments = [
            Enrolment(
                course=course,
                person=row.person,  # with the id bulk_create gave a new person
                **dict(zip(ENROLMENT_FIELDS, row.new_enrolment, strict=True)),
            )
            for row in planned
        ]
        bulk_create_with_history(enrolments, Enrolment, **history)
    for changed in _slices([row for row in rows if row.enrolment_fields]):
        for row in changed:
            row.enrolment.updated_at = now
        fields = sorted(set().union(*(row.enrolment_fields for row in changed)))
        enrolments = [row.enrolment for row in changed]
        bulk_update_with_history(enrolments, Enrolment, [*fields, "updated_at"], **history)
    for row in rows:
        if row.person is not None:
            row.report.person_id, row.report.person_uid = row.person.pk, str(row.person.uid)
    return batch
