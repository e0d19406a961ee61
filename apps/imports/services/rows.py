"""A row being imported, and the slices an import reads and writes rows in."""

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from apps.enrolments.models import Enrolment
from apps.imports.services.report import RowReport
from apps.people.models import Person

BATCH_SIZE = 500


@dataclass(slots=True)
class Row:
    """A row being read: its values by field, its report, the records it leads to.

    Thousands of them are held at once: slots, and lists of the fields that change.
    """

    number: int
    values: dict[str, Any]
    report: RowReport
    names: tuple[str, str] = ("", "")  # family and given names folded: what matching compares
    person: Person | None = None
    enrolment: Enrolment | None = None  # an enrolment recorded already
    new_enrolment: tuple[Any, ...] | None = None  # a new one's ENROLMENT_FIELDS
    person_fields: list[str] = field(default_factory=list)
    enrolment_fields: list[str] = field(default_factory=list)


def chunked(queryset: Any, lookup: str, values: Iterable[Any]) -> list[Any]:
    values = list(values)
    found = []
    for start in range(0, len(values), BATCH_SIZE):
        found.extend(queryset.filter(**{lookup: values[start : start + BATCH_SIZE]}))
    return found


def slices(items: list[Any]) -> Iterator[list[Any]]:
    for start in range(0, len(items), BATCH_SIZE):
        yield items[start : start + BATCH_SIZE]
