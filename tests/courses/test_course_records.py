"""A course as a record: its slug, its texts in each language, its natural key, what keeps it."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import ProtectedError
from django.utils import translation

from apps.courses.models import (
    Course,
)
from tests.courses.helpers import DAY, MONTH, UNKNOWN, YEAR, build_course
from tests.factories import (
    CourseFactory,
    CoursePartFactory,
    CourseTrainerFactory,
    EnrolmentFactory,
    SourceFactory,
)

pytestmark = pytest.mark.django_db


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
