"""The floors of people, trainers and their assignments to courses."""

from typing import Any

from list_floors.base import (
    COURSE,
    ORGANISATION,
    PERSON,
    TRAINER,
    Ask,
    count,
    course,
    envelope,
    full_name,
    limit,
    organisation,
    person,
    run,
    trainer,
    uid,
)


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
