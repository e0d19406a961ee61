from collections.abc import Iterable, Iterator
from typing import Any

from rest_framework.renderers import BaseRenderer, BrowsableAPIRenderer, JSONRenderer
from rest_framework_csv.renderers import PaginatedCSVRenderer

# What actions answer (issue, revoke, supersede …): JSON, not the lists' CSV.
ACTION_RENDERERS = [JSONRenderer, BrowsableAPIRenderer]

# A spreadsheet runs a cell that starts with one of these as a formula.
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


class CSVRenderer(PaginatedCSVRenderer):
    """``?format=csv``: a list's page of results or one record, a row each, nested keys dotted.

    Columns keep the serializer's field order (the library would sort them), an empty page
    still has its header row, and cells that a spreadsheet would run as a formula get a
    leading apostrophe (CSV injection).
    """

    def render(
        self,
        data: Any,
        media_type: str | None = None,
        renderer_context: dict[str, Any] | None = None,
        writer_opts: dict[str, Any] | None = None,
    ) -> bytes:
        renderer_context = dict(renderer_context or {})
        view = renderer_context.get("view")
        if isinstance(data, dict) and self.results_field not in data:
            data = [data]  # one record (a detail view): one row, not an empty answer
        rows = data.get(self.results_field) if isinstance(data, dict) else data
        if rows == [] and view is not None and hasattr(view, "get_serializer"):
            renderer_context.setdefault("header", list(view.get_serializer().fields))
        return super().render(data, media_type, renderer_context)

    def tablize(
        self, data: Iterable[Any], header: list[str] | None = None, labels: Any = None
    ) -> Iterator[list[Any]]:
        if header or not data:
            yield from super().tablize(data, header=header, labels=labels)
            return
        rows = list(self.flatten_data(data))
        columns: dict[str, None] = {}
        for row in rows:
            columns.update(dict.fromkeys(row))
        # A null related record leaves a bare column beside its dotted ones: drop it.
        columns = {
            column: None
            for column in columns
            if not any(other.startswith(f"{column}{self.level_sep}") for other in columns)
        }
        yield list(columns)
        for row in rows:
            yield [defuse(row.get(column)) for column in columns]


def defuse(value: Any) -> Any:
    """A cell that a spreadsheet would run as a formula, made text by a leading apostrophe."""
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


class BinaryRenderer(BaseRenderer):
    """Lets a client ask for a file's media type in ``Accept``.

    The view answers the file itself; errors are rendered as JSON by the exception handler.
    """

    charset = None
    render_style = "binary"

    def render(
        self,
        data: Any,
        accepted_media_type: str | None = None,
        renderer_context: dict[str, Any] | None = None,
    ) -> Any:
        return data


class PDFRenderer(BinaryRenderer):
    media_type = "application/pdf"
    format = "pdf"


class ZIPRenderer(BinaryRenderer):
    media_type = "application/zip"
    format = "zip"


def binary_renderers(renderer: type[BinaryRenderer]) -> list[type[BaseRenderer]]:
    """The renderers of a file download: JSON, then the file's own.

    Errors are JSON, so a client that accepts only JSON must still get the real 401, 403 or
    404 rather than a 406 from content negotiation. A success is the file whatever was asked.
    """
    return [JSONRenderer, renderer]
