"""The dashboard's figures, compared with counts made another way on the same records."""

import datetime
import itertools

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from apps.certificates.eligibility import courses_awaiting_certificates
from apps.certificates.models import Certificate, CertificateStatus, PdfStatus
from apps.certificates.services import certificates_preview
from apps.courses.models import Course, CourseStatus
from apps.dashboard.selectors import (
    LISTED,
    certificate_figures,
    courses_held_count,
    courses_to_certify,
    participants_trained_count,
    upcoming_courses,
)
from apps.enrolments.models import Enrolment, EnrolmentStatus
from tests.dashboard.conftest import DAY, MONTH, UNKNOWN, YEAR, held_course_ended_last_month
from tests.factories import CertificateFactory, CourseFactory, EnrolmentFactory

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 11, 29)


def course(start, start_precision, end=None, end_precision=UNKNOWN, **fields) -> Course:
    return CourseFactory(
        start_date=start,
        start_precision=start_precision,
        end_date=end,
        end_precision=end_precision,
        **fields,
    )


def test_upcoming_courses_start_within_60_days_from_the_first_day_of_their_period():
    planned = {"status": CourseStatus.PLANNED}
    expected = {
        course(TODAY, DAY, **planned),
        course(datetime.date(2027, 1, 28), DAY, **planned),  # the 60th day
        course(datetime.date(2027, 1, 1), MONTH, datetime.date(2027, 1, 31), MONTH, **planned),
        course(datetime.date(2027, 1, 1), YEAR, datetime.date(2027, 12, 31), YEAR, **planned),
    }
    course(datetime.date(2027, 1, 29), DAY, **planned)  # the 61st day
    course(datetime.date(2026, 11, 1), MONTH, **planned)  # "November 2026" may have started
    course(datetime.date(2027, 2, 1), MONTH, **planned)
    course(datetime.date(2026, 12, 5), DAY, status=CourseStatus.CANCELLED)
    course(None, UNKNOWN, **planned)
    counted_another_way = {
        c
        for c in Course.objects.all()
        if c.status != CourseStatus.CANCELLED
        and c.earliest_start is not None
        and TODAY <= c.earliest_start <= TODAY + datetime.timedelta(days=60)
    }

    found = upcoming_courses(today=TODAY)

    assert set(found.courses) == expected == counted_another_way
    assert found.count == 4
    assert [c.start_date for c in found.courses] == sorted(c.start_date for c in expected)


def test_a_long_list_shows_its_first_courses_and_counts_them_all():
    for offset in range(LISTED + 2):
        course(TODAY + datetime.timedelta(days=offset), DAY, status=CourseStatus.PLANNED)

    found = upcoming_courses(today=TODAY)

    assert len(found.courses) == LISTED
    assert found.count == LISTED + 2
    assert found.courses[0].start_date == TODAY


DATES = [
    (None, UNKNOWN),
    (datetime.date(2026, 3, 2), DAY),
    (datetime.date(2026, 3, 1), MONTH),
    (datetime.date(2026, 1, 1), YEAR),
    (datetime.date(2026, 11, 30), DAY),
]
ENDS = [
    (None, UNKNOWN),
    (datetime.date(2026, 3, 6), DAY),
    (datetime.date(2026, 3, 31), MONTH),
    (datetime.date(2026, 11, 30), MONTH),
    (datetime.date(2026, 12, 31), YEAR),
    (datetime.date(2027, 12, 31), YEAR),
]


def test_ended_by_in_sql_agrees_with_earliest_end_for_every_precision():
    for (start, start_precision), (end, end_precision) in itertools.product(DATES, ENDS):
        if start and end and end < start:
            continue
        course(start, start_precision, end, end_precision)
    days = [datetime.date(2026, 3, 1), datetime.date(2026, 3, 6), TODAY, datetime.date(2026, 12, 1)]

    for day in days:
        in_sql = set(Course.objects.ended_by(day))
        in_python = {
            c for c in Course.objects.all() if c.earliest_end is not None and c.earliest_end <= day
        }
        assert in_sql == in_python, day


