"""The API's page parameters, as an outside fuzzer pinned them."""

import pytest

from apps.core.api.pagination import PAGE_ERROR, PAGE_SIZE_ERROR
from tests.api.contract import api_schema, assert_json_error
from tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("value", ["²", "①", "١٠", "0", "101", "-1", " 5"])
def test_a_page_size_that_is_not_an_ascii_number_in_range_is_a_400(api_client, value):
    response = api_client.get("/api/v1/courses/", {"page_size": value})

    assert response.status_code == 400
    assert response.json() == {"page_size": [PAGE_SIZE_ERROR]}


@pytest.mark.parametrize("value", ["0", "-1", "²", "abc", ""])
def test_a_page_number_that_is_not_one_is_a_400(api_client, value):
    response = api_client.get("/api/v1/courses/", {"page": value})

    assert response.status_code == 400
    assert response.json() == {"page": [PAGE_ERROR]}


def test_page_last_is_the_last_page(api_client):
    OrganisationFactory.create_batch(3)

    response = api_client.get("/api/v1/organisations/", {"page": "last", "page_size": 2})

    assert response.status_code == 200
    assert len(response.json()["results"]) == 1
    assert response.json()["next"] is None


def test_a_page_past_the_last_is_a_documented_json_404(api_client):
    response = api_client.get("/api/v1/organisations/", {"page": 2})

    assert_json_error(response, 404)
    list_operation = api_schema()["paths"]["/api/v1/organisations/"]["get"]
    assert "404" in list_operation["responses"]
    page = next(p for p in list_operation["parameters"] if p["name"] == "page")
    assert page["schema"]["minimum"] == 1


def test_the_schema_bounds_the_page_size(api_client):
    list_operation = api_schema()["paths"]["/api/v1/courses/"]["get"]
    page_size = next(p for p in list_operation["parameters"] if p["name"] == "page_size")

    assert page_size["schema"]["minimum"] == 1
    assert page_size["schema"]["maximum"] == 100
