"""A course's dates: stored as the bounds of their period, shown as far as known, in order."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from apps.courses.models import (
    END_BEFORE_START_ERROR,
    Course,
)
from tests.courses.helpers import DAY, MONTH, UNKNOWN, YEAR, build_course
from tests.factories import (
    CourseFactory,
)

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("dates", "expected_start", "expected_end"),
    [
        (
            {"start_date": datetime.date(2026, 5, 17), "start_precision": MONTH},
            datetime.date(2026, 5, 1),
            datetime.date(2026, 6, 5),
        ),
        (
            {"start_date": datetime.date(2026, 5, 17), "start_precision": YEAR},
            datetime.date(2026, 1, 1),
            datetime.date(2026, 6, 5),
        ),
        (
            {"start_date": datetime.date(2026, 5, 17), "start_precision": DAY},
            datetime.date(2026, 5, 17),
            datetime.date(2026, 6, 5),
        ),
        (
            {"end_date": datetime.date(2026, 6, 10), "end_precision": MONTH},
            datetime.date(2026, 5, 17),
            datetime.date(2026, 6, 30),
        ),
        (
            {"end_date": datetime.date(2026, 6, 10), "end_precision": YEAR},
            datetime.date(2026, 5, 17),
            datetime.date(2026, 12, 31),
        ),
    ],
    ids=["start-month", "start-year", "start-day", "end-month", "end-year"],
)
def test_course_dates_are_stored_as_the_bounds_of_their_period(dates, expected_start, expected_end):
    values = {
        "start_date": datetime.date(2026, 5, 17),
        "start_precision": DAY,
        "end_date": datetime.date(2026, 6, 5),
        "end_precision": DAY,
        **dates,
    }
    course = build_course(**values)

    course.full_clean()
    course.save()

    course.refresh_from_db()
    assert (course.start_date, course.end_date) == (expected_start, expected_end)


@pytest.mark.parametrize(
    ("end_date", "expected"),
    [
        (datetime.date(2026, 2, 10), datetime.date(2026, 2, 28)),
        (datetime.date(2028, 2, 10), datetime.date(2028, 2, 29)),
    ],
    ids=["2026", "leap-year"],
)
def test_course_ending_in_february_ends_on_the_last_day_of_february(end_date, expected):
    course = build_course(
        start_date=datetime.date(2026, 2, 1),
        start_precision=MONTH,
        end_date=end_date,
        end_precision=MONTH,
    )

    course.full_clean()

    assert course.end_date == expected


@pytest.mark.parametrize(
    ("precision", "expected"),
    [(YEAR, "2026"), (MONTH, "May 2026"), (DAY, "17 May 2026")],
)
def test_course_dates_display_as_far_as_they_are_known(precision, expected):
    course = build_course(
        start_date=datetime.date(2026, 5, 17),
        start_precision=precision,
        end_date=datetime.date(2026, 5, 17),
        end_precision=precision,
    )

    course.full_clean()

    assert course.start_display == expected
    assert course.end_display == expected


def test_course_with_unknown_dates_displays_them_as_empty():
    course = build_course(
        start_date=None, start_precision=UNKNOWN, end_date=None, end_precision=UNKNOWN
    )

    course.full_clean()
    course.save()

    assert (course.start_display, course.end_display) == ("", "")
    assert Course.objects.get(pk=course.pk).start_date is None


def test_course_cannot_end_before_it_starts():
    course = build_course(
        start_date=datetime.date(2026, 3, 6),
        start_precision=DAY,
        end_date=datetime.date(2026, 3, 2),
        end_precision=DAY,
    )

    with pytest.raises(ValidationError) as refused:
        course.full_clean()

    assert refused.value.message_dict == {"end_date": [str(END_BEFORE_START_ERROR)]}
    assert refused.value.error_dict["end_date"][0].code == "end_before_start"


def test_course_may_start_and_end_on_the_same_day():
    course = build_course(
        start_date=datetime.date(2026, 3, 2),
        start_precision=DAY,
        end_date=datetime.date(2026, 3, 2),
        end_precision=DAY,
    )

    course.full_clean()
    course.save()

    assert Course.objects.filter(pk=course.pk).exists()


@pytest.mark.parametrize(
    ("start", "end"),
    [
        ((datetime.date(2026, 3, 1), MONTH), (datetime.date(2026, 1, 1), YEAR)),
        ((datetime.date(2026, 3, 15), MONTH), (datetime.date(2026, 3, 10), DAY)),
        ((datetime.date(2026, 1, 1), YEAR), (datetime.date(2026, 2, 1), MONTH)),
        ((datetime.date(2026, 6, 20), DAY), (datetime.date(2026, 6, 1), MONTH)),
    ],
    ids=["month-to-year", "month-to-day-in-it", "year-to-month-in-it", "day-to-its-month"],
)
def test_course_end_is_compared_with_its_start_as_far_as_both_are_known(start, end):
    course = build_course(
        start_date=start[0], start_precision=start[1], end_date=end[0], end_precision=end[1]
    )

    course.full_clean()
    course.save()

    course.refresh_from_db()
    assert course.end_date >= course.start_date


@pytest.mark.parametrize(
    ("start", "end"),
    [
        ((datetime.date(2026, 5, 1), MONTH), (datetime.date(2026, 4, 1), MONTH)),
        ((datetime.date(2027, 1, 1), YEAR), (datetime.date(2026, 12, 1), MONTH)),
        ((datetime.date(2026, 5, 1), MONTH), (datetime.date(2026, 4, 30), DAY)),
    ],
    ids=["month-before-month", "month-before-year", "day-before-month"],
)
def test_course_cannot_end_in_a_period_before_its_start(start, end):
    course = build_course(
        start_date=start[0], start_precision=start[1], end_date=end[0], end_precision=end[1]
    )

    with pytest.raises(ValidationError) as refused:
        course.full_clean()

    assert refused.value.error_dict["end_date"][0].code == "end_before_start"


def test_database_refuses_a_course_that_ends_before_it_starts():
    with (
        pytest.raises(IntegrityError, match="courses_course_end_not_before_start"),
        transaction.atomic(),
    ):
        CourseFactory(start_date=datetime.date(2026, 3, 6), end_date=datetime.date(2026, 3, 2))

    assert not Course.objects.exists()


def test_database_refuses_moving_a_course_end_before_its_start():
    course = CourseFactory(start_date=datetime.date(2026, 3, 2), end_date=datetime.date(2026, 3, 6))

    with (
        pytest.raises(IntegrityError, match="courses_course_end_not_before_start"),
        transaction.atomic(),
    ):
        Course.objects.filter(pk=course.pk).update(end_date=datetime.date(2026, 3, 1))

    course.refresh_from_db()
    assert course.end_date == datetime.date(2026, 3, 6)


@pytest.mark.parametrize(
    ("dates", "field"),
    [
        ({"start_date": datetime.date(2026, 3, 2), "start_precision": UNKNOWN}, "start_precision"),
        ({"start_date": None, "start_precision": DAY}, "start_date"),
        ({"end_date": datetime.date(2026, 3, 6), "end_precision": UNKNOWN}, "end_precision"),
        ({"end_date": None, "end_precision": MONTH}, "end_date"),
    ],
    ids=[
        "start-date-without-precision",
        "start-precision-without-date",
        "end-date-without-precision",
        "end-precision-without-date",
    ],
)
def test_course_date_is_empty_exactly_when_its_precision_is_unknown(dates, field):
    course = build_course(**dates)

    with pytest.raises(ValidationError) as refused:
        course.full_clean()

    assert list(refused.value.message_dict) == [field]
    assert refused.value.error_dict[field][0].code == "date_precision"


@pytest.mark.parametrize(
    "dates",
    [
        {"start_date": datetime.date(2026, 3, 2), "start_precision": UNKNOWN},
        {"start_date": None, "start_precision": DAY},
        {"end_date": datetime.date(2026, 3, 6), "end_precision": UNKNOWN},
        {"end_date": None, "end_precision": YEAR},
    ],
    ids=[
        "start-date-without-precision",
        "start-precision-without-date",
        "end-date-without-precision",
        "end-precision-without-date",
    ],
)
def test_database_refuses_a_course_date_that_does_not_match_its_precision(dates):
    with (
        pytest.raises(IntegrityError, match="courses_course_(start|end)_precision"),
        transaction.atomic(),
    ):
        CourseFactory(**dates)

    assert not Course.objects.exists()


@pytest.mark.parametrize(
    "dates",
    [
        {"start_date": "2026-13-45", "start_precision": MONTH},
        {"end_date": "not a date", "end_precision": DAY},
    ],
    ids=["start-month", "end-day"],
)
def test_course_with_a_malformed_date_is_refused_without_crashing(dates):
    course = build_course(**dates)

    with pytest.raises(ValidationError) as refused:
        course.full_clean()

    assert set(refused.value.message_dict) & {"start_date", "end_date"}
