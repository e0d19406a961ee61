"""The trainer list in the API: filters, search, order, CSV and its query count."""

import csv
import io

import pytest
from rest_framework.test import APIClient

from tests.factories import CourseTrainerFactory, OrganisationFactory, TrainerFactory
from tests.people.helpers import TRAINERS

pytestmark = pytest.mark.django_db


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
