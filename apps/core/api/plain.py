"""A list's read path from ``values()`` rows: the serializer's own representation, without
building a model instance or walking DRF's general path for every value.

At 100,000 people, building a page's model instances and reading every value through DRF's
fields was most of a list's time. A ``PlainRepresentation`` is compiled from the list's
serializer (the one that answers today, with its context): each field is read from a column
of a ``values()`` row and converted as the field converts it (``plain_values``: directly for
the common types, else by the field itself), so the representation has one source, the
serializer, and the schema is untouched. Related records in short
(``{"course": {"id": …}}``) are read from the same row through the joins the list's
``select_related`` makes anyway; records on the other side of a relation (an enrolment's
current certificate, a course's parts) come from one more query per relation for the
page's ids, declared beside the serializer in ``Meta.plain_reads``.

A field is read:
- from its column (or a path of to-one relations: ``person.uid``, ``trainer_profile.id``);
- from the columns its field class names (``plain_columns``: bilingual values, partial
  dates), by the field's ``plain_reader`` if it has one, else through the field's own code;
- from the columns ``Meta.plain_reads`` names for it (a model property, a serializer
  method), through the field's own code on a ``RowView`` of the row; when it names the
  field's own source (an annotation of the list's queryset: ``course_count``), directly;
- as a nested record in short, from a to-one relation's columns;
- from ``Meta.plain_reads``' ``Related``: the rows of a queryset that point at each row;
- from ``Meta.plain_reads``' ``Given``: a value the view puts in each row of the page;
- from ``Meta.plain_reads``' ``Computed``: a function of columns (a property's own code).

A field none of these covers stops the compilation (``ImproperlyConfigured``): a new field
must say how it is read rather than be silently wrong. Tests compare each list's plain body
with the serializer's for the same page.
"""

import threading
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any

from django.core.exceptions import FieldDoesNotExist, ImproperlyConfigured
from django.db.models import F, Model, QuerySet
from django.db.models.constants import LOOKUP_SEP
from django.utils.timezone import get_current_timezone_name
from django.utils.translation import get_language
from rest_framework import serializers
from rest_framework.fields import Field, SkipField
from rest_framework.relations import PKOnlyObject, PrimaryKeyRelatedField, SlugRelatedField
from rest_framework.response import Response

from apps.core.api.page_queries import PageQuery
from apps.core.api.plain_reads import Computed, Given, Related
from apps.core.api.plain_values import value_converter
from apps.core.api.relations import SummaryRelatedField

Row = Mapping[str, Any]


class RowView:
    """A row of ``values()`` read as the model instance would be: a column by its name, a
    property by the model's own code, ``pk`` as the id."""

    __slots__ = ("_view",)

    def __init__(self, model: type[Model], row: Row, prefix: str) -> None:
        object.__setattr__(self, "_view", (model, row, prefix))

    # Every attribute is the row's: answered here directly, since a missed ordinary lookup
    # (before ``__getattr__``) raises an exception, and a page reads thousands of values.
    def __getattribute__(self, name: str) -> Any:
        if name.startswith("__"):  # what Python asks of any object (__class__ …)
            return object.__getattribute__(self, name)
        model, row, prefix = object.__getattribute__(self, "_view")
        key = prefix + ("id" if name == "pk" else name)
        value = row.get(key, _MISSING)
        if value is not _MISSING:
            return value
        found = getattr(model, name, None)
        if isinstance(found, property):
            return found.fget(self)
        try:
            field = model._meta.get_field(name)
        except FieldDoesNotExist:
            raise AttributeError(name) from None
        if field.is_relation and not (field.many_to_many or field.one_to_many):
            return RowView(field.related_model, row, f"{key}{LOOKUP_SEP}")
        raise AttributeError(name)


_MISSING = object()


def _null(row: Row) -> None:
    return None


def _property_path(
    model: type[Model], field: Field
) -> tuple[type[Model], str, Callable[[Any], Any]] | None:
    """For a field that reads a model property through to-one relations as DRF's default
    does (``person.full_name``): the property's model, the relations' ``values()`` prefix
    and the property's getter; None for any other field."""
    if type(field).get_attribute is not Field.get_attribute or not field.source_attrs:
        return None
    *relations, name = field.source_attrs
    prefix = ""
    for attr in relations:
        try:
            relation = model._meta.get_field(attr)
        except FieldDoesNotExist:
            return None
        if not relation.is_relation or relation.many_to_many or relation.one_to_many:
            return None
        model, prefix = relation.related_model, f"{prefix}{attr}{LOOKUP_SEP}"
    found = getattr(model, name, None)
    return (model, prefix, found.fget) if isinstance(found, property) else None


