import csv
import io

import pytest
from rest_framework import status
from rest_framework.test import APIClient

from apps.organisations.models import Organisation
from apps.people.models import Person, Service, Trainer
from tests.factories import (
    CourseTrainerFactory,
    EnrolmentFactory,
    OrganisationFactory,
    PersonFactory,
    TrainerFactory,
)

pytestmark = pytest.mark.django_db

PEOPLE = "/api/v1/people/"
TRAINERS = "/api/v1/trainers/"
NOT_AUTHENTICATED = {"detail": "Authentication credentials were not provided."}


def person_detail(person: Person) -> str:
    return f"{PEOPLE}{person.pk}/"


def trainer_detail(trainer: Trainer) -> str:
    return f"{TRAINERS}{trainer.pk}/"


PERMISSION_MATRIX = [
    # role, read, create, update, delete
    ("anonymous", 401, 401, 401, 401),
    ("stranger", 403, 403, 403, 403),
    ("viewer", 200, 403, 403, 403),
    ("registrar", 200, 201, 200, 403),
    ("superuser", 200, 201, 200, 204),
]


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


def names(client: APIClient, query: str) -> list[str]:
    response = client.get(f"{PEOPLE}?{query}")
    assert response.status_code == 200, response.json()
    return [row["family_name"] for row in response.json()["results"]]


def test_people_filter_by_organisation_nationality_service_and_name(api_client_for, seed):
    client = api_client_for("viewer")
    ministry = OrganisationFactory(slug="mod-az")
    PersonFactory(family_name="Aliyev", organisation=ministry, nationality="AZ", service="army")
    PersonFactory(family_name="Baliyeva", nationality="AZ", service="navy")
    PersonFactory(family_name="Dupont", nationality="FR", service="civilian")

    assert names(client, f"organisation={ministry.pk}") == ["Aliyev"]
    assert names(client, "organisation_slug=mod-az") == ["Aliyev"]
    assert names(client, "nationality=AZ") == ["Aliyev", "Baliyeva"]
    assert names(client, "service=navy&service=civilian") == ["Baliyeva", "Dupont"]
    assert names(client, "family_name=ALIYEV") == ["Aliyev", "Baliyeva"]


def test_people_filter_by_whether_they_have_a_trainer_profile(api_client_for):
    client = api_client_for("viewer")
    TrainerFactory(person__family_name="Trainer")
    PersonFactory(family_name="Trainee")

    assert names(client, "has_trainer_profile=true") == ["Trainer"]
    assert names(client, "has_trainer_profile=false") == ["Trainee"]
    assert names(client, "") == ["Trainee", "Trainer"]


def test_people_search_names_and_email_and_order(api_client_for):
    client = api_client_for("viewer")
    PersonFactory(family_name="Aliyev", given_names="Rashad", email="ra@mod.az")
    PersonFactory(family_name="Mammadov", given_names="Elchin", patronymic="Ağa oğlu")
    PersonFactory(family_name="Zeynalov", given_names="Rashid")

    assert names(client, "search=rash") == ["Aliyev", "Zeynalov"]
    assert names(client, "search=oğlu") == ["Mammadov"]
    assert names(client, "search=mod.az") == ["Aliyev"]
    assert names(client, "ordering=-family_name") == ["Zeynalov", "Mammadov", "Aliyev"]
    assert names(client, "ordering=given_names") == ["Mammadov", "Aliyev", "Zeynalov"]
    assert names(client, "ordering=-created_at") == ["Zeynalov", "Mammadov", "Aliyev"]


@pytest.mark.parametrize(
    "query",
    [
        f"organisation={10**20}",
        "organisation=abc",
        "service=space_force",
        "has_trainer_profile=maybe",
        "page_size=101",
        "page_size=0",
        "search=a%00b",
    ],
)
def test_bad_people_query_values_are_a_clear_400(api_client_for, query):
    response = api_client_for("viewer").get(f"{PEOPLE}?{query}")

    assert response.status_code == 400
    assert response["Content-Type"] == "application/json"
    assert response.json()


def test_people_export_as_csv(api_client_for):
    ministry = OrganisationFactory(slug="mod")
    PersonFactory(family_name="Aliyev", organisation=ministry, nationality="AZ")
    TrainerFactory(person__family_name="Zeynalov", person__rank="=HYPERLINK()")

    response = api_client_for("viewer").get(f"{PEOPLE}?format=csv")

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert [row["family_name"] for row in rows] == ["Aliyev", "Zeynalov"]
    assert list(rows[0])[:4] == ["id", "uid", "family_name", "given_names"]
    assert (rows[0]["organisation.slug"], rows[0]["nationality"]) == ("mod", "AZ")
    assert (rows[0]["trainer"], rows[1]["trainer"]) == ("", str(Trainer.objects.get().pk))
    assert rows[1]["rank"] == "'=HYPERLINK()"


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


