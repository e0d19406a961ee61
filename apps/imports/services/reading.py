"""Reading a spreadsheet's columns and cells into values by field."""

import datetime
from collections.abc import Sequence
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from apps.core.names import fold_name
from apps.imports.columns import (
    CELL_READERS,
    COLUMNS_BY_FIELD,
    DATE_FIELDS,
    Column,
    column_for,
    column_title,
    text_cell,
)
from apps.imports.services.report import ImportReport, Problem, RowReport, refuse
from apps.imports.services.rows import Row
from apps.imports.spreadsheets import QUOTED, Cell

FILE_TOO_LARGE_ERROR = _("The file is {size} bytes; at most {limit} bytes are imported at once.")
UNKNOWN_COLUMN_ERROR = _(
    "Unknown column “{header}”: TrainingDB reads {known}. Rename it, or remove it from the file."
)
COLUMN_TWICE_ERROR = _("The column {column} comes twice (also column {first}).")
UNNAMED_COLUMN_ERROR = _("Column {position} holds values but has no name in the first row.")
NO_NAME_COLUMN_ERROR = _("The file needs a column “family name” (or “nom”), or a column “uid”.")


def columns_read(
    header: list[str], rows: Sequence[tuple[int, list[Cell]]], report: ImportReport
) -> dict[int, Column]:
    """Each position's column; unknown, doubled and unnamed columns reported."""
    columns: dict[int, Column] = {}
    first: dict[str, int] = {}
    known = ", ".join(QUOTED.format(text=column_title(name)) for name in COLUMNS_BY_FIELD)
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


def row_read(
    number: int, cells: list[Cell], columns: dict[int, Column], report: ImportReport
) -> Row:
    """A row's values by field: an empty cell gives no value at all (it never erases)."""
    values: dict[str, Any] = {}
    row_report = RowReport(row=number, name="")
    for position, column in columns.items():
        cell = cells[position] if position < len(cells) else None
        try:
            value = _cell_read(cell, column)
        except ValidationError as error:
            refuse(report, row_report, column.field, error)
            continue
        if value not in ("", None):
            values[column.field] = value
    row_report.name = " ".join(
        str(values[name]) for name in ("family_name", "given_names") if name in values
    )
    report.rows.append(row_report)
    names = (fold_name(values.get("family_name", "")), fold_name(values.get("given_names", "")))
    return Row(number=number, values=values, report=row_report, names=names)


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
