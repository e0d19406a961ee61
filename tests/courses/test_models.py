import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import ProtectedError
from django.utils import timezone, translation

from apps.core.dates import DatePrecision
from apps.courses.models import (
    END_BEFORE_START_ERROR,
    HELD_BEFORE_START_ERROR,
    START_AFTER_COMPLETION_ERROR,
    Course,
    CoursePart,
    CourseStatus,
    CourseTrainer,
    TrainerRole,
)
from tests.factories import (
    CourseFactory,
    CoursePartFactory,
    CourseTrainerFactory,
    EnrolmentFactory,
    ProgrammeFactory,
    SourceFactory,
    TrainerFactory,
)

pytestmark = pytest.mark.django_db

DAY = DatePrecision.DAY
MONTH = DatePrecision.MONTH
YEAR = DatePrecision.YEAR
UNKNOWN = DatePrecision.UNKNOWN


def build_course(**kwargs) -> Course:
    """An unsaved course whose programme is saved, ready for ``full_clean()``."""
    kwargs.setdefault("programme", ProgrammeFactory())
    return CourseFactory.build(**kwargs)


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


def test_course_slug_must_be_unique():
    CourseFactory(slug="logistics-baku-2026")
    duplicate = build_course(slug="logistics-baku-2026")

    with pytest.raises(ValidationError) as refused:
        duplicate.full_clean()

    assert list(refused.value.message_dict) == ["slug"]
    assert refused.value.error_dict["slug"][0].code == "unique"


def test_database_refuses_a_second_course_with_the_same_slug():
    CourseFactory(slug="logistics-baku-2026")

    with pytest.raises(IntegrityError), transaction.atomic():
        CourseFactory(slug="logistics-baku-2026")

    assert Course.objects.count() == 1


@pytest.mark.parametrize(
    ("place", "expected"),
    [
        (
            {"city": "Baku", "start_date": datetime.date(2026, 3, 2), "start_precision": DAY},
            "Logistics course (Baku, 2 March 2026)",
        ),
        (
            {"city": "Baku", "start_date": datetime.date(2026, 1, 1), "start_precision": YEAR},
            "Logistics course (Baku, 2026)",
        ),
        (
            {"city": "", "start_date": datetime.date(2026, 3, 1), "start_precision": MONTH},
            "Logistics course (March 2026)",
        ),
        (
            {"city": "Baku", "start_date": None, "start_precision": UNKNOWN},
            "Logistics course (Baku)",
        ),
        ({"city": "", "start_date": None, "start_precision": UNKNOWN}, "Logistics course"),
    ],
    ids=["city-and-day", "city-and-year", "month-only", "city-only", "title-only"],
)
def test_course_shows_its_title_place_and_start(place, expected):
    course = CourseFactory(title_en="Logistics course", **place)

    assert str(course) == expected


@pytest.mark.parametrize(
    ("language", "fr", "expected"),
    [
        ("en", "Cours de logistique", "Logistics course"),
        ("fr", "Cours de logistique", "Cours de logistique"),
        ("fr", "", "Logistics course"),
        ("de", "Cours de logistique", "Logistics course"),
    ],
)
def test_course_texts_follow_the_active_language(language, fr, expected):
    course = CourseFactory(
        title_en="Logistics course",
        title_fr=fr,
        summary_en="Logistics course",
        summary_fr=fr,
        outcome_en="Logistics course",
        outcome_fr=fr,
        city="",
        start_date=None,
        start_precision=UNKNOWN,
    )

    with translation.override(language):
        assert (course.title, course.summary, course.outcome) == (expected, expected, expected)
        assert str(course) == expected


def test_course_is_found_by_its_natural_key():
    course = CourseFactory(slug="logistics-baku-2026")

    assert course.natural_key() == ("logistics-baku-2026",)
    assert Course.objects.get_by_natural_key(*course.natural_key()) == course


def test_course_with_enrolments_cannot_be_deleted():
    enrolment = EnrolmentFactory()
    course = enrolment.course
    CoursePartFactory(course=course)
    CourseTrainerFactory(course=course)

    with pytest.raises(ProtectedError):
        course.delete()

    assert Course.objects.filter(pk=course.pk).exists()
    assert course.parts.count() == 1
    assert course.trainer_roles.count() == 1
    assert course.enrolments.count() == 1


def test_course_part_shows_its_position_and_title():
    part = CoursePartFactory(position=2, title_en="Supply chains")

    assert str(part) == "2. Supply chains"


