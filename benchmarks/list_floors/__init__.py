"""The floors of the list benchmark: each list's page as the API answers it, built by hand.

A floor answers the same JSON document as its endpoint (the same rows, nested records, keys,
values and pagination envelope) from raw SQL through ``connection.cursor()``: the page with
its one-to-one records joined, then one query per list of related records (a course's parts,
a programme's sources) for the page's ids, and ``COUNT(*)``. Rows stay tuples until they
become plain dicts; orjson encodes them. No DRF, no ORM model instances.

Written for the benchmark's requests: English, the endpoint's default ordering, ``?page=``
and ``?page_size=``. The benchmark checks that each floor's body equals its endpoint's.
"""

from collections.abc import Callable
from typing import Any

from list_floors.base import Ask
from list_floors.catalogue import course_parts, courses, organisations, programmes, sources
from list_floors.people import course_trainers, people, trainers
from list_floors.records import certificates, enrolments, import_batches

__all__ = ["FLOORS", "Ask"]

FLOORS: dict[str, Callable[[Ask], dict[str, Any]]] = {
    "organisations": organisations,
    "programmes": programmes,
    "courses": courses,
    "course-parts": course_parts,
    "sources": sources,
    "people": people,
    "trainers": trainers,
    "course-trainers": course_trainers,
    "enrolments": enrolments,
    "certificates": certificates,
    "import-batches": import_batches,
}
