import codecs
import csv
import io
import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import orjson
from django.http import Http404
from drf_spectacular.drainage import get_override
from rest_framework import serializers
from rest_framework.negotiation import DefaultContentNegotiation
from rest_framework.relations import ManyRelatedField
from rest_framework.renderers import BaseRenderer, BrowsableAPIRenderer
from rest_framework.renderers import JSONRenderer as DRFJSONRenderer
from rest_framework.request import Request
from rest_framework.utils.encoders import JSONEncoder
from rest_framework_csv.renderers import PaginatedCSVRenderer

from apps.core.api.relations import SummaryRelatedField


class JSONRenderer(DRFJSONRenderer):
    """DRF's JSON, encoded by orjson: the same document, about 20 times faster to encode.

    A page of 100 courses takes 6 ms with the standard library's encoder and 0.3 ms with
    orjson. Dates, times and anything orjson does not know go through DRF's own encoder, so
    they are written as before (a UTC time ends in "Z"); so does an indented answer (an
    ``indent`` in Accept) and anything orjson refuses. U+2028 and U+2029 are escaped, as DRF
    does, for JavaScript.
    """

    _fallback = JSONEncoder()

    def render(
        self,
        data: Any,
        accepted_media_type: str | None = None,
        renderer_context: Mapping[str, Any] | None = None,
    ) -> bytes:
        if data is None:
            return b""
        if self.get_indent(accepted_media_type or "", renderer_context or {}) is not None:
            return super().render(data, accepted_media_type, renderer_context)
        try:
            rendered = orjson.dumps(
                data,
                default=self._fallback.default,
                option=orjson.OPT_PASSTHROUGH_DATETIME | orjson.OPT_NON_STR_KEYS,
            )
        except TypeError:  # integers beyond 64 bits, a default that failed
            return super().render(data, accepted_media_type, renderer_context)
        if b"\xe2\x80\xa8" in rendered or b"\xe2\x80\xa9" in rendered:
            rendered = rendered.replace(b"\xe2\x80\xa8", b"\\u2028").replace(
                b"\xe2\x80\xa9", b"\\u2029"
            )
        return rendered


# What actions answer (issue, revoke, supersede …): JSON, not the lists' CSV.
ACTION_RENDERERS = [JSONRenderer, BrowsableAPIRenderer]

# A spreadsheet runs a cell that starts with one of these as a formula.
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")

# The values of a list (a course's sources, a certificate's languages) share one cell.
LIST_SEPARATOR = "; "


class CSVRenderer(PaginatedCSVRenderer):
    """``?format=csv``: one row per record, the fields of nested records as dotted columns.

    The header comes from the view's serializer, not from the data, so it is the same whether
    the page is empty or full and whether a related record is null or not. A list of records
    (a course's sources) gives one column per field of theirs, each cell holding the values of
    all of them in order, separated by "; ". The file starts with a UTF-8 byte order mark:
    without one, Excel reads it in the local code page and garbles names such as
    "Əliyev Şəhriyar". Cells that a spreadsheet would run as a formula get a leading
    apostrophe (CSV injection).
    """

    charset = "utf-8"

    def render(
        self,
        data: Any,
        media_type: str | None = None,
        renderer_context: Mapping[str, Any] | None = None,
        writer_opts: dict[str, Any] | None = None,
    ) -> bytes:
        # A page's records, or the records of an unpaginated list. Lists only: other
        # operations do not offer CSV (``ListsOnlyCSVNegotiation``).
        records = data.get(self.results_field, []) if isinstance(data, Mapping) else data
        view = (renderer_context or {}).get("view")
        if hasattr(view, "get_serializer"):
            columns = serializer_columns(view.get_serializer())
        else:
            columns = data_columns(records)
        buffer = io.StringIO()
        writer = csv.writer(buffer)
        writer.writerow([header for column in columns for header in column.headers()])
        for record in records:
            writer.writerow([defuse(cell) for cell in _cells(record, columns)])
        return codecs.BOM_UTF8 + buffer.getvalue().encode(self.charset)


def offered_renderers(view: Any, renderers: list[BaseRenderer]) -> list[BaseRenderer]:
    """The renderers an operation offers: CSV on lists only.

    A record, a write's answer or a deletion has no rows to give: asked for as CSV, it is
    refused (404, as for any format the operation does not offer) before anything is done.
    """
    # No action: the route lacks the method, and DRF's 405 must come first, not a 404.
    if getattr(view, "action", None) in {None, "list"}:
        return renderers
    return [renderer for renderer in renderers if not isinstance(renderer, CSVRenderer)]