@pytest.mark.parametrize(
    ("language", "fr", "expected"),
    [
        ("en", "Chaînes", "Chains"),
        ("fr", "Chaînes", "Chaînes"),
        ("fr", "", "Chains"),
        ("de", "Chaînes", "Chains"),
    ],
)
def test_course_part_texts_follow_the_active_language(language, fr, expected):
    texts = {
        f"{field}_{code}": value
        for field in ("title", "scenario", "description", "audience")
        for code, value in (("en", "Chains"), ("fr", fr))
    }
    part = CoursePartFactory(**texts)

    with translation.override(language):
        assert [part.title, part.scenario, part.description, part.audience] == [expected] * 4


def test_course_part_is_found_by_its_natural_key():
    part = CoursePartFactory(course__slug="logistics-baku-2026", position=3)

    assert part.natural_key() == ("logistics-baku-2026", 3)
    assert CoursePart.objects.get_by_natural_key(*part.natural_key()) == part


def test_course_part_position_is_unique_within_its_course():
    existing = CoursePartFactory(position=1)
    duplicate = CoursePartFactory.build(course=existing.course, position=1)

    with pytest.raises(ValidationError) as refused:
        duplicate.full_clean()

    assert refused.value.message_dict == {
        "__all__": ["The course already has a part at this position."]
    }


def test_database_refuses_two_parts_at_the_same_position_in_a_course():
    existing = CoursePartFactory(position=1)

    with pytest.raises(IntegrityError), transaction.atomic():
        CoursePartFactory(course=existing.course, position=1)

    assert CoursePart.objects.count() == 1


def test_parts_of_different_courses_may_share_a_position():
    CoursePartFactory(position=1)
    other = CoursePartFactory.build(course=CourseFactory(), position=1)

    other.full_clean()
    other.save()

    assert CoursePart.objects.filter(position=1).count() == 2


def test_course_part_position_zero_is_refused_on_the_position_field():
    part = CoursePartFactory.build(course=CourseFactory(), position=0)

    with pytest.raises(ValidationError) as refused:
        part.full_clean()

    assert list(refused.value.message_dict) == ["position"]
    assert refused.value.error_dict["position"][0].code == "min_value"


def test_database_refuses_a_course_part_at_position_zero():
    course = CourseFactory()

    with (
        pytest.raises(IntegrityError, match="courses_coursepart_position_from_one"),
        transaction.atomic(),
    ):
        CoursePartFactory(course=course, position=0)

    assert not CoursePart.objects.exists()


def test_course_trainer_shows_the_trainer_and_role():
    assignment = CourseTrainerFactory(
        trainer__person__rank="Colonel",
        trainer__person__family_name="Jansen",
        trainer__person__given_names="Pieter",
        role=TrainerRole.LEAD,
    )

    assert str(assignment) == "Colonel Jansen Pieter – lead trainer"


def test_course_trainer_is_found_by_its_natural_key():
    assignment = CourseTrainerFactory(course__slug="logistics-baku-2026")

    assert assignment.natural_key() == ("logistics-baku-2026", str(assignment.trainer.person.uid))
    assert CourseTrainer.objects.get_by_natural_key(*assignment.natural_key()) == assignment


def test_trainer_is_assigned_to_a_course_only_once():
    existing = CourseTrainerFactory(role=TrainerRole.LEAD)
    duplicate = CourseTrainerFactory.build(
        course=existing.course, trainer=existing.trainer, role=TrainerRole.INSTRUCTOR
    )

    with pytest.raises(ValidationError) as refused:
        duplicate.full_clean()

    assert refused.value.message_dict == {
        "__all__": ["This trainer is already assigned to the course."]
    }


def test_database_refuses_assigning_a_trainer_to_a_course_twice():
    existing = CourseTrainerFactory()

    with pytest.raises(IntegrityError), transaction.atomic():
        CourseTrainerFactory(course=existing.course, trainer=existing.trainer)

    assert CourseTrainer.objects.count() == 1


def test_trainer_may_be_assigned_to_several_courses():
    trainer = TrainerFactory()
    CourseTrainerFactory(trainer=trainer)
    second = CourseTrainerFactory.build(course=CourseFactory(), trainer=trainer)

    second.full_clean()
    second.save()

    assert trainer.assignments.count() == 2


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


@pytest.mark.parametrize("belonging", ["part", "trainer assignment", "source"])
def test_a_course_with_records_belonging_to_it_cannot_be_deleted(belonging):
    course = CourseFactory()
    if belonging == "part":
        CoursePartFactory(course=course)
    elif belonging == "trainer assignment":
        CourseTrainerFactory(course=course)
    else:
        SourceFactory().courses.add(course)

    with pytest.raises(ProtectedError):
        course.delete()

    assert Course.objects.filter(pk=course.pk).exists()


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
