"""The reports' figures equal counts made another way: in Python, over the records one by one,
with the Python rules (``Course.earliest_end``) rather than the SQL ones."""

import datetime
from collections import Counter, defaultdict

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from apps.certificates.models import Certificate, CertificateStatus
from apps.core.dates import DatePrecision, ended_by
from apps.courses.models import Course, CourseStatus
from apps.enrolments.models import ATTENDED_STATUSES, Enrolment, EnrolmentStatus
from apps.reports.selectors import (
    PROGRAMME_FIGURE_FIELDS,
    ReportFilters,
    certificates_issued_series,
    course_attendance,
    participants_trained_series,
    programme_figures,
    programme_figures_total,
)
from tests.factories import CourseFactory

pytestmark = pytest.mark.django_db


def _year(course: Course) -> int | None:
    day = course.start_date or course.end_date
    return day.year if day else None


def _held(course: Course, today: datetime.date) -> bool:
    earliest = course.earliest_end
    return course.status == CourseStatus.HELD and earliest is not None and earliest <= today


def _in(filters: ReportFilters, year: int | None) -> bool:
    if filters.year_from is not None and (year is None or year < filters.year_from):
        return False
    return not (filters.year_to is not None and (year is None or year > filters.year_to))


def _course_matches(course: Course, filters: ReportFilters) -> bool:
    return (
        _in(filters, _year(course))
        and filters.programme_id in (None, course.programme_id)
        and filters.partner_id in (None, course.programme.partner_id)
    )


def _python_figures(filters: ReportFilters) -> dict[tuple, dict[str, int]]:
    """The figures, counted in Python over every course, enrolment and certificate."""
    today = timezone.localdate()
    sets: dict[tuple, dict[str, set]] = defaultdict(lambda: defaultdict(set))
    for course in Course.objects.select_related("programme"):
        if not _course_matches(course, filters):
            continue
        row = sets[(_year(course), course.programme_id)]
        row["courses"]  # every matching course makes a row, held or not
        if _held(course, today):
            row["courses_held"].add(course.pk)
        for enrolment in Enrolment.objects.filter(course=course):
            row["participants_nominated"].add(enrolment.person_id)
            if enrolment.status in ATTENDED_STATUSES:
                row["participants_attended"].add(enrolment.person_id)
            if enrolment.status == EnrolmentStatus.COMPLETED:
                row["participants_completed"].add(enrolment.person_id)
            for certificate in Certificate.objects.filter(enrolment=enrolment):
                if filters.issuer_id not in (None, certificate.issued_by_id):
                    continue
                row["certificates_issued"].add(certificate.pk)
                if certificate.status == CertificateStatus.REVOKED:
                    row["certificates_revoked"].add(certificate.pk)
                if certificate.status == CertificateStatus.SUPERSEDED:
                    row["certificates_superseded"].add(certificate.pk)
    return {
        key: {field: len(row[field]) for field in PROGRAMME_FIGURE_FIELDS}
        for key, row in sets.items()
    }


def _database_figures(filters: ReportFilters) -> dict[tuple, dict[str, int]]:
    return {
        (row["year"], row["programme_id"]): {field: row[field] for field in PROGRAMME_FIGURE_FIELDS}
        for row in programme_figures(filters)
    }


FILTER_CASES = {
    "none": lambda register: ReportFilters(),
    "from 2026": lambda register: ReportFilters(year_from=2026),
    "2024 to 2025": lambda register: ReportFilters(year_from=2024, year_to=2025),
    "partner b": lambda register: ReportFilters(partner_id=register.partner_b.pk),
    "programme": lambda register: ReportFilters(programme_id=register.courses["2026"].programme_id),
    "issuer 2": lambda register: ReportFilters(issuer_id=register.issuer_2.pk),
    "unknown programme": lambda register: ReportFilters(programme_id=10**9),
}


@pytest.mark.parametrize("case", FILTER_CASES)
def test_programme_figures_match_python_counts(register, case):
    filters = FILTER_CASES[case](register)

    assert _database_figures(filters) == _python_figures(filters)


def test_the_register_covers_every_case(register):
    """Without these, the comparison above could pass by counting nothing."""
    figures = _database_figures(ReportFilters())
    totals = Counter()
    for row in figures.values():
        totals.update(row)

    assert all(totals[field] > 0 for field in PROGRAMME_FIGURE_FIELDS)
    assert (None, register.courses["no dates"].programme_id) in figures
    assert {year for year, _programme in figures} == {None, 2024, 2025, 2026, 2027}


