"""A course's parts and its trainers' assignments: positions, natural keys, uniqueness."""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import translation

from apps.courses.models import (
    CoursePart,
    CourseTrainer,
    TrainerRole,
)
from tests.factories import (
    CourseFactory,
    CoursePartFactory,
    CourseTrainerFactory,
    TrainerFactory,
)

pytestmark = pytest.mark.django_db


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
