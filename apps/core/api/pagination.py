import base64
import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ImproperlyConfigured
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import F, Field, Model, Q, QuerySet
from django.db.models.constants import LOOKUP_SEP
from django.db.models.expressions import OrderBy
from django.utils.translation import gettext_lazy as _
from rest_framework import pagination
from rest_framework.exceptions import ValidationError
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.utils.urls import replace_query_param

# The largest integer SQLite and PostgreSQL's bigint hold: a bigger one in a cursor is a 400.
LARGEST_INTEGER = 2**63 - 1

MAX_PAGE_SIZE = 100
PAGE_SIZE_ERROR = f"page_size must be a whole number from 1 to {MAX_PAGE_SIZE}."
PAGE_ERROR = 'page must be a whole number from 1, or "last".'
NO_SUCH_PAGE = _("No such page: the list has fewer pages.")


def _whole_number(raw: str) -> int | None:
    """``raw`` as a number written in ASCII digits, else None.

    ``str.isdigit()`` is true for "²" and "①", which ``int()`` refuses.
    """
    return int(raw) if raw.isascii() and raw.isdigit() else None


class PageNumberPagination(pagination.PageNumberPagination):
    """``count``, ``next``, ``previous``, ``results``; ``?page_size=`` up to 100.

    A page size out of range is refused (400) rather than silently cut, so a client never
    believes it received everything when it did not. So is a page number that is not one
    (400); a page past the last is a 404.
    """

    page_size = 25
    page_size_query_param = "page_size"
    max_page_size = MAX_PAGE_SIZE
    page_size_query_description = (
        f"Results per page: 1 to {MAX_PAGE_SIZE} (default 25); more is refused with a 400."
    )
    page_query_description = "A page number from 1; a page past the last is a 404."
    invalid_page_message = NO_SUCH_PAGE

    def get_page_size(self, request: Request) -> int:
        raw = request.query_params.get(self.page_size_query_param)
        if raw is None:
            return self.page_size
        size = _whole_number(raw)
        if size is None or not 1 <= size <= self.max_page_size:
            raise ValidationError({self.page_size_query_param: [PAGE_SIZE_ERROR]})
        return size

    def get_page_number(self, request: Request, paginator: Any) -> int:
        raw = request.query_params.get(self.page_query_param)
        if raw is None:
            return 1
        if raw in self.last_page_strings:
            return paginator.num_pages
        number = _whole_number(raw)
        if number is None or number < 1:
            raise ValidationError({self.page_query_param: [PAGE_ERROR]})
        return number

    def get_schema_operation_parameters(self, view: Any) -> list[dict[str, Any]]:
        parameters = super().get_schema_operation_parameters(view)
        limits = {
            self.page_query_param: {"minimum": 1},
            self.page_size_query_param: {"minimum": 1, "maximum": self.max_page_size},
        }
        for parameter in parameters:
            parameter["schema"].update(limits.get(parameter["name"], {}))
        return parameters


CURSOR_ERROR = "cursor must be one this list gave in next or previous (or empty, for the start)."
CURSOR_WITH_PAGE_ERROR = _("Page through a list with a cursor or with page numbers, not both.")
CURSOR_WITH_ORDERING_ERROR = _("A cursor follows the list's default order: leave out ordering.")