def trainer_names(client: APIClient, query: str) -> list[str]:
    response = client.get(f"{TRAINERS}?{query}")
    assert response.status_code == 200, response.json()
    return [row["person"]["full_name"] for row in response.json()["results"]]


def test_trainers_filter_by_affiliation_person_and_course(api_client_for):
    client = api_client_for("viewer")
    team = OrganisationFactory(slug="mtt")
    aliyev = TrainerFactory(person__family_name="Aliyev", person__given_names="", affiliation=team)
    dupont = TrainerFactory(person__family_name="Dupont", person__given_names="")
    first, second = CourseTrainerFactory.create_batch(2, trainer=dupont)
    CourseTrainerFactory(trainer=aliyev, course=second.course)

    assert trainer_names(client, f"affiliation={team.pk}") == ["Aliyev"]
    assert trainer_names(client, "affiliation_slug=mtt") == ["Aliyev"]
    assert trainer_names(client, f"person={dupont.person.pk}") == ["Dupont"]
    assert trainer_names(client, f"person_uid={aliyev.person.uid}") == ["Aliyev"]
    assert trainer_names(client, f"course={first.course.pk}") == ["Dupont"]
    assert trainer_names(client, f"course={second.course.pk}") == ["Aliyev", "Dupont"]


def test_filtering_trainers_by_course_counts_all_their_assignments(api_client_for):
    trainer = TrainerFactory()
    assignment, _other = CourseTrainerFactory.create_batch(2, trainer=trainer)

    response = api_client_for("viewer").get(f"{TRAINERS}?course={assignment.course.pk}")

    assert [row["assignment_count"] for row in response.json()["results"]] == [2]


def test_trainers_search_names_and_expertise_and_order(api_client_for):
    client = api_client_for("viewer")
    busy = TrainerFactory(person__family_name="Aliyev", person__given_names="Rashad")
    TrainerFactory(person__family_name="Dupont", person__given_names="Jean", expertise="Fuel")
    CourseTrainerFactory.create_batch(2, trainer=busy)

    assert trainer_names(client, "search=rashad") == ["Aliyev Rashad"]
    assert trainer_names(client, "search=dupont") == ["Dupont Jean"]
    assert trainer_names(client, "search=fuel") == ["Dupont Jean"]
    assert trainer_names(client, "ordering=-person__family_name") == [
        "Dupont Jean",
        "Aliyev Rashad",
    ]
    assert trainer_names(client, "ordering=assignment_count") == ["Dupont Jean", "Aliyev Rashad"]


@pytest.mark.parametrize(
    "query",
    [
        f"course={10**20}",
        "course=abc",
        f"affiliation={10**20}",
        "person=abc",
        "person_uid=not-a-uid",
        "page_size=101",
        "search=a%00b",
    ],
)
def test_bad_trainer_query_values_are_a_clear_400(api_client_for, query):
    response = api_client_for("viewer").get(f"{TRAINERS}?{query}")

    assert response.status_code == 400
    assert response["Content-Type"] == "application/json"
    assert response.json()


def test_trainers_export_as_csv(api_client_for):
    trainer = TrainerFactory(person__family_name="Aliyev", affiliation=OrganisationFactory())
    CourseTrainerFactory(trainer=trainer)

    response = api_client_for("viewer").get(f"{TRAINERS}?format=csv")

    assert response.status_code == 200
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert len(rows) == 1
    assert list(rows[0])[:3] == ["id", "person.id", "person.uid"]
    assert rows[0]["person.uid"] == str(trainer.person.uid)
    assert rows[0]["affiliation.slug"] == trainer.affiliation.slug
    assert rows[0]["assignment_count"] == "1"


@pytest.mark.parametrize("page_size", [1, 100])
def test_the_people_list_runs_a_constant_number_of_queries(
    api_client_for, django_assert_num_queries, page_size
):
    client = api_client_for("viewer")
    ministry = OrganisationFactory()
    for trainer in TrainerFactory.create_batch(120, person__organisation=ministry):
        EnrolmentFactory(person=trainer.person)

    # token, user permissions, group permissions, count, page (organisation and profile joined)
    with django_assert_num_queries(5):
        response = client.get(f"{PEOPLE}?page_size={page_size}")

    assert len(response.json()["results"]) == page_size
    assert response.json()["results"][0]["trainer"] is not None


@pytest.mark.parametrize("page_size", [1, 100])
def test_the_trainer_list_runs_a_constant_number_of_queries(
    api_client_for, django_assert_num_queries, page_size
):
    client = api_client_for("viewer")
    team = OrganisationFactory()
    for trainer in TrainerFactory.create_batch(120, affiliation=team):
        CourseTrainerFactory(trainer=trainer)

    # token, user permissions, group permissions, count, page (person and affiliation joined)
    with django_assert_num_queries(5):
        response = client.get(f"{TRAINERS}?page_size={page_size}")

    assert len(response.json()["results"]) == page_size
    assert response.json()["results"][0]["assignment_count"] == 1
