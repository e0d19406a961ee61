"""People in the API: who may read and write them, what they show, what is refused."""

import pytest
from rest_framework import status

from apps.organisations.models import Organisation
from apps.people.models import Person, Service
from tests.factories import EnrolmentFactory, OrganisationFactory, PersonFactory, TrainerFactory
from tests.people.helpers import PEOPLE, PERMISSION_MATRIX, TRAINERS, trainer_detail

pytestmark = pytest.mark.django_db


NOT_AUTHENTICATED = {"detail": "Authentication credentials were not provided."}


def person_detail(person: Person) -> str:
    return f"{PEOPLE}{person.pk}/"


@pytest.mark.parametrize(("role", "read", "create", "update", "delete"), PERMISSION_MATRIX)
def test_people_need_the_view_permission_to_read_and_model_permissions_to_write(
    api_client_for, role, read, create, update, delete
):
    client = api_client_for(role)
    person = PersonFactory(family_name="Aliyev")
    payload = {"family_name": f"New-{role}", "given_names": "Rashad"}

    assert client.get(PEOPLE).status_code == read
    assert client.get(person_detail(person)).status_code == read
    assert client.post(PEOPLE, payload).status_code == create
    assert client.patch(person_detail(person), {"rank": "Colonel"}).status_code == update
    assert client.put(person_detail(person), {"family_name": "Put"}).status_code == update
    assert client.delete(person_detail(person)).status_code == delete
    assert Person.objects.filter(pk=person.pk).exists() == (delete != 204)
    assert Person.objects.filter(family_name=f"New-{role}").exists() == (create == 201)
    if update != 200 and delete != 204:
        person.refresh_from_db()
        assert (person.family_name, person.rank) == ("Aliyev", "Major")


@pytest.mark.parametrize("url", [PEOPLE, f"{PEOPLE}?format=csv", TRAINERS])
def test_an_anonymous_list_shows_no_personal_data(api_client, url):
    TrainerFactory(person__family_name="Secretname", person__email="secret@example.org")

    response = api_client.get(url)

    assert response.status_code == status.HTTP_401_UNAUTHORIZED
    assert response["WWW-Authenticate"] == "Token"
    assert response.json() == NOT_AUTHENTICATED
    assert b"Secretname" not in response.content
    assert b"secret@example.org" not in response.content


def test_an_anonymous_detail_shows_no_personal_data(api_client):
    trainer = TrainerFactory(person__family_name="Secretname", person__email="s@example.org")

    for url in (person_detail(trainer.person), trainer_detail(trainer)):
        response = api_client.get(url)
        assert response.status_code == status.HTTP_401_UNAUTHORIZED
        assert response.json() == NOT_AUTHENTICATED
        assert b"Secretname" not in response.content


def test_a_person_shows_uid_names_organisation_and_trainer_profile(api_client_for):
    ministry = OrganisationFactory(slug="mod", name_en="Ministry", name_fr="Ministère")
    person = PersonFactory(
        family_name="Mammadov",
        given_names="Elchin",
        patronymic="Ağa oğlu",
        rank="Captain",
        service=Service.ARMY,
        organisation=ministry,
        nationality="AZ",
        birth_date="1985-04-12",
        email="elchin@example.org",
    )
    trainer = TrainerFactory(person=person)

    body = api_client_for("viewer").get(person_detail(person)).json()

    assert body["id"] == person.pk
    assert body["uid"] == str(person.uid)
    assert body["full_name"] == "Mammadov Elchin Ağa oğlu"
    assert (body["rank"], body["service"], body["nationality"]) == ("Captain", "army", "AZ")
    assert (body["birth_date"], body["email"]) == ("1985-04-12", "elchin@example.org")
    assert body["organisation"] == {
        "id": ministry.pk,
        "slug": "mod",
        "name": "Ministry",
        "acronym": "",
    }
    assert body["trainer"] == trainer.pk
    assert {"created_at", "updated_at"} <= body.keys()


def test_a_person_without_a_trainer_profile_shows_trainer_null(api_client_for):
    person = PersonFactory()

    body = api_client_for("viewer").get(person_detail(person)).json()

    assert body["trainer"] is None
    assert body["organisation"] is None


