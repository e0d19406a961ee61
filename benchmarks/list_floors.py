"""The floors of the list benchmark: each list's page as the API answers it, built by hand.

A floor answers the same JSON document as its endpoint (the same rows, nested records, keys,
values and pagination envelope) from raw SQL through ``connection.cursor()``: the page with
its one-to-one records joined, then one query per list of related records (a course's parts,
a programme's sources) for the page's ids, and ``COUNT(*)``. Rows stay tuples until they
become plain dicts; orjson encodes them. No DRF, no ORM model instances.

Written for the benchmark's requests: English, the endpoint's default ordering, ``?page=``
and ``?page_size=``. The benchmark checks that each floor's body equals its endpoint's.
"""

import json
import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any
from urllib.parse import urlencode

from django.contrib.auth import get_user_model
from django.db import connection

from apps.core.dates import format_partial_date

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
    return format_partial_date(value, precision) or None


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


def organisations(ask: Ask) -> dict[str, Any]:
    rows = run(
        "SELECT o.id, o.slug, o.name_en, o.name_fr, o.acronym, o.kind, o.country, o.website, "
        f"o.serial_prefix, o.created_at, o.updated_at, {ORGANISATION.format(a='p')} "
        "FROM organisations_organisation o "
        "LEFT JOIN organisations_organisation p ON p.id = o.parent_id "
        "ORDER BY o.name_en, o.id" + limit(ask)
    )
    results = [
        {
            "id": row[0],
            "slug": row[1],
            "name": row[2],
            "name_en": row[2],
            "name_fr": row[3],
            "acronym": row[4],
            "kind": row[5],
            "country": row[6],
            "parent": organisation(row, 11),
            "website": row[7],
            "serial_prefix": row[8],
            "created_at": row[9],
            "updated_at": row[10],
        }
        for row in rows
    ]
    return envelope(ask, count("organisations_organisation"), results)


def programmes(ask: Ask) -> dict[str, Any]:
    rows = run(
        "SELECT g.id, g.slug, g.kind, g.title_en, g.title_fr, g.start_year, g.end_year, "
        "g.status, g.description_en, g.description_fr, g.created_at, g.updated_at, "
        f"{ORGANISATION.format(a='pa')}, {ORGANISATION.format(a='ns')}, "
        "(SELECT COUNT(*) FROM courses_course c WHERE c.programme_id = g.id) "
        "FROM programmes_programme g "
        "JOIN organisations_organisation pa ON pa.id = g.partner_id "
        "JOIN organisations_organisation ns ON ns.id = g.nato_side_id "
        "ORDER BY g.start_year DESC, g.title_en, g.id" + limit(ask)
    )
    sources = sources_of("sources_programmesource", "programme_id", [row[0] for row in rows])
    results = [
        {
            "id": row[0],
            "slug": row[1],
            "kind": row[2],
            "title": row[3],
            "title_en": row[3],
            "title_fr": row[4],
            "partner": organisation(row, 12),
            "nato_side": organisation(row, 16),
            "start_year": row[5],
            "end_year": row[6],
            "status": row[7],
            "description": row[8],
            "description_en": row[8],
            "description_fr": row[9],
            "course_count": row[20],
            "sources": sources.get(row[0], []),
            "created_at": row[10],
            "updated_at": row[11],
        }
        for row in rows
    ]
    return envelope(ask, count("programmes_programme"), results)


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