def _relation_path(model: type[Model], attrs: Sequence[str]) -> tuple[str, Any] | None:
    """The ``values()`` path of a source through to-one relations, and its last model field;
    None if the source is not such a path."""
    names = []
    field: Any = None
    for index, attr in enumerate(attrs):
        try:
            field = model._meta.get_field(attr)
        except FieldDoesNotExist:
            return None
        last = index == len(attrs) - 1
        if field.is_relation:
            if field.many_to_many or field.one_to_many:
                return None
            if not last:
                model = field.related_model
        elif not last or not field.concrete:
            return None
        names.append(attr)
    return LOOKUP_SEP.join(names), field


class PlainRepresentation:
    """A serializer compiled into readers of ``values()`` rows; ``prefix`` names the related
    record a nested one is read from (``"enrolment__course__"``).

    Each field becomes a step of ``plan``: ``(name, key, convert)`` reads ``row[key]`` and
    converts it unless it is null (``convert`` None: as it is); ``(name, None, read)`` gives
    ``read(row)``, which may answer ``SKIPPED``.
    """

    def __init__(self, serializer: serializers.Serializer, prefix: str = "") -> None:
        self.model: type[Model] = serializer.Meta.model
        self.context = serializer.context
        self.prefix = prefix
        self.columns: list[str] = [prefix + "id"]
        self.related: list[tuple[str, Related, PlainRepresentation, PageQuery]] = []
        declared = getattr(serializer.Meta, "plain_reads", {})
        self.plan: list[tuple[str, str | None, Callable[[Any], Any] | None]] = [
            (field.field_name, *self._step(field, declared.get(field.field_name)))
            for field in serializer._readable_fields
        ]
        self.columns = list(dict.fromkeys(self.columns))

    def _column(self, name: str) -> str:
        self.columns.append(self.prefix + name)
        return self.prefix + name

    def _step(self, field: Field, declared: Any) -> tuple[str | None, Callable[[Any], Any] | None]:
        if isinstance(declared, Related):
            nested = PlainRepresentation(declared.serializer(context=field.context))
            self.related.append(
                (field.field_name, declared, nested, related_query(declared, nested))
            )
            return None, _null  # filled in by ``represent``
        if isinstance(declared, Computed):
            return None, self._computed(declared, value_converter(field, None))
        if isinstance(declared, Given):
            return self.prefix + field.source, value_converter(field, None)
        if declared is None and hasattr(field, "plain_reader"):
            return None, field.plain_reader(tuple(map(self._column, field.plain_columns())))
        if declared and tuple(declared) == tuple(field.source_attrs):
            # A column of the list's queryset that is not the model's (an annotation).
            return self._column(field.source), value_converter(field, None)
        if declared is not None or hasattr(field, "plain_columns"):
            for column in declared if declared is not None else field.plain_columns():
                self._column(column)
            return None, self._through_field(field)
        path = _relation_path(self.model, field.source_attrs)
        if path is None:
            raise ImproperlyConfigured(
                f"{type(field.parent).__name__}.{field.field_name} has no plain read: name its "
                "columns (or a Related) in the serializer's Meta.plain_reads."
            )
        source, model_field = path
        summary = _summary_of(field)
        if summary is not None:
            nested = PlainRepresentation(summary, prefix=f"{self.prefix}{source}{LOOKUP_SEP}")
            self.columns += nested.columns
            key, build = nested.prefix + "id", nested.build
            return None, lambda row: None if row[key] is None else build(row)
        if isinstance(field, SlugRelatedField):
            return self._column(f"{source}{LOOKUP_SEP}{field.slug_field}"), None
        if isinstance(field, PrimaryKeyRelatedField):
            return self._column(model_field.attname if source == model_field.name else source), None
        return self._column(source), value_converter(field, model_field)

    def _computed(self, computed: Computed, convert: Callable[[Any], Any]) -> Callable[[Row], Any]:
        keys, function = tuple(map(self._column, computed.columns)), computed.function

        def read(row: Row) -> Any:
            value = function(*[row[key] for key in keys])
            return None if value is None else convert(value)

        return read

    def _through_field(self, field: Field) -> Callable[[Row], Any]:
        """The field's own reading and conversion, on a view of the row (as DRF does it)."""
        model, prefix = self.model, self.prefix

        def read(row: Row) -> Any:
            try:
                attribute = field.get_attribute(RowView(model, row, prefix))
            except SkipField:
                return SKIPPED
            empty = attribute.pk if isinstance(attribute, PKOnlyObject) else attribute
            return None if empty is None else field.to_representation(attribute)

        found = _property_path(model, field)
        if found is None:
            return read
        # A model property (``full_name``): its own code on a view of the row, without
        # DRF's general path; anything unexpected goes that path, which knows what to do.
        owner, path, fget = found
        at, convert = prefix + path, value_converter(field, None)

        def read_property(row: Row) -> Any:
            try:
                value = fget(RowView(owner, row, at))
            except (AttributeError, KeyError):
                return read(row)
            return None if value is None else convert(value)

        return read_property

    def build(self, row: Row) -> dict[str, Any]:
        represented = {}
        for name, key, convert in self.plan:
            if key is None:
                value = convert(row)  # type: ignore[misc]
                if value is SKIPPED:
                    continue
            else:
                value = row[key]
                if value is not None and convert is not None:
                    value = convert(value)
            represented[name] = value
        return represented

    def represent(self, rows: Iterable[Row]) -> list[dict[str, Any]]:
        """The rows' representations, with their related rows (one query per relation)."""
        rows = list(rows)
        results = [self.build(row) for row in rows]
        ids = [row[self.prefix + "id"] for row in rows]
        for name, related, nested, query in self.related:
            if related.shown is not None and not related.shown(self.context):
                for result in results:
                    result[name] = None
                continue
            found = related_rows(query, nested, ids)
            for result in results:
                owned = found.get(result["id"], [])
                result[name] = owned if related.many else (owned[0] if owned else None)
        return results

    def rows(self, queryset: QuerySet, extra: Iterable[str] = ()) -> QuerySet:
        """``queryset`` as the rows this reads (plus ``extra`` paths), counted as itself.

        The count stays the model queryset's: a ``values()`` queryset's count keeps the joins
        its columns need, which a list's count does not.
        """
        rows = queryset.prefetch_related(None).values(*dict.fromkeys([*self.columns, *extra]))
        rows.count = queryset.count  # type: ignore[method-assign]
        return rows


