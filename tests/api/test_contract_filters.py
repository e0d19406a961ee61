"""The API's filters and request bodies: as an outside fuzzer pinned them, as the schema says."""

import pytest

from apps.core.api.filters import MAX_RECORD_ID
from tests.api.contract import api_schema

pytestmark = pytest.mark.django_db


# Every filter that takes a related record's id, as (resource, filter).
ID_FILTERS = [
    ("organisations", "parent"),
    ("programmes", "partner"),
    ("programmes", "nato_side"),
    ("courses", "programme"),
    ("courses", "delivered_by"),
    ("courses", "organised_by"),
    ("courses", "organisation"),
    ("courses", "person"),
    ("courses", "trainer"),
    ("course-parts", "course"),
    ("course-trainers", "course"),
    ("course-trainers", "trainer"),
    ("people", "organisation"),
    ("trainers", "person"),
    ("trainers", "affiliation"),
    ("trainers", "course"),
    ("enrolments", "course"),
    ("enrolments", "person"),
    ("enrolments", "programme"),
    ("certificates", "course"),
    ("certificates", "person"),
    ("certificates", "issued_by"),
    ("sources", "publisher"),
    ("sources", "programme"),
    ("sources", "course"),
    ("sources", "reported_from"),
    *(
        (f"reports/{report}", name)
        for report in ("programme-figures", "participants-trained", "certificates-issued")
        for name in ("programme", "partner", "issuer")
    ),
]


YEAR_FILTERS = [
    ("programmes", "year"),
    ("programmes", "start_year_after"),
    ("programmes", "start_year_before"),
    ("courses", "year"),
    ("enrolments", "year"),
    ("certificates", "year"),
]


def _query_parameter(schema: dict, resource: str, name: str) -> dict:
    operation = schema["paths"][f"/api/v1/{resource}/"]["get"]
    return next(p for p in operation["parameters"] if p["name"] == name)


# Filters that narrow figures rather than choose rows: the programme figures' issuer counts
# only that issuer's certificates, and every course's row stays (with none).
FIGURE_NARROWING_FILTERS = [("reports/programme-figures", "issuer")]


@pytest.mark.parametrize(
    ("resource", "name"), [f for f in ID_FILTERS if f not in FIGURE_NARROWING_FILTERS]
)
def test_a_filter_given_an_id_no_record_has_is_an_empty_list(api_client_for, seed, resource, name):
    response = api_client_for("superuser").get(f"/api/v1/{resource}/", {name: 987654321})

    assert response.status_code == 200, response.content[:200]
    assert response.json()["count"] == 0
    assert response.json()["results"] == []


@pytest.mark.parametrize("value", ["0", "-1", str(MAX_RECORD_ID + 1), "1.5", "abc"])
@pytest.mark.parametrize(
    ("resource", "name"), [("organisations", "parent"), ("courses", "trainer")]
)
def test_an_id_filter_given_what_cannot_be_an_id_is_a_400(api_client_for, resource, name, value):
    response = api_client_for("superuser").get(f"/api/v1/{resource}/", {name: value})

    assert response.status_code == 400
    assert list(response.json()) == [name]


def test_the_schema_documents_every_id_filter_as_an_id_from_1():
    schema = api_schema()
    documented = {
        (path.removeprefix("/api/v1/").rstrip("/"), parameter["name"])
        for path, operations in schema["paths"].items()
        if path.startswith("/api/v1/") and "{" not in path and "get" in operations
        for parameter in operations["get"].get("parameters", [])
        if parameter["schema"].get("maximum") == MAX_RECORD_ID
    }

    assert documented == set(ID_FILTERS)
    for resource, name in ID_FILTERS:
        assert _query_parameter(schema, resource, name)["schema"] == {
            "type": "integer",
            "minimum": 1,
            "maximum": MAX_RECORD_ID,
        }


@pytest.mark.parametrize(("resource", "name"), YEAR_FILTERS)
def test_the_schema_documents_year_filters_as_whole_years_from_1_to_9999(resource, name):
    parameter = _query_parameter(api_schema(), resource, name)

    assert parameter["schema"] == {"type": "integer", "minimum": 1, "maximum": 9999}


def test_the_courses_list_documents_the_403_of_its_personal_filters():
    responses = api_schema()["paths"]["/api/v1/courses/"]["get"]["responses"]

    assert {"401", "403"} <= set(responses)


def test_request_bodies_are_documented_as_json_only():
    # A form cannot carry null, nested objects or lists as the request schemas describe them.
    # A file upload is the one exception: its file comes as multipart, its options as fields.
    uploads = {("post", "/api/v1/courses/{id}/enrolments/import/")}
    documented = {
        (method, path): set(operation.get("requestBody", {}).get("content", {}))
        for path, operations in api_schema()["paths"].items()
        for method, operation in operations.items()
        if operation.get("requestBody")
    }

    assert {key: types for key, types in documented.items() if key not in uploads} == {
        key: {"application/json"} for key in documented if key not in uploads
    }
    assert all(documented[upload] == {"multipart/form-data"} for upload in uploads)


def test_a_related_record_in_a_request_body_is_documented_as_an_id_from_1():
    properties = api_schema()["components"]["schemas"]["OrganisationRequest"]["properties"]

    assert properties["parent"]["type"] == "integer"
    assert properties["parent"]["minimum"] == 1


@pytest.mark.parametrize(
    ("resource", "name"), [("courses", "start_before"), ("sources", "published_before")]
)
def test_an_empty_filter_value_is_no_filter_and_documented_as_allowed(
    api_client, seed, resource, name
):
    unfiltered = api_client.get(f"/api/v1/{resource}/")
    response = api_client.get(f"/api/v1/{resource}/", {name: ""})

    assert response.status_code == 200
    assert response.json()["count"] == unfiltered.json()["count"] > 0
    assert _query_parameter(api_schema(), resource, name)["allowEmptyValue"] is True


def test_the_schema_lists_the_languages_a_source_filter_accepts(api_client):
    parameter = _query_parameter(api_schema(), "sources", "language")
    refused = api_client.get("/api/v1/sources/", {"language": "if"})

    assert "fr" in parameter["schema"]["enum"]
    assert "if" not in parameter["schema"]["enum"]
    assert refused.status_code == 400