@dataclass(frozen=True)
class SortKey:
    """One key of a list's default ordering, as a cursor walks it."""

    field: str  # an ORM path: "issued_on", "course__start_date", "person__family_name"
    descending: bool
    nulls_last: bool  # where NULLs sort, in the list's order (irrelevant if never NULL)
    nullable: bool

    def beyond(self, value: Any, *, forward: bool) -> Q:
        """Rows strictly after ``value`` on this key (before it when not ``forward``)."""
        nulls_after = self.nulls_last == forward
        if value is None:
            return Q(**{f"{self.field}__isnull": False}) if not nulls_after else Q(pk__in=[])
        lookup = "lt" if self.descending == forward else "gt"
        condition = Q(**{f"{self.field}__{lookup}": value})
        if self.nullable and nulls_after:
            condition |= Q(**{f"{self.field}__isnull": True})
        return condition

    def at_least(self, value: Any, *, forward: bool) -> Q | None:
        """A bound that rows at or after ``value`` meet, for an index range scan; or None."""
        if self.nullable:
            return None
        lookup = "lte" if self.descending == forward else "gte"
        return Q(**{f"{self.field}__{lookup}": value})

    def equal(self, value: Any) -> Q:
        return Q(**{f"{self.field}__isnull": True}) if value is None else Q(**{self.field: value})

    def order(self, *, forward: bool) -> OrderBy:
        descending = self.descending == forward
        nulls = {"nulls_last": True} if self.nulls_last == forward else {"nulls_first": True}
        return OrderBy(F(self.field), descending=descending, **(nulls if self.nullable else {}))


def sort_keys(queryset: QuerySet) -> list[SortKey]:
    """The keys of the queryset's ordering; a nullable key must say where its NULLs go."""
    keys = []
    for entry in queryset.query.order_by:
        if isinstance(entry, str):
            descending, name, nulls_last = entry.startswith("-"), entry.lstrip("-"), None
        elif isinstance(entry, OrderBy) and isinstance(entry.expression, F):
            descending, name = entry.descending, entry.expression.name
            nulls_last = True if entry.nulls_last else False if entry.nulls_first else None
        else:
            raise ImproperlyConfigured(f"A cursor cannot follow the ordering {entry!r}.")
        field = _field_at(queryset.model, name)
        if field.null and nulls_last is None:
            raise ImproperlyConfigured(f"Say where NULLs of {name} sort, for a cursor to follow.")
        keys.append(SortKey(name, descending, bool(nulls_last), field.null))
    if not keys or keys[-1].field not in {"id", "pk"}:
        raise ImproperlyConfigured("A cursor needs an ordering that ends with the id.")
    return keys


def _field_at(model: type[Model], path: str) -> Field:
    *relations, name = path.split(LOOKUP_SEP)
    for relation in relations:
        model = model._meta.get_field(relation).related_model
    if name == "pk":
        return model._meta.pk
    return next(
        field for field in model._meta.concrete_fields if name in {field.name, field.attname}
    )


def _value_at(record: Model | Mapping[str, Any], path: str) -> Any:
    if isinstance(record, Mapping):  # a row of values(), as a list's plain read path has it
        return record[path]
    value: Any = record
    for name in path.split(LOOKUP_SEP):
        value = getattr(value, name)
    return value


def encode_cursor(
    record: Model | Mapping[str, Any],
    keys: list[SortKey],
    *,
    forward: bool = True,
    model: type[Model] | None = None,
) -> str:
    """The cursor of the page after ``record`` (``forward``) or of the page before it.

    ``record`` is a model instance, or a row of ``values()`` of ``model``.
    """
    model = model or type(record)
    values = [
        _field_at(model, key.field).get_prep_value(_value_at(record, key.field)) for key in keys
    ]
    token = json.dumps(["n" if forward else "p", values], default=str, separators=(",", ":"))
    return base64.urlsafe_b64encode(token.encode()).decode().rstrip("=")


