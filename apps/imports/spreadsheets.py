"""Reading and writing the spreadsheets of an import: CSV (UTF-8, comma or semicolon) and XLSX.

Only the file's shape is judged here (encoding, sheets, header); what the cells mean is the
service's business. Nothing is stored: the bytes are read from memory.
"""

import csv
import datetime
import io
import zipfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _
from openpyxl import Workbook, load_workbook

Cell = str | datetime.date | datetime.datetime | int | float | None

EMPTY_FILE_ERROR = _("The file is empty.")
NOT_A_SPREADSHEET_ERROR = _(
    "This is not a spreadsheet TrainingDB can read: send a CSV file (UTF-8) or an XLSX workbook."
)
OLD_EXCEL_ERROR = _("Old Excel files (.xls) are not read: save the sheet as XLSX or CSV UTF-8.")
ENCODING_ERROR = _(
    "The file is not UTF-8 text (byte {position}): save it as “CSV UTF-8” (Excel) or "
    "export it as UTF-8."
)
SEVERAL_SHEETS_ERROR = _(
    "The workbook has {count} sheets holding data ({names}); only the first is imported. "
    "Remove the others, or import each as its own file."
)
NO_HEADER_ERROR = _("The first row must name the columns; it is empty.")
# A name quoted in a message, as each language quotes.
QUOTED = _("“{text}”")
NO_ROWS_ERROR = _("The file names its columns but holds no participant.")

# Magic numbers of the files most often sent by mistake.
_OLE_MAGIC = b"\xd0\xcf\x11\xe0"
_ZIP_MAGIC = b"PK\x03\x04"
_BINARY_MAGICS = (b"%PDF", b"\x89PNG", b"\xff\xd8\xff", b"GIF8", b"\x1f\x8b", b"Rar!", b"7z")

CSV_MEDIA_TYPE = "text/csv"
XLSX_MEDIA_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


class SpreadsheetError(ValueError):
    """The file as a whole cannot be read; the message says why."""


@dataclass(frozen=True)
class Sheet:
    """A spreadsheet's header and data rows, with the number each row has in a spreadsheet."""

    header: list[str]
    rows: list[tuple[int, list[Cell]]]


def sheet_read(content: bytes) -> Sheet:
    """The first sheet of an XLSX workbook, or a CSV file's rows; empty rows left out."""
    if not content.strip():
        raise SpreadsheetError(EMPTY_FILE_ERROR)
    if content.startswith(_OLE_MAGIC):
        raise SpreadsheetError(OLD_EXCEL_ERROR)
    if content.startswith(_ZIP_MAGIC):
        rows = _xlsx_rows(content)
    elif content.startswith(_BINARY_MAGICS):
        raise SpreadsheetError(NOT_A_SPREADSHEET_ERROR)
    else:
        rows = _csv_rows(content)
    numbered = [(number, row) for number, row in enumerate(rows, start=1) if _filled(row)]
    if not numbered or numbered[0][0] != 1:
        raise SpreadsheetError(NO_HEADER_ERROR)
    (_number, header), data = numbered[0], numbered[1:]
    if not data:
        raise SpreadsheetError(NO_ROWS_ERROR)
    return Sheet(header=["" if cell is None else str(cell) for cell in header], rows=data)


def _filled(row: Sequence[Cell]) -> bool:
    return any(cell is not None and str(cell).strip() for cell in row)


def _csv_rows(content: bytes) -> list[list[Cell]]:
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        if b"\x00" in content[:1024] and content.count(b"\x00") > len(content) // 8:
            raise SpreadsheetError(NOT_A_SPREADSHEET_ERROR) from error  # UTF-16 or binary
        raise SpreadsheetError(ENCODING_ERROR.format(position=error.start + 1)) from error
    first_line = text.split("\n", 1)[0]
    delimiter = ";" if first_line.count(";") > first_line.count(",") else ","
    return [list(row) for row in csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)]


def _xlsx_rows(content: bytes) -> list[list[Cell]]:
    try:
        # data_only: a formula counts for its last computed value, validated like any text;
        # it is never evaluated here.
        workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError) as error:
        raise SpreadsheetError(NOT_A_SPREADSHEET_ERROR) from error
    try:
        sheets = workbook.worksheets
        with_data = [sheet.title for sheet in sheets if any(map(_filled, _values(sheet)))]
        if len(with_data) > 1:
            names = ", ".join(QUOTED.format(text=name) for name in with_data)
            raise SpreadsheetError(SEVERAL_SHEETS_ERROR.format(count=len(with_data), names=names))
        return [list(row) for row in _values(sheets[0])] if sheets else []
    finally:
        workbook.close()


def _values(sheet) -> Iterable[tuple[Cell, ...]]:
    return sheet.iter_rows(values_only=True)


# A cell starting with one of these is run as a formula by spreadsheets.
FORMULA_PREFIXES = ("=", "+", "-", "@")


def cell_escaped(value: str) -> str:
    """A text cell a spreadsheet shows as written, never runs (a leading apostrophe)."""
    return f"'{value}" if value.startswith(FORMULA_PREFIXES) else value


def csv_write(header: Sequence[str], rows: Iterable[Sequence[str]]) -> bytes:
    """UTF-8 with a byte order mark, so that Excel shows the names as written."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(header)
    for row in rows:
        writer.writerow([cell_escaped(cell) for cell in row])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def xlsx_write(header: Sequence[str], rows: Iterable[Sequence[str]], title: str) -> bytes:
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title[:31])
    sheet.append(list(header))
    for row in rows:
        # Text cells, escaped: openpyxl would store "=…" as a formula.
        sheet.append([cell_escaped(cell) for cell in row])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