def courses(ask: Ask) -> dict[str, Any]:
    rows = run(
        "SELECT c.id, c.slug, c.title_en, c.title_fr, c.pcm_activity, c.city, c.country, "
        "c.start_date, c.start_precision, c.end_date, c.end_precision, c.status, c.summary_en, "
        "c.summary_fr, c.outcome_en, c.outcome_fr, c.certificates_awarded, c.created_at, "
        f"c.updated_at, {PROGRAMME.format(a='g')}, {ORGANISATION.format(a='d')}, "
        f"{ORGANISATION.format(a='o')} "
        "FROM courses_course c JOIN programmes_programme g ON g.id = c.programme_id "
        "LEFT JOIN organisations_organisation d ON d.id = c.delivered_by_id "
        "LEFT JOIN organisations_organisation o ON o.id = c.organised_by_id "
        "ORDER BY c.start_date DESC NULLS LAST, c.title_en, c.id" + limit(ask)
    )
    ids = [row[0] for row in rows]
    # Counted for the page's courses only, each through the indexes on the foreign keys.
    counts = {
        row[0]: row[1:]
        for row in (
            run(
                "SELECT c.id, "
                "(SELECT COUNT(*) FROM enrolments_enrolment e WHERE e.course_id = c.id), "
                "(SELECT COUNT(*) FROM certificates_certificate ce "
                "JOIN enrolments_enrolment e ON e.id = ce.enrolment_id "
                "WHERE e.course_id = c.id AND ce.status = 'valid') "
                f"FROM courses_course c WHERE c.id IN {ids_in(ids)}"
            )
            if ids
            else []
        )
    }
    parts = grouped(
        run(
            f"SELECT cp.course_id, {PART_COLUMNS} FROM courses_coursepart cp "
            f"WHERE cp.course_id IN {ids_in(ids)} ORDER BY cp.position"
        )
        if ids
        else [],
        lambda row: part(row, 1),
    )
    trainers: dict[int, list[Any]] = {}
    if ask.can_view_trainers and ids:
        trainers = grouped(
            run(
                f"SELECT ct.course_id, ct.id, ct.role, {TRAINER} "
                "FROM courses_coursetrainer ct JOIN people_trainer t ON t.id = ct.trainer_id "
                "JOIN people_person p ON p.id = t.person_id "
                f"WHERE ct.course_id IN {ids_in(ids)} "
                "ORDER BY ct.role, p.family_name, p.given_names, ct.id"
            ),
            lambda row: {"id": row[1], "role": row[2], "trainer": trainer(row, 3)},
        )
    sources = sources_of("sources_coursesource", "course_id", ids)
    results = [
        {
            "id": row[0],
            "slug": row[1],
            "programme": programme(row, 19),
            "title": row[2],
            "title_en": row[2],
            "title_fr": row[3],
            "pcm_activity": row[4],
            "city": row[5],
            "country": row[6],
            "start": partial(row[7], row[8]),
            "start_date": row[7],
            "start_precision": row[8],
            "end": partial(row[9], row[10]),
            "end_date": row[9],
            "end_precision": row[10],
            "delivered_by": organisation(row, 25),
            "organised_by": organisation(row, 29),
            "status": row[11],
            "summary": row[12],
            "summary_en": row[12],
            "summary_fr": row[13],
            "outcome": row[14],
            "outcome_en": row[14],
            "outcome_fr": row[15],
            "certificates_awarded": row[16],
            "parts": parts.get(row[0], []),
            "trainers": trainers.get(row[0], []) if ask.can_view_trainers else None,
            "enrolment_count": counts[row[0]][0],
            "certificate_count": counts[row[0]][1],
            "sources": sources.get(row[0], []),
            "created_at": row[17],
            "updated_at": row[18],
        }
        for row in rows
    ]
    return envelope(ask, count("courses_course"), results)


def course_parts(ask: Ask) -> dict[str, Any]:
    rows = run(
        f"SELECT {PART_COLUMNS}, {COURSE.format(a='c')} FROM courses_coursepart cp "
        "JOIN courses_course c ON c.id = cp.course_id "
        "ORDER BY cp.course_id, cp.position" + limit(ask)
    )
    results = [{"course": course(row, 11), **part(row, 0)} for row in rows]
    return envelope(ask, count("courses_coursepart"), results)


def sources(ask: Ask) -> dict[str, Any]:
    rows = run(
        "SELECT s.excerpt, s.notes, s.created_at, s.updated_at, "
        f"{SOURCE.format(a='s')}, {ORGANISATION.format(a='pu')}, "
        f"{SOURCE.format(a='r')}, {ORGANISATION.format(a='rp')} "
        "FROM sources_source s "
        "LEFT JOIN organisations_organisation pu ON pu.id = s.publisher_id "
        "LEFT JOIN sources_source r ON r.id = s.reported_from_id "
        "LEFT JOIN organisations_organisation rp ON rp.id = r.publisher_id "
        "ORDER BY s.published_on DESC NULLS LAST, s.slug, s.id" + limit(ask)
    )
    ids = [row[4] for row in rows]
    programmes_of = grouped(
        run(
            f"SELECT l.source_id, {PROGRAMME.format(a='g')} FROM sources_programmesource l "
            f"JOIN programmes_programme g ON g.id = l.programme_id "
            f"WHERE l.source_id IN {ids_in(ids)} ORDER BY g.start_year DESC, g.title_en, g.id"
        )
        if ids
        else [],
        lambda row: programme(row, 1),
    )
    courses_of = grouped(
        run(
            f"SELECT l.source_id, {COURSE.format(a='c')} FROM sources_coursesource l "
            f"JOIN courses_course c ON c.id = l.course_id "
            f"WHERE l.source_id IN {ids_in(ids)} ORDER BY c.start_date, c.slug, c.id"
        )
        if ids
        else [],
        lambda row: course(row, 1),
    )
    results = []
    for row in rows:
        summary = source(row, 4)
        results.append(
            {
                **summary,
                "published_on": row[9],
                "published_precision": row[10],
                "excerpt": row[0],
                "notes": row[1],
                "reported_from": source(row, 4 + SOURCE_WIDTH),
                "programmes": programmes_of.get(row[4], []),
                "courses": courses_of.get(row[4], []),
                "created_at": row[2],
                "updated_at": row[3],
            }
        )
    return envelope(ask, count("sources_source"), results)


