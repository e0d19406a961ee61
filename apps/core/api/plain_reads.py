"""What a serializer's ``Meta.plain_reads`` may declare for a field that the plain read path
(``apps.core.api.plain``) cannot read from its own column."""

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet
from rest_framework import serializers


@dataclass(frozen=True)
class Related:
    """The rows of ``queryset`` whose ``link`` (a foreign key, or a many-to-many relation from
    either side) points at each row, in short.

    ``many``: a list (in the queryset's order), else the one row or None. ``shown``: whether
    the request may see them (given the serializer's context); if not, the field is null and
    nothing is read.
    """

    serializer: type[serializers.Serializer]
    queryset: QuerySet
    link: str
    many: bool = False
    shown: Callable[[Mapping[str, Any]], bool] | None = None


@dataclass(frozen=True)
class Given:
    """A value the view puts in each row of the page, under the field's source (a count
    made for the page's records only): read from the row, not asked of the list's query."""


@dataclass(frozen=True)
class Computed:
    """A value that ``function`` computes from ``columns`` of the row, in their order: the
    code a model's property runs (``Person.full_name`` is ``full_name_of`` its three name
    columns), called without a view of the row."""

    columns: tuple[str, ...]
    function: Callable[..., Any]
