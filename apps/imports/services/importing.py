"""Importing a course's participants from a spreadsheet (undoing one: ``apps.imports.undo``).

One service for the admin, the API and the command. An import reads the whole file, matches
every row to a person, checks every value against the models' own rules, and only then writes,
all or nothing, in bulk: a few queries per 500 rows, however many rows. Every record it writes
gets a history row tagged with its batch (``ImportBatch.history_reason``), which is what an
undo reads.
"""

import hashlib
from collections.abc import Iterable
from typing import Protocol

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db import transaction

from apps.courses.models import Course
from apps.imports.services.planning import rows_resolve
from apps.imports.services.reading import FILE_TOO_LARGE_ERROR, columns_read, row_read
from apps.imports.services.report import ImportReport, Problem
from apps.imports.services.writing import rows_write
from apps.imports.spreadsheets import SpreadsheetError, sheet_read


class Upload(Protocol):
    name: str

    def read(self) -> bytes: ...


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
    columns = columns_read(sheet.header, sheet.rows, report)
    if report.errors and not any(column.field == "family_name" for column in columns.values()):
        return report
    rows = [row_read(number, cells, columns, report) for number, cells in sheet.rows]
    del sheet, content  # the cells and the bytes: read, they are no longer needed
    with transaction.atomic():
        if not dry_run:
            # Two imports into one course at once would both create the same new people:
            # the second waits here until the first commits, then finds them.
            Course.objects.select_for_update().filter(pk=course.pk).first()
        rows_resolve(course, rows, report, set(accept_matches), dry_run=dry_run)
        if report.errors or dry_run:
            return report
        report.batch_id = rows_write(
            course, rows, report, content_name=report.file_name, user=user
        ).pk
    return report