class ListsOnlyCSVNegotiation(DefaultContentNegotiation):
    """DRF's content negotiation among the renderers the operation offers."""

    def select_renderer(
        self, request: Request, renderers: list[BaseRenderer], format_suffix: str | None = None
    ) -> tuple[BaseRenderer, str]:
        view = (getattr(request, "parser_context", None) or {}).get("view")
        # DRF reads "?format=" as no format at all; it names none this offers, like "?format=x".
        if not format_suffix and request.query_params.get(self.settings.URL_FORMAT_OVERRIDE) == "":
            raise Http404
        return super().select_renderer(request, offered_renderers(view, renderers), format_suffix)


@dataclass(frozen=True)
class Column:
    """A field of the serializer: a cell, or the columns of the record (or records) it nests."""

    name: str
    many: bool = False
    nested: tuple["Column", ...] | None = None

    def headers(self, prefix: str = "") -> list[str]:
        if self.nested is None:
            return [prefix + self.name]
        return [
            header for column in self.nested for header in column.headers(f"{prefix}{self.name}.")
        ]


def serializer_columns(serializer: serializers.Serializer) -> tuple[Column, ...]:
    """The CSV columns of a serializer's representation, nested records flattened."""
    columns = []
    for name, field in serializer.fields.items():
        if field.write_only:
            continue
        nested, many = _nested_serializer(field)
        if nested is None:
            columns.append(Column(name))
        else:
            columns.append(Column(name, many=many, nested=serializer_columns(nested)))
    return tuple(columns)


def _nested_serializer(field: Any) -> tuple[serializers.Serializer | None, bool]:
    """The serializer a field nests, if any, and whether it nests a list of records."""
    if isinstance(field, serializers.SerializerMethodField):
        # What the method returns is known from its schema annotation only.
        method = getattr(field.parent, field.method_name, None)
        field = get_override(method, "field") if method is not None else None
        if isinstance(field, type):
            field = field()
    many = False
    if isinstance(field, serializers.ListSerializer):
        field, many = field.child, True
    elif isinstance(field, ManyRelatedField):
        field, many = field.child_relation, True
    elif isinstance(field, serializers.ListField) and isinstance(
        field.child, serializers.BaseSerializer | SummaryRelatedField
    ):
        field, many = field.child, True
    if isinstance(field, SummaryRelatedField):
        return field.summary_serializer(context=field.context), many
    if isinstance(field, serializers.Serializer):
        return field, many
    return None, False


def data_columns(records: list[Any]) -> tuple[Column, ...]:
    """The columns of records that no serializer describes (the API root), from their keys."""
    values: dict[str, list[Any]] = {}
    for record in records:
        if isinstance(record, Mapping):
            for name, value in record.items():
                values.setdefault(name, []).append(value)
    return tuple(
        Column(name, nested=data_columns(nested))
        if (nested := [value for value in found if isinstance(value, Mapping)])
        else Column(name)
        for name, found in values.items()
    )


def _cells(record: Any, columns: tuple[Column, ...]) -> list[Any]:
    """A record's values in the columns' order; a missing or null nested record, empty cells."""
    cells: list[Any] = []
    for column in columns:
        value = record.get(column.name) if isinstance(record, Mapping) else None
        if column.nested is None:
            cells.append(_leaf(value))
        elif column.many:
            items = [_cells(item, column.nested) for item in value or []]
            width = len(column.headers())
            cells.extend(
                LIST_SEPARATOR.join(_text(item[index]) for item in items) if items else None
                for index in range(width)
            )
        else:
            cells.extend(_cells(value, column.nested))
    return cells


def _leaf(value: Any) -> Any:
    if isinstance(value, list):
        return LIST_SEPARATOR.join(_text(item) for item in value)
    if isinstance(value, Mapping):
        return json.dumps(value, ensure_ascii=False)
    return value


def _text(value: Any) -> str:
    value = _leaf(value)
    return "" if value is None else str(value)


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


class XLSXRenderer(BinaryRenderer):
    media_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    format = "xlsx"


class SpreadsheetCSVRenderer(BinaryRenderer):
    """A CSV file made whole by the view (an export), not the rows of a list."""

    media_type = "text/csv"
    format = "csv"


def binary_renderers(renderer: type[BinaryRenderer]) -> list[type[BaseRenderer]]:
    """The renderers of a file download: JSON, then the file's own.

    Errors are JSON, so a client that accepts only JSON must still get the real 401, 403 or
    404 rather than a 406 from content negotiation. A success is the file whatever was asked.
    """
    return [JSONRenderer, renderer]