def people(ask: Ask) -> dict[str, Any]:
    rows = run(
        "SELECT p.id, p.uid, p.family_name, p.given_names, p.patronymic, p.rank, p.service, "
        "p.unit, p.nationality, p.birth_date, p.email, p.phone, p.created_at, p.updated_at, "
        f"{ORGANISATION.format(a='o')}, t.id, p.merged_into_id, p.merged_at "
        "FROM people_person p LEFT JOIN organisations_organisation o ON o.id = p.organisation_id "
        "LEFT JOIN people_trainer t ON t.person_id = p.id "
        # Current people only, as the list shows unless ?merged=true.
        "WHERE p.merged_into_id IS NULL "
        "ORDER BY p.family_name, p.given_names, p.id" + limit(ask)
    )
    results = [
        {
            "id": row[0],
            "uid": uid(row[1]),
            "family_name": row[2],
            "given_names": row[3],
            "patronymic": row[4],
            "full_name": full_name(row[2], row[3], row[4]),
            "rank": row[5],
            "service": row[6],
            "unit": row[7],
            "organisation": organisation(row, 14),
            "nationality": row[8],
            "birth_date": row[9],
            "email": row[10],
            "phone": row[11],
            "trainer": row[18],
            "merged_into": row[19],
            "merged_at": row[20],
            "created_at": row[12],
            "updated_at": row[13],
        }
        for row in rows
    ]
    total = run("SELECT COUNT(*) FROM people_person WHERE merged_into_id IS NULL")[0][0]
    return envelope(ask, total, results)


def trainers(ask: Ask) -> dict[str, Any]:
    rows = run(
        f"SELECT t.id, t.expertise, t.created_at, t.updated_at, {PERSON.format(a='p')}, "
        f"{ORGANISATION.format(a='a')}, "
        "(SELECT COUNT(*) FROM courses_coursetrainer ct WHERE ct.trainer_id = t.id) "
        "FROM people_trainer t JOIN people_person p ON p.id = t.person_id "
        "LEFT JOIN organisations_organisation a ON a.id = t.affiliation_id "
        "ORDER BY p.family_name, p.given_names, t.id" + limit(ask)
    )
    results = [
        {
            "id": row[0],
            "person": person(row, 4),
            "expertise": row[1],
            "affiliation": organisation(row, 10),
            "assignment_count": row[14],
            "created_at": row[2],
            "updated_at": row[3],
        }
        for row in rows
    ]
    return envelope(ask, count("people_trainer"), results)


def course_trainers(ask: Ask) -> dict[str, Any]:
    rows = run(
        f"SELECT ct.id, ct.role, {COURSE.format(a='c')}, {TRAINER} "
        "FROM courses_coursetrainer ct "
        "JOIN courses_course c ON c.id = ct.course_id "
        "JOIN people_trainer t ON t.id = ct.trainer_id JOIN people_person p ON p.id = t.person_id "
        "ORDER BY ct.course_id, ct.role, ct.id" + limit(ask)
    )
    results = [
        {"id": row[0], "course": course(row, 2), "trainer": trainer(row, 12), "role": row[1]}
        for row in rows
    ]
    return envelope(ask, count("courses_coursetrainer"), results)


CERTIFICATE = "{a}.id, {a}.serial, {a}.status, {a}.issued_on"


def certificate(row: Row, at: int) -> dict[str, Any] | None:
    if row[at] is None:
        return None
    return {"id": row[at], "serial": row[at + 1], "status": row[at + 2], "issued_on": row[at + 3]}


def enrolments(ask: Ask) -> dict[str, Any]:
    rows = run(
        "SELECT e.id, e.status, e.nominated_on, e.completed_on, e.result, e.created_at, "
        f"e.updated_at, {COURSE.format(a='c')}, {PERSON.format(a='p')} "
        "FROM enrolments_enrolment e JOIN courses_course c ON c.id = e.course_id "
        "JOIN people_person p ON p.id = e.person_id "
        "ORDER BY c.start_date DESC NULLS LAST, c.title_en, e.course_id, p.family_name, "
        "p.given_names, e.id" + limit(ask)
    )
    ids = [row[0] for row in rows]
    current = (
        {
            row[0]: certificate(row, 1)
            for row in run(
                f"SELECT ce.enrolment_id, {CERTIFICATE.format(a='ce')} "
                "FROM certificates_certificate ce "
                f"WHERE ce.enrolment_id IN {ids_in(ids)} AND ce.status <> 'superseded'"
            )
        }
        if ids
        else {}
    )
    results = [
        {
            "id": row[0],
            "course": course(row, 7),
            "person": person(row, 17),
            "status": row[1],
            "nominated_on": row[2],
            "completed_on": row[3],
            "result": row[4],
            "certificate": current.get(row[0]),
            "created_at": row[5],
            "updated_at": row[6],
        }
        for row in rows
    ]
    return envelope(ask, count("enrolments_enrolment"), results)


