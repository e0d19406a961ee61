"""Inserting many generated rows at once, faster than ``bulk_create``.

``bulk_create`` compiles every value of every row through the ORM (about 10 µs a value: half
a minute for 100,000 people with their enrolments and certificates). Generated rows hold
plain Python values, so most columns go to the driver as they are, through one prepared
``executemany`` (SQLite) or ``COPY`` (PostgreSQL); only dates, times, UUIDs, countries, files
and JSON are converted, by the field itself, and a value met before (a date, a country) is
converted once.

Primary keys are given here, after the table's highest, so that children can refer to their
parents without reading them back; ``sequences_reset`` then moves PostgreSQL's sequences past
them, as ``loaddata`` does. SQLite moves its own.
"""

from collections.abc import Callable, Iterable
from typing import Any

from django.core.management.color import no_style
from django.db import connections, models
from django.db.models import Max

# Columns whose Python values the database drivers take as they are.
AS_THEY_ARE = (
    models.AutoField,
    models.BigAutoField,
    models.BooleanField,
    models.CharField,
    models.EmailField,
    models.ForeignKey,
    models.IntegerField,
    models.OneToOneField,
    models.PositiveIntegerField,
    models.PositiveSmallIntegerField,
    models.SlugField,
    models.TextField,
    models.URLField,
)
REMEMBERED = (models.DateField, models.DateTimeField)
ROWS_PER_STATEMENT = 5000


def rows_insert(model: type[models.Model], objects: list[models.Model], *, using: str) -> None:
    """Insert ``objects`` as new rows, giving each its primary key. No signals, no history."""
    if not objects:
        return
    connection = connections[using]
    meta = model._meta
    fields = meta.concrete_fields
    relations = [field for field in fields if field.is_relation]
    last = model._base_manager.using(using).aggregate(last=Max("pk"))["last"] or 0
    for number, obj in enumerate(objects, start=last + 1):
        obj.pk = number
        for field in relations:  # a parent saved after this object was built
            if getattr(obj, field.attname) is None and field.is_cached(obj):
                parent = field.get_cached_value(obj)
                setattr(obj, field.attname, parent.pk if parent is not None else None)
        obj._state.adding = False
        obj._state.db = using
    converters = [_converter(field, connection) for field in fields]
    attnames = [field.attname for field in fields]
    quote = connection.ops.quote_name
    columns = ", ".join(quote(field.column) for field in fields)
    sql = "INSERT INTO {} ({}) VALUES ({})".format(
        quote(meta.db_table), columns, ", ".join(["%s"] * len(fields))
    )
    copy_sql = f"COPY {quote(meta.db_table)} ({columns}) FROM STDIN"
    pairs = list(zip(attnames, converters, strict=True))
    with connection.cursor() as cursor:
        for start in range(0, len(objects), ROWS_PER_STATEMENT):
            rows = [
                tuple(
                    convert(getattr(obj, attname)) if convert else getattr(obj, attname)
                    for attname, convert in pairs
                )
                for obj in objects[start : start + ROWS_PER_STATEMENT]
            ]
            if connection.vendor == "postgresql":
                # COPY: several times faster than even a pipelined executemany.
                with cursor.copy(copy_sql) as copy:
                    for row in rows:
                        copy.write_row(row)
            else:
                cursor.executemany(sql, rows)


def _plain(value: Any) -> Any:
    return value if value is None or type(value) is str else str(value)


def sequences_reset(models_: Iterable[type[models.Model]], *, using: str) -> None:
    """Move the primary keys' sequences past the keys ``rows_insert`` gave (PostgreSQL)."""
    connection = connections[using]
    statements = connection.ops.sequence_reset_sql(no_style(), list(models_))
    with connection.cursor() as cursor:
        for statement in statements:
            cursor.execute(statement)


def _converter(field: models.Field, connection: Any) -> Callable[[Any], Any] | None:
    if type(field) in AS_THEY_ARE:
        # A choice is an enum member: the drivers want its plain string.
        return _plain if field.choices and not field.is_relation else None

    def convert(value: Any) -> Any:
        return field.get_db_prep_save(value, connection)

    if not isinstance(field, REMEMBERED) and field.get_internal_type() != "CharField":
        return convert
    # Dates and countries repeat: each distinct value is converted once.
    known: dict[Any, Any] = {}

    def remembered(value: Any) -> Any:
        key = str(value) if value is not None else None
        if key not in known:
            known[key] = convert(value)
        return known[key]

    return remembered
