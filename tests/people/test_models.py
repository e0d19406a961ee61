import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import ProtectedError

from apps.enrolments.models import Enrolment
from apps.people.models import Person, Trainer
from tests.factories import (
    CourseTrainerFactory,
    EnrolmentFactory,
    PersonFactory,
    TrainerFactory,
)

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("names", "expected"),
    [
        (
            {"rank": "Major", "family_name": "Aliyev", "given_names": "Rashad"},
            "Major Aliyev Rashad",
        ),
        ({"rank": "", "family_name": "Aliyev", "given_names": "Rashad"}, "Aliyev Rashad"),
        (
            {
                "rank": "Captain",
                "family_name": "Mammadov",
                "given_names": "Elchin",
                "patronymic": "Ağa oğlu",
            },
            "Captain Mammadov Elchin Ağa oğlu",
        ),
        ({"rank": "", "family_name": "Huseynova", "given_names": ""}, "Huseynova"),
    ],
    ids=["rank-and-names", "no-rank", "patronymic", "family-name-only"],
)
def test_person_shows_rank_and_names(names, expected):
    person = PersonFactory(**names)

    assert str(person) == expected


def test_person_full_name_leaves_out_the_rank():
    person = PersonFactory(rank="Major", family_name="Aliyev", given_names="Rashad")

    assert person.full_name == "Aliyev Rashad"


def test_trainer_shows_as_the_person():
    trainer = TrainerFactory(person__rank="Colonel", person__family_name="Jansen")

    assert str(trainer) == str(trainer.person)
    assert str(trainer).startswith("Colonel Jansen")


def test_person_is_found_by_its_natural_key():
    person = PersonFactory()

    assert person.natural_key() == (str(person.uid),)
    assert Person.objects.get_by_natural_key(*person.natural_key()) == person


def test_trainer_is_found_by_its_person_natural_key():
    trainer = TrainerFactory()

    assert trainer.natural_key() == (str(trainer.person.uid),)
    assert Trainer.objects.get_by_natural_key(*trainer.natural_key()) == trainer


def test_new_people_get_different_uids():
    assert PersonFactory().uid != PersonFactory().uid


def test_person_uid_must_be_unique():
    existing = PersonFactory()
    duplicate = PersonFactory.build(uid=existing.uid)

    with pytest.raises(ValidationError) as refused:
        duplicate.full_clean()

    assert list(refused.value.message_dict) == ["uid"]
    assert refused.value.error_dict["uid"][0].code == "unique"


def test_database_refuses_a_second_person_with_the_same_uid():
    existing = PersonFactory()

    with pytest.raises(IntegrityError), transaction.atomic():
        PersonFactory(uid=existing.uid)

    assert Person.objects.count() == 1


def test_person_has_at_most_one_trainer_profile():
    existing = TrainerFactory()
    duplicate = TrainerFactory.build(person=existing.person)

    with pytest.raises(ValidationError) as refused:
        duplicate.full_clean()

    assert list(refused.value.message_dict) == ["person"]
    assert refused.value.error_dict["person"][0].code == "unique"


def test_database_refuses_a_second_trainer_profile_for_a_person():
    existing = TrainerFactory()

    with pytest.raises(IntegrityError), transaction.atomic():
        TrainerFactory(person=existing.person)

    assert Trainer.objects.count() == 1


def test_person_with_enrolments_cannot_be_deleted():
    enrolment = EnrolmentFactory()
    person = enrolment.person

    with pytest.raises(ProtectedError):
        person.delete()

    assert Person.objects.filter(pk=person.pk).exists()
    assert Enrolment.objects.filter(pk=enrolment.pk).exists()


def test_person_with_a_trainer_profile_cannot_be_deleted():
    trainer = TrainerFactory()

    with pytest.raises(ProtectedError):
        trainer.person.delete()

    assert Person.objects.filter(pk=trainer.person.pk).exists()
    assert Trainer.objects.filter(pk=trainer.pk).exists()


def test_trainer_assigned_to_a_course_cannot_be_deleted():
    assignment = CourseTrainerFactory()

    with pytest.raises(ProtectedError):
        assignment.trainer.delete()

    assert Trainer.objects.filter(pk=assignment.trainer.pk).exists()