def certificates(ask: Ask) -> dict[str, Any]:
    users = connection.ops.quote_name(get_user_model()._meta.db_table)
    rows = run(
        "SELECT ce.id, ce.serial, ce.status, ce.issued_on, ce.holder_name, "
        "ce.holder_family_name, ce.course_title_en, ce.course_title_fr, ce.course_start_date, "
        "ce.course_start_precision, ce.course_end_date, ce.course_end_precision, "
        "ce.course_city, ce.course_country, ce.programme_title_en, ce.programme_title_fr, "
        "ce.issuer_name_en, ce.issuer_name_fr, ce.languages, ce.revoked_at, "
        "ce.revocation_reason, ce.supersession_reason, ce.pdf_sha256, ce.created_at, "
        f"ce.updated_at, ce.pdf, ce.pdf_failed_at, u.username, e.id, e.status, {ORGANISATION.format(a='i')}, "
        f"{COURSE.format(a='c')}, {PERSON.format(a='p')}, {CERTIFICATE.format(a='sp')} "
        "FROM certificates_certificate ce "
        "JOIN organisations_organisation i ON i.id = ce.issued_by_id "
        "JOIN enrolments_enrolment e ON e.id = ce.enrolment_id "
        "JOIN courses_course c ON c.id = e.course_id JOIN people_person p ON p.id = e.person_id "
        f"LEFT JOIN {users} u ON u.id = ce.revoked_by_id "
        "LEFT JOIN certificates_certificate sp ON sp.id = ce.supersedes_id "
        "ORDER BY ce.issued_on DESC, ce.serial, ce.id" + limit(ask)
    )
    ids = [row[0] for row in rows]
    superseded_by = (
        {
            row[0]: certificate(row, 1)
            for row in run(
                f"SELECT n.supersedes_id, {CERTIFICATE.format(a='n')} "
                f"FROM certificates_certificate n WHERE n.supersedes_id IN {ids_in(ids)}"
            )
        }
        if ids
        else {}
    )
    certificates_url = f"{ask.api_root}certificates/"
    results = [
        {
            "id": row[0],
            "serial": row[1],
            "status": row[2],
            "issued_on": row[3],
            "issued_by": organisation(row, 30),
            "enrolment": {
                "id": row[28],
                "course": course(row, 34),
                "person": person(row, 44),
                "status": row[29],
            },
            "holder_name": row[4],
            "holder_family_name": row[5],
            "course_title": row[6],
            "course_title_en": row[6],
            "course_title_fr": row[7],
            "course_start": partial(row[8], row[9]),
            "course_start_date": row[8],
            "course_start_precision": row[9],
            "course_end": partial(row[10], row[11]),
            "course_end_date": row[10],
            "course_end_precision": row[11],
            "course_city": row[12],
            "course_country": row[13],
            "programme_title": row[14],
            "programme_title_en": row[14],
            "programme_title_fr": row[15],
            "issuer_name": row[16],
            "issuer_name_en": row[16],
            "issuer_name_fr": row[17],
            "languages": json_value(row[18]),
            "revoked_at": row[19],
            "revocation_reason": row[20],
            "revoked_by": row[27],
            "supersedes": certificate(row, 50),
            "superseded_by": superseded_by.get(row[0]),
            "supersession_reason": row[21],
            "pdf_sha256": row[22],
            "pdf_status": "stored" if row[25] else "failed" if row[26] else "pending",
            "pdf_url": f"{certificates_url}{row[0]}/pdf/",
            "created_at": row[23],
            "updated_at": row[24],
        }
        for row in rows
    ]
    return envelope(ask, count("certificates_certificate"), results)


def import_batches(ask: Ask) -> dict[str, Any]:
    rows = run(
        "SELECT id, course_id, file_name, sha256, imported_by_id, imported_at, rows, "
        "people_created, people_changed, enrolments_created, enrolments_changed, unchanged, "
        "status, undone_at, undone_by_id FROM imports_importbatch "
        "ORDER BY imported_at DESC, id DESC" + limit(ask)
    )
    names = [
        "id",
        "course",
        "file_name",
        "sha256",
        "imported_by",
        "imported_at",
        "rows",
        "people_created",
        "people_changed",
        "enrolments_created",
        "enrolments_changed",
        "unchanged",
        "status",
        "undone_at",
        "undone_by",
    ]
    results = [dict(zip(names, row, strict=True)) for row in rows]
    return envelope(ask, count("imports_importbatch"), results)


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
