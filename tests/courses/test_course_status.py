"""When a course may be held, and how far its start may move once participants completed it."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from apps.courses.models import (
    HELD_BEFORE_START_ERROR,
    START_AFTER_COMPLETION_ERROR,
    Course,
    CourseStatus,
)
from tests.courses.helpers import DAY, MONTH, UNKNOWN, YEAR, build_course
from tests.factories import (
    CourseFactory,
    EnrolmentFactory,
)

pytestmark = pytest.mark.django_db


def days_from_today(days: int) -> datetime.date:
    return timezone.localdate() + datetime.timedelta(days=days)


# Each start is worked out when the test runs, not when it is collected: a run that crosses
# midnight would otherwise find "tomorrow" has become today.
FUTURE_STARTS = {
    "tomorrow": lambda today: (today + datetime.timedelta(days=1), DAY),
    "next-month-or-later": lambda today: (
        today.replace(day=1) + datetime.timedelta(days=32),
        MONTH,
    ),
    "next-year": lambda today: (datetime.date(today.year + 1, 6, 1), YEAR),
}


@pytest.mark.parametrize("future_start", FUTURE_STARTS.values(), ids=FUTURE_STARTS.keys())
def test_course_cannot_be_held_while_its_earliest_start_is_after_today(future_start):
    start, precision = future_start(timezone.localdate())
    course = build_course(
        start_date=start,
        start_precision=precision,
        end_date=None,
        end_precision=UNKNOWN,
        status=CourseStatus.HELD,
    )

    with pytest.raises(ValidationError) as refused:
        course.full_clean()

    assert refused.value.error_dict["status"][0].code == "held_before_start"
    assert refused.value.message_dict == {
        "status": [HELD_BEFORE_START_ERROR.format(start=course.start_display)]
    }


def test_course_dated_march_next_year_cannot_be_held_today():
    next_year = timezone.localdate().year + 1
    course = build_course(
        start_date=datetime.date(next_year, 3, 3),
        start_precision=DAY,
        end_date=datetime.date(next_year, 3, 7),
        end_precision=DAY,
        status=CourseStatus.HELD,
    )

    with pytest.raises(ValidationError) as refused:
        course.full_clean()

    assert list(refused.value.message_dict) == ["status"]


@pytest.mark.parametrize("precision", [YEAR, MONTH])
def test_course_known_only_to_start_in_this_period_may_be_held(precision):
    course = build_course(
        start_date=timezone.localdate(),
        start_precision=precision,
        end_date=None,
        end_precision=UNKNOWN,
        status=CourseStatus.HELD,
    )

    course.full_clean()
    course.save()

    assert Course.objects.filter(pk=course.pk, status=CourseStatus.HELD).exists()


@pytest.mark.parametrize(
    ("status", "start"),
    [
        (CourseStatus.PLANNED, days_from_today(30)),
        (CourseStatus.CANCELLED, days_from_today(30)),
        (CourseStatus.HELD, days_from_today(0)),
        (CourseStatus.HELD, None),
    ],
    ids=["planned-future", "cancelled-future", "held-started-today", "held-start-unknown"],
)
def test_course_may_be_planned_for_the_future_or_held_once_it_can_have_started(status, start):
    course = build_course(
        start_date=start,
        start_precision=DAY if start else UNKNOWN,
        end_date=None,
        end_precision=UNKNOWN,
        status=status,
    )

    course.full_clean()
    course.save()

    assert Course.objects.get(pk=course.pk).status == status


@pytest.mark.parametrize(
    ("end", "end_precision", "expected_end"),
    [
        (datetime.date(2027, 3, 7), DAY, datetime.date(2027, 3, 7)),
        (datetime.date(2027, 4, 30), MONTH, datetime.date(2027, 4, 1)),
        (datetime.date(2027, 12, 31), YEAR, datetime.date(2027, 3, 1)),
        (None, UNKNOWN, datetime.date(2027, 3, 1)),
    ],
    ids=["day", "month", "year-not-before-the-start", "unknown-end"],
)
def test_course_tells_the_earliest_days_it_can_have_started_and_ended(
    end, end_precision, expected_end
):
    course = build_course(
        start_date=datetime.date(2027, 3, 1),
        start_precision=MONTH,
        end_date=end,
        end_precision=end_precision,
    )

    assert (course.earliest_start, course.earliest_end) == (datetime.date(2027, 3, 1), expected_end)


def test_course_start_cannot_move_after_the_day_its_participants_completed_it():
    course = CourseFactory(start_date=datetime.date(2026, 3, 2), end_date=datetime.date(2026, 3, 6))
    EnrolmentFactory(course=course, completed=True)  # completed on 6 March 2026
    course.start_date = datetime.date(2026, 3, 9)
    course.end_date = datetime.date(2026, 3, 13)

    with pytest.raises(ValidationError) as refused:
        course.full_clean()

    assert refused.value.message_dict == {
        "start_date": [START_AFTER_COMPLETION_ERROR.format(completed_on="6 March 2026")]
    }
    assert Course.objects.get(pk=course.pk).start_date == datetime.date(2026, 3, 2)


def test_course_start_may_move_within_what_its_completions_allow():
    course = CourseFactory(start_date=datetime.date(2026, 3, 2), end_date=datetime.date(2026, 3, 6))
    EnrolmentFactory(course=course, completed=True)
    course.start_date = datetime.date(2026, 3, 1)
    course.start_precision = MONTH

    course.full_clean()
    course.save()

    course.refresh_from_db()
    assert (course.start_date, course.start_precision) == (datetime.date(2026, 3, 1), MONTH)
