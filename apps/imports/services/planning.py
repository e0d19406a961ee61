"""Planning what each matched row changes: people and enrolments checked by their models."""

import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from apps.courses.models import Course
from apps.enrolments.models import Enrolment, EnrolmentStatus
from apps.imports.columns import column_title
from apps.imports.services.matching import Register, new_person_key, organisation_read, person_match
from apps.imports.services.report import (
    ENROLMENT_FIELDS,
    PERSON_FIELDS,
    Difference,
    ImportReport,
    field_errors,
    refuse,
)
from apps.imports.services.rows import Row
from apps.people.models import Person

DUPLICATE_ROW_ERROR = _("The same person as row {row}: a person is enrolled once per course.")
# Not checked again by the model's clean_fields(): related records were resolved already (no
# query per row), and a nationality was read against the very list of countries the field
# holds (country_cell), which the field would walk again, 250 choices per row.
CHECKED_BEFORE = ["organisation", "uid", "nationality"]


def rows_resolve(
    course: Course, rows: list[Row], report: ImportReport, accepted: set[int], *, dry_run: bool
) -> None:
    register = Register(course, [row for row in rows if not row.report.refused])
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
    row: Row,
    register: Register,
    report: ImportReport,
    accepted: set[int],
    seen: dict[Any, int],
) -> None:
    organisation_read(row, register, report)
    if row.report.refused:
        return
    person = person_match(row, register, report, accepted)
    if row.report.refused:
        return
    key = person.pk if person is not None else new_person_key(row)
    if key in seen:
        message = DUPLICATE_ROW_ERROR.format(row=seen[key])
        error = ValidationError(message, code="duplicate_row")
        refuse(report, row.report, "family_name", error)
        return
    seen[key] = row.number
    if person is None:
        _person_new(row, register, report)
    else:
        _person_update(row, person, report)
    if not row.report.refused:
        _enrolment_plan(course, row, register, report)


def _shown(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime.date):
        return value.isoformat()
    return str(value)


def _person_new(row: Row, register: Register, report: ImportReport) -> None:
    fields = {
        name: row.values[name]
        for name in ("family_name", "given_names", *PERSON_FIELDS)
        if name in row.values
    }
    person = Person(**fields)
    if _person_valid(person, row, report):
        row.person, row.report.person = person, "new"


def _person_update(row: Row, person: Person, report: ImportReport) -> None:
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
    if not row.person_fields or _person_valid(person, row, report):
        row.person = person


def _person_valid(person: Person, row: Row, report: ImportReport) -> bool:
    """Whether the person the row gives passes the model's checks; the row's faults if not."""
    try:
        person.clean_fields(exclude=CHECKED_BEFORE)
        person.clean()
    except ValidationError as error:
        field_errors(report, row.report, error)
        return False
    return True


def _enrolment_plan(course: Course, row: Row, register: Register, report: ImportReport) -> None:
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
        field_errors(report, row.report, error)
        return
    if row.report.enrolment == "new":
        # Built again when written, a slice at a time: held for every row of a large file,
        # the records would be most of an import's memory.
        row.new_enrolment = tuple(getattr(enrolment, name) for name in ENROLMENT_FIELDS)
    else:
        row.enrolment = enrolment
