"""A course's attendance list as a spreadsheet (CSV or XLSX), in the language asked for.

Written by the imports' spreadsheet writers, which escape cells a spreadsheet would run as
formulas (``apps.imports.spreadsheets.cell_escaped``).
"""

from django.utils import translation
from django.utils.translation import gettext

from apps.courses.models import Course
from apps.imports.spreadsheets import csv_write, xlsx_write
from apps.reports.selectors import AttendanceRow

FORMATS = ("csv", "xlsx")
MEDIA_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def attendance_header() -> list[str]:
    """The columns' titles in the active language."""
    return [
        gettext("family name"),
        gettext("given names"),
        gettext("rank"),
        gettext("organisation"),
        gettext("nationality"),
        gettext("status"),
        gettext("nominated"),
        gettext("attended"),
        gettext("completed"),
        gettext("completed on"),
    ]


def attendance_cells(row: AttendanceRow) -> list[str]:
    """One participant's cells in the active language."""
    yes, no = gettext("yes"), gettext("no")
    return [
        row.family_name,
        row.given_names,
        row.rank,
        row.organisation,
        row.nationality,
        row.status_display,
        yes,
        yes if row.attended else no,
        yes if row.completed else no,
        row.completed_on.isoformat() if row.completed_on else "",
    ]


def attendance_export(
    *, course: Course, rows: list[AttendanceRow], file_format: str, language: str
) -> bytes:
    """The attendance list as a CSV or XLSX file, its header and words in ``language``."""
    with translation.override(language):
        header = attendance_header()
        cells = [attendance_cells(row) for row in rows]
    if file_format == "xlsx":
        return xlsx_write(header, cells, title=course.slug)
    return csv_write(header, cells)


def attendance_filename(course: Course, file_format: str, language: str) -> str:
    return f"attendance-{course.slug}-{language}.{file_format}"
