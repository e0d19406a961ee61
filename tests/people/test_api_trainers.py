"""Trainers in the API: who may read and write them, what they show, what is refused."""

import pytest

from apps.organisations.models import Organisation
from apps.people.models import Trainer
from tests.factories import CourseTrainerFactory, OrganisationFactory, PersonFactory, TrainerFactory
from tests.people.helpers import PERMISSION_MATRIX, TRAINERS, trainer_detail

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(("role", "read", "create", "update", "delete"), PERMISSION_MATRIX)
def test_trainers_need_the_view_permission_to_read_and_model_permissions_to_write(
    api_client_for, role, read, create, update, delete
):
    client = api_client_for(role)
    trainer = TrainerFactory(expertise="Logistics")
    newcomer = PersonFactory()

    assert client.get(TRAINERS).status_code == read
    assert client.get(trainer_detail(trainer)).status_code == read
    assert client.post(TRAINERS, {"person": newcomer.pk}).status_code == create
    assert client.patch(trainer_detail(trainer), {"expertise": "Fuel"}).status_code == update
    assert client.put(trainer_detail(trainer), {"person": trainer.person.pk}).status_code == update
    assert client.delete(trainer_detail(trainer)).status_code == delete
    assert Trainer.objects.filter(pk=trainer.pk).exists() == (delete != 204)
    assert Trainer.objects.filter(person=newcomer).exists() == (create == 201)
    if update != 200:
        trainer.refresh_from_db()
        assert trainer.expertise == "Logistics"


def test_a_trainer_shows_the_person_affiliation_and_assignment_count(api_client_for):
    team = OrganisationFactory(slug="mtt", name_en="Training team", acronym="MTT")
    trainer = TrainerFactory(
        person__family_name="Aliyev", person__given_names="Rashad", affiliation=team
    )
    CourseTrainerFactory.create_batch(2, trainer=trainer)

    body = api_client_for("viewer").get(trainer_detail(trainer)).json()

    assert body["id"] == trainer.pk
    assert body["person"] == {
        "id": trainer.person.pk,
        "uid": str(trainer.person.uid),
        "full_name": "Aliyev Rashad",
        "rank": "Major",
    }
    assert body["affiliation"] == {
        "id": team.pk,
        "slug": "mtt",
        "name": "Training team",
        "acronym": "MTT",
    }
    assert (body["expertise"], body["assignment_count"]) == ("Logistics planning", 2)
    assert {"created_at", "updated_at"} <= body.keys()


def test_a_registrar_gives_a_person_a_trainer_profile(api_client_for, seed):
    person = PersonFactory()
    team = Organisation.objects.get(slug="nato-mtt-jfc-brunssum")

    response = api_client_for("registrar").post(
        TRAINERS, {"person": person.pk, "affiliation": team.pk, "expertise": "Fuel supply"}
    )

    assert response.status_code == 201, response.json()
    trainer = Trainer.objects.get(person=person)
    assert response.json()["id"] == trainer.pk
    assert response.json()["assignment_count"] == 0
    assert response.json()["person"]["uid"] == str(person.uid)
    assert (trainer.affiliation, trainer.expertise) == (team, "Fuel supply")


def test_updating_a_trainer_keeps_showing_its_assignment_count(api_client_for):
    trainer = CourseTrainerFactory().trainer

    response = api_client_for("registrar").patch(trainer_detail(trainer), {"affiliation": None})

    assert response.status_code == 200, response.json()
    assert response.json()["assignment_count"] == 1


def test_a_second_trainer_profile_for_a_person_is_refused(api_client_for):
    trainer = TrainerFactory()

    response = api_client_for("registrar").post(TRAINERS, {"person": trainer.person.pk})

    assert response.status_code == 400
    assert "person" in response.json()
    assert Trainer.objects.count() == 1


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        ({}, "person"),
        ({"person": None}, "person"),
        ({"person": "aliyev"}, "person"),
        ({"person": 10**30}, "person"),
        ({"person": True}, "person"),
        ({"person": 999999}, "person"),
        ({"person": "PERSON", "affiliation": "mtt"}, "affiliation"),
        ({"person": "PERSON", "affiliation": 10**30}, "affiliation"),
        ({"person": "PERSON", "expertise": {"en": "Fuel"}}, "expertise"),
    ],
)
def test_invalid_trainers_are_refused_field_by_field(api_client_for, payload, field):
    person = PersonFactory()
    payload = {key: person.pk if value == "PERSON" else value for key, value in payload.items()}

    response = api_client_for("registrar").post(TRAINERS, payload)

    assert response.status_code == 400
    assert field in response.json()
    assert not Trainer.objects.exists()


def test_deleting_a_trainer_with_assignments_is_a_conflict(api_client_for):
    trainer = CourseTrainerFactory().trainer

    response = api_client_for("superuser").delete(trainer_detail(trainer))

    assert response.status_code == 409
    assert "cannot be deleted" in response.json()["detail"]
    assert Trainer.objects.filter(pk=trainer.pk).exists()