def test_courses_awaiting_certificates_are_those_the_issuing_preview_would_certify(issuer):
    today = timezone.localdate()
    two_waiting = held_course_ended_last_month(delivered_by=issuer)
    EnrolmentFactory.create_batch(2, course=two_waiting, completed=True)
    CertificateFactory(enrolment=EnrolmentFactory(course=two_waiting, completed=True))
    EnrolmentFactory(course=two_waiting, status=EnrolmentStatus.CONFIRMED)
    EnrolmentFactory(course=two_waiting, status=EnrolmentStatus.WITHDRAWN)
    this_year = CourseFactory(  # known only as "this year": can have ended on 1 January
        delivered_by=issuer,
        start_date=datetime.date(today.year, 1, 1),
        start_precision=YEAR,
        end_date=datetime.date(today.year, 12, 31),
        end_precision=YEAR,
    )
    EnrolmentFactory(course=this_year, completed=True)
    not_ended = CourseFactory(  # ends next month at the earliest
        delivered_by=issuer,
        start_date=today - datetime.timedelta(days=3),
        end_date=(today.replace(day=1) + datetime.timedelta(days=62)).replace(day=1)
        - datetime.timedelta(days=1),
        end_precision=MONTH,
    )
    EnrolmentFactory(course=not_ended, completed=True)
    planned = held_course_ended_last_month(delivered_by=issuer, status=CourseStatus.PLANNED)
    EnrolmentFactory(course=planned, completed=True)
    revoked = held_course_ended_last_month(delivered_by=issuer)
    CertificateFactory(
        enrolment=EnrolmentFactory(course=revoked, completed=True),
        status=CertificateStatus.REVOKED,
        revoked_at=timezone.now(),
        revocation_reason="Issued in error.",
    )
    undated = CourseFactory(
        delivered_by=issuer,
        start_date=None,
        start_precision=UNKNOWN,
        end_date=None,
        end_precision=UNKNOWN,
    )
    EnrolmentFactory(course=undated, completed=True)

    def eligible_by_the_service(course: Course) -> int:
        try:
            return len(certificates_preview(course=course).eligible)
        except ValidationError:  # refused: not held, not ended, dates unknown
            return 0

    by_the_service = {
        c.pk: eligible_by_the_service(c) for c in Course.objects.all() if eligible_by_the_service(c)
    }
    found = courses_to_certify(today=today)

    assert {c.pk: c.awaiting for c in found.courses} == by_the_service
    assert by_the_service == {two_waiting.pk: 2, this_year.pk: 1}
    assert found.count == 2
    assert found.courses[0] == this_year  # the latest possible end first


def test_a_course_recorded_as_awarding_no_certificates_awaits_none(issuer):
    course = held_course_ended_last_month(delivered_by=issuer, certificates_awarded=False)
    EnrolmentFactory(course=course, completed=True)

    assert list(courses_awaiting_certificates(timezone.localdate())) == []
    assert courses_to_certify(today=timezone.localdate()).count == 0


def test_the_years_figures_match_the_records_counted_one_by_one():
    for year, status in itertools.product((2025, 2026, 2027), CourseStatus.values):
        held = course(datetime.date(year, 3, 2), DAY, datetime.date(year, 3, 6), DAY, status=status)
        EnrolmentFactory(course=held, completed=True)
        EnrolmentFactory(course=held, status=EnrolmentStatus.ATTENDED)
    course(datetime.date(2026, 1, 1), YEAR, datetime.date(2026, 12, 31), YEAR)
    course(datetime.date(2026, 6, 1), MONTH, datetime.date(2026, 6, 30), MONTH)
    for enrolment in Enrolment.objects.filter(status=EnrolmentStatus.COMPLETED)[:6]:
        CertificateFactory(enrolment=enrolment, issued_on=enrolment.course.start_date)
    revoked_at = datetime.datetime(2026, 5, 1, 12, tzinfo=datetime.UTC)
    Certificate.objects.filter(pk__in=Certificate.objects.order_by("pk")[:2]).update(
        status=CertificateStatus.REVOKED, revoked_at=revoked_at, revocation_reason="Error."
    )
    Certificate.objects.filter(pk=Certificate.objects.order_by("pk")[3].pk).update(
        pdf_failed_at=timezone.now()
    )
    courses = list(Course.objects.all())
    enrolments = list(Enrolment.objects.select_related("course"))
    certificates = list(Certificate.objects.all())

    figures = certificate_figures(year=2026)

    assert courses_held_count(year=2026) == sum(
        c.status == CourseStatus.HELD and c.earliest_start.year == 2026 for c in courses
    )
    assert participants_trained_count(year=2026) == sum(
        e.status == EnrolmentStatus.COMPLETED and e.course.earliest_start.year == 2026
        for e in enrolments
    )
    assert figures.issued == sum(c.issued_on.year == 2026 for c in certificates)
    assert figures.revoked == sum(
        c.status == CertificateStatus.REVOKED and c.revoked_on.year == 2026 for c in certificates
    )
    assert figures.pdf_failed == sum(c.pdf_status == PdfStatus.FAILED for c in certificates)
    assert (courses_held_count(year=2026), figures.revoked, figures.pdf_failed) == (3, 2, 1)
