"""What the floors share: the question, raw SQL, the envelope, and the short forms of
related records (each a column list and a builder from a row).
"""

import json
import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any
from urllib.parse import urlencode

from django.db import connection

from apps.core.dates import iso_partial_date

Row = Sequence[Any]


@dataclass(frozen=True)
class Ask:
    """What a floor is asked: the page, and what the answer's links are built on."""

    page: int
    page_size: int
    list_url: str  # the endpoint's absolute address, without its query string
    query: dict[str, str]
    api_root: str  # absolute address of /api/v1/
    can_view_trainers: bool


def run(sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def count(table: str) -> int:
    return run(f"SELECT COUNT(*) FROM {table}")[0][0]


def ids_in(ids: Sequence[int]) -> str:
    return "(" + ",".join(str(int(value)) for value in ids) + ")"


def grouped(rows: list[tuple[Any, ...]], build: Callable[[Row], Any]) -> dict[int, list[Any]]:
    """Rows whose first column is the owner's id, built and listed per owner, in order."""
    found: dict[int, list[Any]] = {}
    for row in rows:
        found.setdefault(row[0], []).append(build(row))
    return found


def uid(value: Any) -> Any:
    """A UUID as the API writes it: SQLite stores 32 hex digits, psycopg gives a UUID."""
    if isinstance(value, str) and len(value) == 32:
        return f"{value[:8]}-{value[8:12]}-{value[12:16]}-{value[16:20]}-{value[20:]}"
    return value


def partial(value: date | None, precision: str) -> str | None:
    return iso_partial_date(value, precision) or None


def full_name(family: str, given: str, patronymic: str) -> str:
    return " ".join(part for part in (family, given, patronymic) if part)


def json_value(value: Any) -> Any:
    return json.loads(value) if isinstance(value, str) else value


def envelope(ask: Ask, total: int, results: list[dict[str, Any]]) -> dict[str, Any]:
    """DRF's page-number envelope: the links keep the query, sorted, with the page replaced."""
    last = max(1, math.ceil(total / ask.page_size))

    def link(page: int | None) -> str:
        query = {key: value for key, value in ask.query.items() if key != "page"}
        if page is not None:
            query["page"] = str(page)
        return f"{ask.list_url}?{urlencode(sorted(query.items()))}" if query else ask.list_url

    previous = None
    if ask.page > 1:
        previous = link(None if ask.page == 2 else ask.page - 1)
    return {
        "count": total,
        "next": link(ask.page + 1) if ask.page < last else None,
        "previous": previous,
        "results": results,
    }


def limit(ask: Ask) -> str:
    return f" LIMIT {ask.page_size} OFFSET {(ask.page - 1) * ask.page_size}"


ORGANISATION = "{a}.id, {a}.slug, {a}.name_en, {a}.acronym"


def organisation(row: Row, at: int) -> dict[str, Any] | None:
    if row[at] is None:
        return None
    return {"id": row[at], "slug": row[at + 1], "name": row[at + 2], "acronym": row[at + 3]}


COURSE = (
    "{a}.id, {a}.slug, {a}.title_en, {a}.city, {a}.country, {a}.start_date, "
    "{a}.start_precision, {a}.end_date, {a}.end_precision, {a}.status"
)


def course(row: Row, at: int) -> dict[str, Any]:
    return {
        "id": row[at],
        "slug": row[at + 1],
        "title": row[at + 2],
        "city": row[at + 3],
        "country": row[at + 4],
        "start": partial(row[at + 5], row[at + 6]),
        "end": partial(row[at + 7], row[at + 8]),
        "status": row[at + 9],
    }


PERSON = "{a}.id, {a}.uid, {a}.family_name, {a}.given_names, {a}.patronymic, {a}.rank"


def person(row: Row, at: int) -> dict[str, Any]:
    return {
        "id": row[at],
        "uid": uid(row[at + 1]),
        "full_name": full_name(row[at + 2], row[at + 3], row[at + 4]),
        "rank": row[at + 5],
    }


TRAINER = "t.id, p.uid, p.family_name, p.given_names, p.patronymic, p.rank"


def trainer(row: Row, at: int) -> dict[str, Any]:
    return {
        "id": row[at],
        "person_uid": uid(row[at + 1]),
        "full_name": full_name(row[at + 2], row[at + 3], row[at + 4]),
        "rank": row[at + 5],
    }


PROGRAMME = "{a}.id, {a}.slug, {a}.kind, {a}.title_en, {a}.start_year, {a}.end_year"


def programme(row: Row, at: int) -> dict[str, Any]:
    return {
        "id": row[at],
        "slug": row[at + 1],
        "kind": row[at + 2],
        "title": row[at + 3],
        "start_year": row[at + 4],
        "end_year": row[at + 5],
    }


SOURCE = (
    "{a}.id, {a}.slug, {a}.kind, {a}.title, {a}.language, {a}.published_on, "
    "{a}.published_precision, {a}.url"
)


SOURCE_WIDTH = 8 + 4  # with its publisher


def source(row: Row, at: int) -> dict[str, Any] | None:
    if row[at] is None:
        return None
    return {
        "id": row[at],
        "slug": row[at + 1],
        "kind": row[at + 2],
        "publisher": organisation(row, at + 8),
        "title": row[at + 3],
        "language": row[at + 4],
        "published": partial(row[at + 5], row[at + 6]),
        "url": row[at + 7],
    }


def sources_of(link_table: str, owner: str, ids: list[int]) -> dict[int, list[Any]]:
    """The summaries of the sources each owner (programme or course) rests on."""
    if not ids:
        return {}
    rows = run(
        f"SELECT l.{owner}, {SOURCE.format(a='s')}, {ORGANISATION.format(a='pu')} "
        f"FROM {link_table} l JOIN sources_source s ON s.id = l.source_id "
        "LEFT JOIN organisations_organisation pu ON pu.id = s.publisher_id "
        f"WHERE l.{owner} IN {ids_in(ids)} "
        "ORDER BY s.published_on DESC NULLS LAST, s.slug"
    )
    return grouped(rows, lambda row: source(row, 1))


PART_COLUMNS = (
    "cp.id, cp.position, cp.kind, cp.title_en, cp.title_fr, cp.scenario_en, cp.scenario_fr, "
    "cp.description_en, cp.description_fr, cp.audience_en, cp.audience_fr"
)


def part(row: Row, at: int) -> dict[str, Any]:
    return {
        "id": row[at],
        "position": row[at + 1],
        "kind": row[at + 2],
        "title": row[at + 3],
        "title_en": row[at + 3],
        "title_fr": row[at + 4],
        "scenario": row[at + 5],
        "scenario_en": row[at + 5],
        "scenario_fr": row[at + 6],
        "description": row[at + 7],
        "description_en": row[at + 7],
        "description_fr": row[at + 8],
        "audience": row[at + 9],
        "audience_en": row[at + 9],
        "audience_fr": row[at + 10],
    }


CERTIFICATE = "{a}.id, {a}.serial, {a}.status, {a}.issued_on"


def certificate(row: Row, at: int) -> dict[str, Any] | None:
    if row[at] is None:
        return None
    return {"id": row[at], "serial": row[at + 1], "status": row[at + 2], "issued_on": row[at + 3]}
