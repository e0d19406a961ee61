"""The people list in the API: filters, search, order, CSV and its query count."""

import csv
import io

import pytest
from rest_framework.test import APIClient

from apps.people.models import Trainer
from tests.factories import EnrolmentFactory, OrganisationFactory, PersonFactory, TrainerFactory
from tests.people.helpers import PEOPLE

pytestmark = pytest.mark.django_db


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
