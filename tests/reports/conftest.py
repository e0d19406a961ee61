import datetime
from dataclasses import dataclass

import pytest
from django.utils import timezone

from apps.certificates.models import CertificateStatus
from apps.core.dates import DatePrecision
from apps.courses.models import Course, CourseStatus
from apps.enrolments.models import EnrolmentStatus
from apps.organisations.models import Organisation, OrganisationKind
from apps.people.models import Person
from tests.factories import (
    CertificateFactory,
    CourseFactory,
    EnrolmentFactory,
    OrganisationFactory,
    PersonFactory,
    ProgrammeFactory,
)

DAY, MONTH, YEAR, UNKNOWN = (
    DatePrecision.DAY,
    DatePrecision.MONTH,
    DatePrecision.YEAR,
    DatePrecision.UNKNOWN,
)


@dataclass
class Register:
    """Records covering every case the reports count, for comparing with Python counts."""

    partner_a: Organisation
    partner_b: Organisation
    issuer_1: Organisation
    issuer_2: Organisation
    courses: dict[str, Course]
    repeat_person: Person


def _course(programme, *, start, start_precision=DAY, end=None, end_precision=DAY, **kwargs):
    return CourseFactory(
        programme=programme,
        start_date=start,
        start_precision=start_precision if start else UNKNOWN,
        end_date=end,
        end_precision=end_precision if end else UNKNOWN,
        **kwargs,
    )


def _enrol(**kwargs):
    # No nomination date: some courses were completed before the factory's nomination day.
    return EnrolmentFactory(nominated_on=None, **kwargs)


@pytest.fixture
def register(db) -> Register:
    """Two partners, three programmes, eight courses over several years, every enrolment status,
    valid, revoked and superseded certificates from two issuers in two years of issue."""
    today = timezone.localdate()
    partner_a = OrganisationFactory(kind=OrganisationKind.MINISTRY, country="AZ")
    partner_b = OrganisationFactory(kind=OrganisationKind.MINISTRY, country="GE", name_fr="")
    issuer_1 = OrganisationFactory(kind=OrganisationKind.TRAINING_TEAM, serial_prefix="MTT")
    issuer_2 = OrganisationFactory(kind=OrganisationKind.COMMAND, serial_prefix="JFCBS")
    p1 = ProgrammeFactory(partner=partner_a)
    p2 = ProgrammeFactory(partner=partner_b)
    p3 = ProgrammeFactory(partner=partner_a)
    soon = today + datetime.timedelta(days=20)
    courses = {
        "2025": _course(p1, start=datetime.date(2025, 5, 5), end=datetime.date(2025, 5, 9)),
        "2026": _course(p1, start=datetime.date(2026, 3, 2), end=datetime.date(2026, 3, 6)),
        "months": _course(
            p2,
            start=datetime.date(2026, 2, 1),
            start_precision=MONTH,
            end=datetime.date(2026, 2, 28),
            end_precision=MONTH,
        ),
        "planned": _course(
            p2,
            start=datetime.date(today.year + 1, 4, 1),
            end=datetime.date(today.year + 1, 4, 5),
            status=CourseStatus.PLANNED,
        ),
        "under way": _course(p3, start=today - datetime.timedelta(days=2), end=soon),
        "cancelled": _course(
            p1,
            start=datetime.date(2026, 6, 1),
            end=datetime.date(2026, 6, 3),
            status=CourseStatus.CANCELLED,
        ),
        "year only": _course(
            p3,
            start=datetime.date(2024, 1, 1),
            start_precision=YEAR,
            end=datetime.date(2024, 12, 31),
            end_precision=YEAR,
        ),
        "no dates": _course(p3, start=None, end=None),
    }
    statuses = list(EnrolmentStatus)
    for key in ("2025", "2026", "months", "year only"):
        for status in statuses:
            completed = None
            if status in (EnrolmentStatus.COMPLETED, EnrolmentStatus.FAILED):
                completed = courses[key].end_date
            _enrol(course=courses[key], status=status, completed_on=completed)
    for status in (EnrolmentStatus.NOMINATED, EnrolmentStatus.CONFIRMED):
        _enrol(course=courses["planned"], status=status)
        _enrol(course=courses["under way"], status=status)
    _enrol(course=courses["cancelled"], status=EnrolmentStatus.WITHDRAWN)
    _enrol(course=courses["no dates"], status=EnrolmentStatus.NOMINATED)

    # One person completed both of programme 1's courses: counted once in its total.
    repeat_person = PersonFactory(family_name="Məmmədov")
    for key in ("2025", "2026"):
        _enrol(
            course=courses[key],
            person=repeat_person,
            status=EnrolmentStatus.COMPLETED,
            completed_on=courses[key].end_date,
        )

    completed = {
        key: list(courses[key].enrolments.filter(status=EnrolmentStatus.COMPLETED))
        for key in ("2025", "2026", "months")
    }
    CertificateFactory(
        enrolment=completed["2025"][0], issued_by=issuer_1, issued_on=datetime.date(2025, 5, 9)
    )
    CertificateFactory(
        enrolment=completed["2025"][1],
        issued_by=issuer_1,
        issued_on=datetime.date(2025, 5, 9),
        status=CertificateStatus.REVOKED,
        revoked_at=timezone.now(),
        revocation_reason="Issued in error.",
    )
    superseded = CertificateFactory(
        enrolment=completed["2026"][0],
        issued_by=issuer_2,
        issued_on=datetime.date(2026, 3, 6),
        status=CertificateStatus.SUPERSEDED,
    )
    CertificateFactory(
        enrolment=completed["2026"][0],
        issued_by=issuer_2,
        issued_on=datetime.date(2026, 4, 1),
        supersedes=superseded,
    )
    CertificateFactory(
        enrolment=completed["2026"][1], issued_by=issuer_1, issued_on=datetime.date(2026, 3, 6)
    )
    CertificateFactory(
        enrolment=completed["months"][0], issued_by=issuer_2, issued_on=datetime.date(2026, 3, 1)
    )
    return Register(
        partner_a=partner_a,
        partner_b=partner_b,
        issuer_1=issuer_1,
        issuer_2=issuer_2,
        courses=courses,
        repeat_person=repeat_person,
    )
