"""Spreadsheets that leave TrainingDB in the import's own columns: the template, and a
course's enrolments, which import back as they are (export, then import: nothing changes)."""

from collections.abc import Iterator

from apps.courses.models import Course
from apps.enrolments.models import Enrolment
from apps.imports.columns import COLUMNS
from apps.imports.spreadsheets import csv_write, xlsx_write

FORMATS = ("csv", "xlsx")


def _file(rows: list[list[str]], file_format: str, title: str) -> bytes:
    header = [column.title for column in COLUMNS]
    if file_format == "xlsx":
        return xlsx_write(header, rows, title=title)
    return csv_write(header, rows)


def import_template(*, file_format: str) -> bytes:
    """An empty spreadsheet whose header names each column in English and French."""
    return _file([], file_format, "participants")


def _enrolment_cells(enrolment: Enrolment) -> Iterator[str]:
    person = enrolment.person
    values = {
        "uid": str(person.uid),
        "family_name": person.family_name,
        "given_names": person.given_names,
        "patronymic": person.patronymic,
        "rank": person.rank,
        "service": person.service,
        "unit": person.unit,
        "organisation": person.organisation.slug if person.organisation else "",
        "nationality": person.nationality.code or "",
        "birth_date": person.birth_date.isoformat() if person.birth_date else "",
        "email": person.email,
        "status": enrolment.status,
        "completed_on": enrolment.completed_on.isoformat() if enrolment.completed_on else "",
        "result": enrolment.result,
    }
    return (values[column.field] for column in COLUMNS)


def course_enrolments_export(*, course: Course, file_format: str) -> bytes:
    """The course's enrolments, a row each, in the import's columns."""
    enrolments = course.enrolments.select_related("person__organisation").order_by(
        "person__family_name", "person__given_names", "pk"
    )
    rows = [list(_enrolment_cells(enrolment)) for enrolment in enrolments]
    return _file(rows, file_format, course.slug)
