"""Serials stay sequential and gapless when many issuers race (PostgreSQL only)."""

import threading

import pytest
from django.db import connection, connections

from apps.certificates.models import Certificate
from apps.certificates.services import certificates_issue, pdfs
from apps.courses.models import CourseStatus
from apps.enrolments.models import EnrolmentStatus
from tests.factories import CourseFactory, EnrolmentFactory, OrganisationFactory

THREADS = 8
ISSUES_PER_THREAD = 100


@pytest.mark.django_db(transaction=True)
def test_eight_threads_issuing_a_hundred_each_get_800_gapless_serials(monkeypatch):
    if connection.vendor != "postgresql":
        pytest.skip(
            "SQLite serialises writers as a whole (transaction_mode IMMEDIATE), so there is no "
            "row lock to race for; CI's PostgreSQL pass runs this test."
        )
    # The PDFs are not what this test is about and 800 renders would take minutes.
    monkeypatch.setattr(pdfs, "certificate_pdf_render", lambda certificate: b"%PDF-1.7 test")
    issuer = OrganisationFactory(serial_prefix="STORM")
    courses = [
        [
            CourseFactory(delivered_by=issuer, status=CourseStatus.HELD)
            for _ in range(ISSUES_PER_THREAD)
        ]
        for _ in range(THREADS)
    ]
    for thread_courses in courses:
        for course in thread_courses:
            EnrolmentFactory(
                course=course, status=EnrolmentStatus.COMPLETED, completed_on="2026-03-06"
            )
    errors: list[BaseException] = []
    start = threading.Barrier(THREADS)

    def issue_all(thread_courses):
        try:
            start.wait()
            for course in thread_courses:
                certificates_issue(course=course)
        except BaseException as error:  # reported by the main thread
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=issue_all, args=(c,)) for c in courses]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=300)

    assert not errors, errors
    numbers = sorted(
        int(serial.rsplit("-", 1)[1])
        for serial in Certificate.objects.values_list("serial", flat=True)
    )
    assert numbers == list(range(1, THREADS * ISSUES_PER_THREAD + 1))
    assert Certificate.objects.filter(pdf="").count() == 0
