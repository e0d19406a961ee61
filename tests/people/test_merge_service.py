"""Merging two records of one person: what moves, what is kept, and what refuses a merge."""

import pytest
from django.contrib.admin.models import LogEntry
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from apps.accounts.roles import REGISTRAR, VIEWER
from apps.courses.models import CourseTrainer
from apps.enrolments.models import Enrolment
from apps.people.models import Person, Trainer
from apps.people.services import person_merge
from tests.factories import (
    CourseFactory,
    CourseTrainerFactory,
    EnrolmentFactory,
    PersonFactory,
    TrainerFactory,
)

pytestmark = pytest.mark.django_db


def test_merging_moves_the_enrolments_and_marks_the_duplicate_merged(kept, duplicate, registrar):
    first = EnrolmentFactory(person=duplicate)
    second = EnrolmentFactory(person=duplicate, completed=True)
    own = EnrolmentFactory(person=kept)

    result = person_merge(person=duplicate, into=kept, user=registrar)

    assert result == kept
    assert set(Enrolment.objects.filter(person=kept)) == {first, second, own}
    duplicate.refresh_from_db()
    assert duplicate.merged_into == kept
    assert duplicate.merged_at is not None
    assert Person.objects.current().get() == kept  # only the kept one is current


def test_merging_writes_history_on_both_people_and_every_enrolment_moved(
    kept, duplicate, registrar
):
    enrolment = EnrolmentFactory(person=duplicate)

    person_merge(person=duplicate, into=kept, user=registrar)

    merged_row = duplicate.history.latest("history_id")
    assert merged_row.history_change_reason == f"Merged into person {kept.pk} (UID {kept.uid})."
    assert merged_row.history_user == registrar
    assert merged_row.merged_into_id == kept.pk
    kept_row = kept.history.latest("history_id")
    assert kept_row.history_change_reason == (
        f"Person {duplicate.pk} (UID {duplicate.uid}) merged into this one."
    )
    assert kept_row.history_user == registrar
    moved_row = enrolment.history.latest("history_id")
    assert moved_row.person_id == kept.pk
    assert moved_row.history_user == registrar
    assert moved_row.history_change_reason == (
        f"Moved from person {duplicate.pk} to {kept.pk}, merged into it."
    )
    logged = LogEntry.objects.filter(user=registrar).values_list("object_id", flat=True)
    assert set(logged) == {str(kept.pk), str(duplicate.pk)}


def test_a_trainer_profile_moves_to_a_kept_person_without_one(kept, duplicate, registrar):
    profile = TrainerFactory(person=duplicate)
    assignment = CourseTrainerFactory(trainer=profile)

    person_merge(person=duplicate, into=kept, user=registrar)

    profile.refresh_from_db()
    assert profile.person == kept
    assert CourseTrainer.objects.get(pk=assignment.pk).trainer == profile
    assert profile.history.latest("history_id").person_id == kept.pk


def test_when_both_are_trainers_the_assignments_move_to_the_kept_profile(
    kept, duplicate, registrar
):
    kept_profile = TrainerFactory(person=kept, expertise="")
    other_profile = TrainerFactory(person=duplicate, expertise="Logistics planning")
    assignment = CourseTrainerFactory(trainer=other_profile)

    person_merge(person=duplicate, into=kept, user=registrar)

    assert CourseTrainer.objects.get(pk=assignment.pk).trainer == kept_profile
    assert not Trainer.objects.filter(pk=other_profile.pk).exists()
    kept_profile.refresh_from_db()
    assert kept_profile.expertise == "Logistics planning"  # what the kept one lacked
    deletion = Trainer.history.filter(id=other_profile.pk).latest("history_id")
    assert deletion.history_type == "-"
    assert deletion.history_user == registrar
    moved = assignment.history.latest("history_id")
    assert moved.trainer_id == kept_profile.pk


