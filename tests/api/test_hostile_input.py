"""Whatever a client sends, the API answers 2xx or 4xx JSON, never a 500.

The endpoints, their query parameters and their request fields are read from the OpenAPI
schema, so a new filter or field is swept automatically.
"""

import pytest
from drf_spectacular.generators import SchemaGenerator

from tests.factories import CertificateFactory, CourseTrainerFactory, SourceFactory

pytestmark = pytest.mark.django_db

HOSTILE_VALUES = [
    "0",
    "-1",
    "99999999999999999999999999",
    "1e309",
    "abc",
    "a\x00b",
    "2026-13-45",
    "0000-00-00",
    "",
    "ü" * 300,
    "1,2,abc",
    "true",
]
HOSTILE_FIELD_VALUES = [None, -1, 10**30, "a\x00b", "x" * 5000, ["list"], {"id": "nope"}, True, 1.5]


def _schema() -> dict:
    return SchemaGenerator().get_schema(request=None, public=True)


def _list_endpoints() -> list[tuple[str, list[str]]]:
    endpoints = []
    for path, operations in _schema()["paths"].items():
        if "{" in path or "get" not in operations or not path.startswith("/api/v1/"):
            continue
        names = [p["name"] for p in operations["get"].get("parameters", []) if p["in"] == "query"]
        endpoints.append((path, names))
    return endpoints


def _create_endpoints() -> list[tuple[str, list[str]]]:
    schema = _schema()
    endpoints = []
    for path, operations in schema["paths"].items():
        # An action on a record, or one that reads no body (logging out).
        if "{" in path or "requestBody" not in operations.get("post", {}):
            continue
        content = operations["post"].get("requestBody", {}).get("content", {})
        reference = content.get("application/json", {}).get("schema", {}).get("$ref", "")
        component = schema["components"]["schemas"].get(reference.rsplit("/", 1)[-1], {})
        endpoints.append((path, sorted(component.get("properties", {}))))
    return endpoints


@pytest.fixture
def records(seed):
    CertificateFactory()
    CourseTrainerFactory()
    SourceFactory()


@pytest.mark.parametrize(("path", "parameters"), _list_endpoints())
def test_hostile_query_values_never_cause_a_server_error(api_client_for, records, path, parameters):
    client = api_client_for("superuser")
    assert parameters, f"{path} documents no query parameters"

    for name in parameters:
        for value in HOSTILE_VALUES:
            response = client.get(path, {name: value})
            assert response.status_code < 500, (path, name, value)
            assert response["Content-Type"].split(";")[0] in {
                "application/json",
                "text/csv",
                # The import template, an empty workbook whatever the query says.
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            }


@pytest.mark.parametrize(("path", "fields"), _create_endpoints())
def test_hostile_request_bodies_never_cause_a_server_error(api_client_for, records, path, fields):
    client = api_client_for("superuser")
    assert fields, f"{path} documents no request fields"

    for body in ("not json", "[]", '"text"', "null", "{}", '{"a": ' * 50 + "1" + "}" * 50):
        response = client.post(path, data=body, content_type="application/json")
        assert response.status_code < 500, (path, body[:20])
    for name in fields:
        for value in HOSTILE_FIELD_VALUES:
            response = client.post(path, {name: value}, format="json")
            assert response.status_code < 500, (path, name, value)
            assert response["Content-Type"] == "application/json"
