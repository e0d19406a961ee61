"""The floors of the register's records: enrolments, certificates, import batches."""

from typing import Any

from django.contrib.auth import get_user_model
from django.db import connection

from list_floors.base import (
    CERTIFICATE,
    COURSE,
    ORGANISATION,
    PERSON,
    Ask,
    certificate,
    count,
    course,
    envelope,
    ids_in,
    json_value,
    limit,
    organisation,
    partial,
    person,
    run,
)


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
        "ce.updated_at, ce.pdf, ce.pdf_failed_at, u.username, e.id, e.status, "
        f"{ORGANISATION.format(a='i')}, "
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
