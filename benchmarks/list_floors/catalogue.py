"""The floors of the public catalogue: organisations, programmes, courses and their parts,
sources.
"""

from typing import Any

from list_floors.base import (
    COURSE,
    ORGANISATION,
    PART_COLUMNS,
    PROGRAMME,
    SOURCE,
    SOURCE_WIDTH,
    TRAINER,
    Ask,
    count,
    course,
    envelope,
    grouped,
    ids_in,
    limit,
    organisation,
    part,
    partial,
    programme,
    run,
    source,
    sources_of,
    trainer,
)


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
