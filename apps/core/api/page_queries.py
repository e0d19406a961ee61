"""Queries compiled once and run for each page's ids.

A list's page reads records on the other side of its relations (a course's parts, its
sources, its head counts) with one query per relation for the page's ids. The query is the
same for every page but its ids; building and compiling it through the ORM cost about half
a millisecond a query, more than running it, and the ORM's iteration as much again for a
few hundred rows. ``PageQuery`` compiles its queryset once, with the ids as one parameter
(``PageIds``: an array on PostgreSQL, a JSON array on SQLite), runs the SQL on the cursor
and has the ORM's compiler convert the rows (a date's on SQLite, for example).
"""

import json
import weakref
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.db import connections
from django.db.models import Expression, QuerySet
from django.db.models.sql.compiler import SQLCompiler

Row = dict[str, Any]


class _Ids:
    """Where a page's ids go among a compiled query's parameters."""


class PageIds(Expression):
    """The page's ids as a subquery of one parameter, for an ``__in`` lookup:
    ``SELECT unnest(%s)`` of an array on PostgreSQL, ``SELECT value FROM json_each(%s)``
    of a JSON array on SQLite. A lookup, not a condition of its own, so that a link through
    a to-many relation joins as the ORM's ``__in`` does (an inner join that ``values()``
    reuses)."""

    def __init__(self, ids: _Ids) -> None:
        super().__init__()
        self.ids = ids

    def as_sql(self, compiler: Any, connection: Any) -> tuple[str, tuple[Any, ...]]:
        if connection.vendor == "postgresql":
            return "(SELECT unnest(%s))", (self.ids,)
        return "(SELECT value FROM json_each(%s))", (self.ids,)


@dataclass(frozen=True)
class _Compiled:
    sql: str
    params: tuple[Any, ...]
    names: tuple[str, ...]
    compiler: SQLCompiler  # its connection's: it converts the rows as the ORM does


VENDORS = frozenset({"postgresql", "sqlite"})


class PageQuery:
    """The rows of ``queryset`` whose ``link`` is among a page's ids, as ``values(*columns)``
    gives them, in the queryset's order.

    Compiled on first use for each database connection (a thread has its own); the
    queryset is never evaluated. The ids are whole numbers (a page's ids, the links'
    foreign keys); other ids, or a database other than PostgreSQL and SQLite, go through the
    ORM.
    """

    def __init__(self, queryset: QuerySet, link: str, columns: Sequence[str]) -> None:
        self.queryset, self.link, self.columns = queryset, link, tuple(columns)
        self._compiled: weakref.WeakKeyDictionary[Any, _Compiled] = weakref.WeakKeyDictionary()

    def rows(self, ids: Sequence[Any]) -> list[Row]:
        if not ids:
            return []
        connection = connections[self.queryset.db]
        whole_numbers = all(type(value) is int for value in ids)
        if connection.vendor not in VENDORS or not whole_numbers:
            return list(self.queryset.filter(**{f"{self.link}__in": ids}).values(*self.columns))
        compiled = self._compiled.get(connection) or self._compile(connection)
        given = list(ids) if connection.vendor == "postgresql" else json.dumps(list(ids))
        params = [given if isinstance(param, _Ids) else param for param in compiled.params]
        with connection.cursor() as cursor:
            cursor.execute(compiled.sql, params)
            fetched = cursor.fetchall()
        compiler, names = compiled.compiler, compiled.names
        if compiler.has_extra_select:  # columns the ordering needs, as the ORM leaves out
            fetched = [row[: compiler.col_count] for row in fetched]
        return [
            dict(zip(names, row, strict=True)) for row in compiler.results_iter(results=[fetched])
        ]

    def _compile(self, connection: Any) -> _Compiled:
        # Filtered before ``values()``, which then reads a to-many link through the filter's
        # join rather than a join of its own.
        queryset = self.queryset.filter(**{f"{self.link}__in": PageIds(_Ids())})
        query = queryset.values(*self.columns).query
        compiler = query.get_compiler(connection=connection)
        sql, params = compiler.as_sql()
        if query.selected:  # as ``ValuesIterable`` names the columns
            names = tuple(query.selected)
        else:
            names = (*query.extra_select, *query.values_select, *query.annotation_select)
        compiled = self._compiled[connection] = _Compiled(sql, tuple(params), names, compiler)
        return compiled
