"""Which values, or which years and months, a large table holds, read from a column's index.

``SELECT DISTINCT`` (and Django's ``dates()``) reads every row of the table: at 100,000
rows that is tens of milliseconds on PostgreSQL, up to a second on SQLite, for a list of ten
years or fifty nationalities. A loose index
scan asks the index for the smallest value, then for the smallest one past it, and so on:
one probe per value found, whatever the table's size. PostgreSQL and SQLite both run it as
one recursive query; the column needs an index that starts with it.
"""

import datetime
from typing import Any, Literal

from django.db import connections, models, router

Period = Literal["year", "month"]

# The first day of the next period after a date held in ``found.value``.
NEXT_PERIOD = {
    "postgresql": {
        "year": "(date_trunc('year', found.value) + interval '1 year')::date",
        "month": "(date_trunc('month', found.value) + interval '1 month')::date",
    },
    "sqlite": {
        "year": "date(found.value, 'start of year', '+1 year')",
        "month": "date(found.value, 'start of month', '+1 month')",
    },
}


def distinct_values(model: type[models.Model], field_name: str) -> list[Any]:
    """The distinct non-null values of a column, in the database's order."""
    connection = connections[router.db_for_read(model)]
    if connection.vendor not in NEXT_PERIOD:
        return list(
            model._default_manager.exclude(**{f"{field_name}__isnull": True})
            .order_by(field_name)
            .values_list(field_name, flat=True)
            .distinct()
        )
    return _loose_index_scan(model, field_name, first=("IS NOT NULL", []), step="> found.value")


def dates_with_records(
    model: type[models.Model],
    field_name: str,
    period: Period,
    *,
    within: tuple[datetime.date, datetime.date] | None = None,
) -> list[datetime.date]:
    """The first day of each year (or month) in which a date column holds a date, in order.

    ``within`` (first and last day, both included) narrows the dates looked at, e.g. to the
    months of one year.
    """
    connection = connections[router.db_for_read(model)]
    if connection.vendor not in NEXT_PERIOD:
        found = model._default_manager.all()
        if within is not None:
            found = found.filter(**{f"{field_name}__range": within})
        return list(found.dates(field_name, period))
    first: tuple[str, list[Any]] = ("IS NOT NULL", [])
    until = None
    if within is not None:
        since, last = (connection.ops.adapt_datefield_value(day) for day in within)
        first, until = (">= %s", [since]), ("<= %s", [last])
    found = _loose_index_scan(
        model,
        field_name,
        first=first,
        step=f">= {NEXT_PERIOD[connection.vendor][period]}",
        until=until,
    )
    days = [
        day if isinstance(day, datetime.date) else datetime.date.fromisoformat(day) for day in found
    ]
    return [day.replace(month=1, day=1) if period == "year" else day.replace(day=1) for day in days]


def _loose_index_scan(
    model: type[models.Model],
    field_name: str,
    *,
    first: tuple[str, list[Any]],
    step: str,
    until: tuple[str, list[Any]] | None = None,
) -> list[Any]:
    """The values of a column one index probe apart: the first that satisfies ``first``,
    then each time the first that satisfies ``step`` (reading the last one as
    ``found.value``), all satisfying ``until``; conditions are SQL after the column."""
    connection = connections[router.db_for_read(model)]
    table = connection.ops.quote_name(model._meta.db_table)
    column = connection.ops.quote_name(model._meta.get_field(field_name).column)
    bound, bound_parameters = (f" AND {column} {until[0]}", until[1]) if until else ("", [])
    # Each probe is the first row of an index range, on both databases; the recursion stops
    # when a probe finds nothing (NULL). ORDER BY … LIMIT 1 rather than MIN(), and the lower
    # bound given once: SQLite scans the range from the lowest of several lower bounds.
    probe = f"SELECT {column} FROM {table} WHERE {column} {{}}{bound} ORDER BY {column} LIMIT 1"
    sql = (
        f"WITH RECURSIVE found(value) AS (SELECT ({probe.format(first[0])}) UNION ALL "
        f"SELECT ({probe.format(step)}) FROM found WHERE found.value IS NOT NULL) "
        "SELECT value FROM found WHERE value IS NOT NULL"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [*first[1], *bound_parameters, *bound_parameters])
        return [row[0] for row in cursor.fetchall()]