@pytest.mark.parametrize(
    ("query", "headers"),
    [("", {"HTTP_ACCEPT_LANGUAGE": "fr"}), ("?lang=fr", {"HTTP_ACCEPT_LANGUAGE": "en"})],
)
def test_related_organisations_follow_the_language_asked_for(api_client_for, query, headers):
    ministry = OrganisationFactory(name_en="Ministry", name_fr="Ministère")
    trainer = TrainerFactory(person__organisation=ministry, affiliation=ministry)
    client = api_client_for("viewer")

    person = client.get(f"{person_detail(trainer.person)}{query}", **headers).json()
    profile = client.get(f"{trainer_detail(trainer)}{query}", **headers).json()

    assert person["organisation"]["name"] == "Ministère"
    assert profile["affiliation"]["name"] == "Ministère"


def test_a_registrar_records_a_person_in_an_organisation(api_client_for, seed):
    ministry = Organisation.objects.get(slug="azerbaijan-mod")

    response = api_client_for("registrar").post(
        PEOPLE,
        {
            "family_name": "Huseynova",
            "given_names": "Aysel",
            "service": "navy",
            "nationality": "AZ",
            "organisation": ministry.pk,
            "uid": "00000000-0000-0000-0000-000000000000",
        },
    )

    assert response.status_code == 201, response.json()
    person = Person.objects.get(family_name="Huseynova")
    assert response.json()["uid"] == str(person.uid) != "00000000-0000-0000-0000-000000000000"
    assert response.json()["trainer"] is None
    assert (person.service, person.nationality.code) == ("navy", "AZ")
    assert person.organisation == ministry
    assert response.json()["organisation"]["slug"] == "azerbaijan-mod"


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        ({"given_names": "Rashad"}, "family_name"),
        ({"family_name": ""}, "family_name"),
        ({"family_name": "x" * 151}, "family_name"),
        ({"family_name": ["Aliyev"]}, "family_name"),
        ({"family_name": "Aliyev", "service": "space_force"}, "service"),
        ({"family_name": "Aliyev", "nationality": "XX"}, "nationality"),
        ({"family_name": "Aliyev", "organisation": "mod"}, "organisation"),
        ({"family_name": "Aliyev", "organisation": 10**30}, "organisation"),
        ({"family_name": "Aliyev", "organisation": 999999}, "organisation"),
        ({"family_name": "Aliyev", "birth_date": "12/04/1985"}, "birth_date"),
        ({"family_name": "Aliyev", "email": "not-an-address"}, "email"),
    ],
)
def test_invalid_people_are_refused_field_by_field(api_client_for, payload, field):
    response = api_client_for("registrar").post(PEOPLE, payload)

    assert response.status_code == 400
    assert field in response.json()
    assert not Person.objects.exists()


def test_a_malformed_json_body_is_a_clear_400(api_client_for):
    response = api_client_for("registrar").post(
        PEOPLE, '{"family_name": ', content_type="application/json"
    )

    assert response.status_code == 400
    assert "JSON parse error" in response.json()["detail"]
    assert not Person.objects.exists()


def test_an_invalid_update_leaves_the_person_unchanged(api_client_for):
    person = PersonFactory(family_name="Aliyev", email="a@example.org")

    response = api_client_for("registrar").patch(
        person_detail(person), {"family_name": "", "email": "nope"}
    )

    assert response.status_code == 400
    assert {"family_name", "email"} <= response.json().keys()
    person.refresh_from_db()
    assert (person.family_name, person.email) == ("Aliyev", "a@example.org")


@pytest.mark.parametrize(
    "make_dependant",
    [
        lambda person: EnrolmentFactory(person=person),
        lambda person: TrainerFactory(person=person),
    ],
    ids=["enrolment", "trainer-profile"],
)
def test_deleting_a_person_that_records_rest_on_is_a_conflict(api_client_for, make_dependant):
    person = PersonFactory()
    make_dependant(person)

    response = api_client_for("superuser").delete(person_detail(person))

    assert response.status_code == 409
    assert "cannot be deleted" in response.json()["detail"]
    assert Person.objects.filter(pk=person.pk).exists()