SKIPPED = object()


def ordering_paths(queryset: QuerySet) -> list[str]:
    """The paths a queryset is ordered by, which a cursor reads from a page's rows."""
    paths = []
    for entry in queryset.query.order_by:
        if isinstance(entry, str):
            paths.append(entry.lstrip("-"))
        elif isinstance(getattr(entry, "expression", None), F):
            paths.append(entry.expression.name)
    return [path for path in paths if path != "?"]


def related_query(related: Related, nested: PlainRepresentation) -> PageQuery:
    """The rows ``nested`` reads of ``related.queryset``, with the link, for a page's ids."""
    field = related.queryset.model._meta.get_field(related.link)
    link = getattr(field, "attname", related.link)  # a reverse relation: its query name
    columns = dict.fromkeys([*nested.columns, link])
    return PageQuery(related.queryset.prefetch_related(None), link, columns)


def related_rows(
    query: PageQuery, nested: PlainRepresentation, ids: list[Any]
) -> dict[Any, list[dict[str, Any]]]:
    """The short forms of the rows of ``query`` that point at ``ids``, per id."""
    rows = query.rows(ids)
    found: dict[Any, list[dict[str, Any]]] = {}
    for row, represented in zip(rows, nested.represent(rows), strict=True):
        found.setdefault(row[query.link], []).append(represented)
    return found


def _summary_of(field: Field) -> serializers.Serializer | None:
    """The serializer a field nests a single related record with, if any."""
    if isinstance(field, SummaryRelatedField):
        return field.summary_serializer(context=field.context)
    if isinstance(field, serializers.Serializer):
        return field
    return None


# Compiled representations, per thread: building a serializer's fields (DRF introspects the
# model for each, and a country field lists 250 countries) cost more than reading its page.
_compiled = threading.local()


def plain_representation(
    serializer_class: type[serializers.Serializer], context: dict[str, Any]
) -> PlainRepresentation:
    """The serializer compiled for rows, in ``context`` (a request's).

    Compiled once per thread, language, time zone and site address, and given each request's
    context: every serializer of the compilation shares one context dictionary, refilled
    here, so a field reading ``self.context`` sees the current request. A field may keep what
    depends on the language, the time zone or the site's address between requests (a
    localised field, a date-time's conversion, an address template), nothing else.
    """
    request = context.get("request")
    key = (
        serializer_class,
        get_language(),
        get_current_timezone_name(),
        request.build_absolute_uri("/") if request is not None else None,
    )
    cache = _compiled.__dict__.setdefault("representations", {})
    plain = cache.get(key)
    if plain is None:
        plain = cache[key] = PlainRepresentation(serializer_class(context=dict(context)))
    else:
        plain.context.clear()
        plain.context.update(context)
    return plain


class PlainListMixin:
    """A viewset whose list answers from ``values()`` rows (``PlainRepresentation``).

    The same body as the serializer's, in every format the list offers: filters, search,
    ordering, page numbers and cursors apply to the queryset as before; only the page's
    records are read as rows.
    """

    # False: the serializer's own read path (the tests compare the two bodies).
    plain_list = True

    def list(self, request: Any, *args: Any, **kwargs: Any) -> Any:
        if not self.plain_list:
            return super().list(request, *args, **kwargs)
        queryset = self.filter_queryset(self.get_queryset())
        plain = plain_representation(self.get_serializer_class(), self.get_serializer_context())
        rows = plain.rows(queryset, extra=ordering_paths(queryset))
        page = self.paginate_queryset(rows)
        if page is None:
            return Response(plain.represent(rows))
        return self.get_paginated_response(plain.represent(page))