def test_a_course_not_yet_held_counts_its_nominations_but_not_as_held(register):
    planned = register.courses["planned"]
    under_way = register.courses["under way"]

    rows = _database_figures(ReportFilters())

    assert rows[(_year(planned), planned.programme_id)]["courses_held"] == 0
    assert rows[(_year(planned), planned.programme_id)]["participants_nominated"] == 2
    assert under_way.status == CourseStatus.HELD
    row = rows[(_year(under_way), under_way.programme_id)]
    assert row["courses_held"] == 0
    assert row["participants_nominated"] == 2


def test_a_person_on_two_courses_of_a_programme_counts_once_in_the_total(register):
    programme = register.courses["2025"].programme_id
    filters = ReportFilters(programme_id=programme)
    rows = _database_figures(filters)

    total = programme_figures_total(filters)

    assert total["participants_completed"] == (
        sum(row["participants_completed"] for row in rows.values()) - 1
    )
    assert total["courses_held"] == 2


def test_figures_run_one_query(register):
    with CaptureQueriesContext(connection) as captured:
        list(programme_figures(ReportFilters(year_from=2020)))
        programme_figures_total(ReportFilters())

    assert len(captured) == 2


def test_participants_trained_series_counts_completions_per_year_and_partner(register):
    expected = Counter()
    for enrolment in Enrolment.objects.select_related("course__programme"):
        year = _year(enrolment.course)
        if enrolment.status == EnrolmentStatus.COMPLETED and year is not None:
            expected[(year, enrolment.course.programme.partner_id)] += 1
    # The person who completed two courses in different years counts in each year.
    series = {
        (row["year"], row["partner_id"]): row["value"]
        for row in participants_trained_series(ReportFilters())
    }

    assert series == dict(expected)
    assert sum(series.values()) > 0


def test_certificates_issued_series_counts_per_issuer_and_year_of_issue(register):
    expected = Counter(
        (certificate.issued_on.year, certificate.issued_by_id)
        for certificate in Certificate.objects.all()
    )

    series = {
        (row["year"], row["issuer_id"]): row["value"]
        for row in certificates_issued_series(ReportFilters())
    }

    assert series == dict(expected)
    assert series[(2026, register.issuer_2.pk)] == 3  # the superseded one and its correction


def test_certificates_issued_series_filters_by_issuer_and_year(register):
    filters = ReportFilters(issuer_id=register.issuer_1.pk, year_from=2026, year_to=2026)

    rows = list(certificates_issued_series(filters))

    assert [(row["year"], row["issuer_id"], row["value"]) for row in rows] == [
        (2026, register.issuer_1.pk, 1)
    ]


def test_attendance_lists_everyone_nominated_with_what_they_did(register):
    course = register.courses["2026"]

    rows = course_attendance(course)

    by_status = Counter(row.status for row in rows)
    assert by_status == Counter(course.enrolments.values_list("status", flat=True))
    assert all(row.nominated for row in rows)
    assert {row.status for row in rows if row.attended} == set(ATTENDED_STATUSES)
    assert {row.status for row in rows if row.completed} == {EnrolmentStatus.COMPLETED}
    assert [row.family_name for row in rows] == sorted(row.family_name for row in rows)


@pytest.mark.parametrize(
    ("start", "start_precision", "end", "end_precision"),
    [
        (datetime.date(2026, 11, 1), DatePrecision.MONTH, datetime.date(2026, 11, 30), "month"),
        (datetime.date(2026, 12, 1), DatePrecision.MONTH, datetime.date(2026, 12, 31), "month"),
        (datetime.date(2026, 1, 1), DatePrecision.YEAR, datetime.date(2026, 12, 31), "year"),
        (datetime.date(2026, 11, 20), DatePrecision.DAY, datetime.date(2026, 11, 29), "day"),
        (datetime.date(2026, 11, 20), DatePrecision.DAY, datetime.date(2026, 11, 30), "day"),
        (datetime.date(2026, 11, 20), DatePrecision.DAY, datetime.date(2027, 12, 31), "year"),
        (datetime.date(2026, 11, 30), DatePrecision.DAY, None, "unknown"),
        (datetime.date(2026, 11, 29), DatePrecision.DAY, None, "unknown"),
        (None, DatePrecision.UNKNOWN, datetime.date(2026, 11, 30), "month"),
        (None, DatePrecision.UNKNOWN, None, "unknown"),
    ],
)
def test_ended_by_in_sql_agrees_with_earliest_end_in_python(
    start, start_precision, end, end_precision
):
    today = datetime.date(2026, 11, 29)
    course = CourseFactory(
        start_date=start,
        start_precision=start_precision,
        end_date=end,
        end_precision=end_precision,
    )
    in_python = course.earliest_end is not None and course.earliest_end <= today

    in_sql = Course.objects.filter(ended_by(today), pk=course.pk).exists()

    assert in_sql == in_python