def test_people_merged_earlier_into_the_duplicate_follow_it(kept, duplicate, registrar):
    earlier = PersonFactory(family_name="Aliyev", given_names="Rashad")
    person_merge(person=earlier, into=duplicate, user=registrar)

    person_merge(person=duplicate, into=kept, user=registrar)

    earlier.refresh_from_db()
    assert earlier.merged_into == kept
    assert Person.objects.get_by_natural_key(str(earlier.uid)) == kept


def refusal_codes(error: ValidationError) -> list[str]:
    return [item.code for item in error.error_list]


def assert_nothing_written(*people: Person, history_rows: int) -> None:
    for person in people:
        person.refresh_from_db()
    assert sum(person.history.count() for person in people) == history_rows


def test_a_person_is_not_merged_into_themselves(kept, registrar):
    with pytest.raises(ValidationError) as refusal:
        person_merge(person=kept, into=kept, user=registrar)

    assert refusal_codes(refusal.value) == ["merged_into_itself"]
    assert refusal.value.messages == ["A person cannot be merged into themselves."]
    assert_nothing_written(kept, history_rows=1)


def test_a_person_merged_already_is_not_merged_again(kept, duplicate, registrar):
    third = PersonFactory(family_name="Aliyev", given_names="Rashad")
    person_merge(person=duplicate, into=kept, user=registrar)

    with pytest.raises(ValidationError) as refusal:
        person_merge(person=duplicate, into=third, user=registrar)

    assert refusal_codes(refusal.value) == ["already_merged"]
    assert refusal.value.messages == [f"{duplicate} was already merged into {kept}."]
    duplicate.refresh_from_db()
    assert duplicate.merged_into == kept


def test_nobody_is_merged_into_a_merged_person(kept, duplicate, registrar):
    third = PersonFactory(family_name="Aliyev", given_names="Rashad")
    person_merge(person=duplicate, into=kept, user=registrar)

    with pytest.raises(ValidationError) as refusal:
        person_merge(person=third, into=duplicate, user=registrar)

    assert refusal_codes(refusal.value) == ["merge_into_merged"]
    assert refusal.value.messages == [
        f"{duplicate} was merged into {kept}: merge into {kept} instead."
    ]
    third.refresh_from_db()
    assert third.merged_into is None


def test_two_people_enrolled_in_the_same_course_are_not_merged(kept, duplicate, registrar):
    course = CourseFactory(title_en="Logistics Planning in NATO")
    EnrolmentFactory(person=kept, course=course)
    moved_elsewhere = EnrolmentFactory(person=duplicate)
    EnrolmentFactory(person=duplicate, course=course)

    with pytest.raises(ValidationError) as refusal:
        person_merge(person=duplicate, into=kept, user=registrar)

    assert refusal_codes(refusal.value) == ["same_course"]
    assert "Logistics Planning in NATO" in refusal.value.messages[0]
    moved_elsewhere.refresh_from_db()
    assert moved_elsewhere.person == duplicate  # nothing moved
    assert_nothing_written(kept, duplicate, history_rows=2)


def test_two_trainers_of_the_same_course_are_not_merged(kept, duplicate, registrar):
    course = CourseFactory(title_en="Logistics Planning in NATO")
    CourseTrainerFactory(course=course, trainer=TrainerFactory(person=kept))
    CourseTrainerFactory(course=course, trainer=TrainerFactory(person=duplicate))

    with pytest.raises(ValidationError) as refusal:
        person_merge(person=duplicate, into=kept, user=registrar)

    assert refusal_codes(refusal.value) == ["same_course_trainer"]
    assert "Logistics Planning in NATO" in refusal.value.messages[0]
    assert Trainer.objects.filter(person=duplicate).exists()


def test_the_database_refuses_a_person_merged_into_themselves(kept):
    with pytest.raises(IntegrityError), transaction.atomic():
        Person.objects.filter(pk=kept.pk).update(merged_into=kept, merged_at=timezone.now())


def test_the_registrar_role_may_merge_and_the_viewer_role_may_not():
    assert Group.objects.get(name=REGISTRAR).permissions.filter(codename="merge_person").exists()
    assert not Group.objects.get(name=VIEWER).permissions.filter(codename="merge_person").exists()