class CursorOrPageNumberPagination(PageNumberPagination):
    """Page numbers, or a cursor (keyset pagination) when the request has ``?cursor=``.

    Page numbers let a client jump to any page, but the database reads and skips every row
    before the page, so page 1,000 costs far more than page 1. A cursor names the last row a
    page showed (its values of the list's ordering): the next page is read from there, at the
    cost of the first. ``?cursor=`` (empty) starts at the beginning; each answer's ``next``
    and ``previous`` carry the cursors of the neighbouring pages. The answer keeps its shape:
    ``count`` is the whole list's. A cursor follows the list's default order, with filters
    and search.
    """

    cursor_query_param = "cursor"
    cursor_query_description = (
        "Page with a cursor instead of page numbers (keyset pagination: a deep page costs "
        "what the first does): empty for the first page, then the cursor in next or "
        "previous. Follows the list's default order; not with page or ordering."
    )

    def paginate_queryset(
        self, queryset: QuerySet, request: Request, view: Any = None
    ) -> list[Any] | None:
        self.cursor_mode = self.cursor_query_param in request.query_params
        if not self.cursor_mode:
            return super().paginate_queryset(queryset, request, view)
        if self.page_query_param in request.query_params:
            raise ValidationError({self.cursor_query_param: [CURSOR_WITH_PAGE_ERROR]})
        if "ordering" in request.query_params:
            raise ValidationError({self.cursor_query_param: [CURSOR_WITH_ORDERING_ERROR]})
        self.request = request
        self.page_size_now = self.get_page_size(request)
        self.model = queryset.model
        self.keys = sort_keys(queryset)
        forward, values = self._decode(request.query_params[self.cursor_query_param])
        self.count = queryset.count()
        if values is not None:
            queryset = queryset.filter(self._beyond(values, forward=forward))
        if not forward:
            queryset = queryset.order_by(*(key.order(forward=False) for key in self.keys))
        records = list(queryset[: self.page_size_now + 1])
        more = len(records) > self.page_size_now
        records = records[: self.page_size_now]
        if not forward:
            records.reverse()
        # Forward: more rows after; a previous page if we came from one. Backward: the mirror.
        self.has_next = more if forward else values is not None
        self.has_previous = values is not None if forward else more
        self.records = records
        return records

    def get_paginated_response(self, data: Any) -> Response:
        if not getattr(self, "cursor_mode", False):
            return super().get_paginated_response(data)
        return Response(
            {
                "count": self.count,
                "next": self._link(self.records[-1], True) if self.has_next else None,
                "previous": self._link(self.records[0], False) if self.has_previous else None,
                "results": data,
            }
        )

    def get_schema_operation_parameters(self, view: Any) -> list[dict[str, Any]]:
        return [
            *super().get_schema_operation_parameters(view),
            {
                "name": self.cursor_query_param,
                "required": False,
                "in": "query",
                "description": self.cursor_query_description,
                "schema": {"type": "string"},
            },
        ]

    def _beyond(self, values: list[Any], *, forward: bool) -> Q:
        condition = Q(pk__in=[])
        equal = Q()
        for key, value in zip(self.keys, values, strict=True):
            condition |= equal & key.beyond(value, forward=forward)
            equal &= key.equal(value)
        bound = self.keys[0].at_least(values[0], forward=forward)
        return condition if bound is None else bound & condition

    def _link(self, record: Model | Mapping[str, Any], forward: bool) -> str:
        cursor = encode_cursor(record, self.keys, forward=forward, model=self.model)
        return replace_query_param(
            self.request.build_absolute_uri(), self.cursor_query_param, cursor
        )

    def _decode(self, raw: str) -> tuple[bool, list[Any] | None]:
        """Which way to read, and from which values (None: from the start)."""
        if raw == "":
            return True, None
        try:
            padded = raw + "=" * (-len(raw) % 4)
            direction, values = json.loads(base64.urlsafe_b64decode(padded.encode("ascii")))
            if direction not in {"n", "p"} or len(values) != len(self.keys):
                raise ValueError(direction)
            values = [
                _cursor_value(_field_at(self.model, key.field), value)
                for key, value in zip(self.keys, values, strict=True)
            ]
        except (ValueError, TypeError, UnicodeError, DjangoValidationError) as error:
            raise ValidationError({self.cursor_query_param: [CURSOR_ERROR]}) from error
        return direction == "n", values


def _cursor_value(field: Field, value: Any) -> Any:
    """A value read from a cursor, as the field holds it; ValueError if it cannot be one."""
    if value is None:
        return None
    if not isinstance(value, str | int) or isinstance(value, bool):
        raise ValueError(value)
    value = field.to_python(value)
    if isinstance(value, int) and not -LARGEST_INTEGER <= value <= LARGEST_INTEGER:
        raise ValueError(value)
    if isinstance(value, str) and "\x00" in value:
        raise ValueError(value)
    return value
