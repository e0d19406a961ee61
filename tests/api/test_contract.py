"""The answers an outside fuzzer found outside the schema, each pinned by a test.

The fuzz run itself (``test_schema_fuzz.py``) keeps the whole contract held; these name the
cases it found, so a regression says what broke.
"""

import json

import pytest
from django.test import Client
from drf_spectacular.generators import SchemaGenerator

from apps.core.api.filters import MAX_RECORD_ID
from apps.core.api.middleware import BODY_TOO_LARGE, CSRF_FAILED, MALFORMED_BODY
from apps.core.api.pagination import PAGE_ERROR, PAGE_SIZE_ERROR
from apps.organisations.models import Organisation
from apps.sources.models import Source
from tests.factories import OrganisationFactory, SourceFactory

pytestmark = pytest.mark.django_db

RESOURCES = [
    "organisations",
    "programmes",
    "courses",
    "course-parts",
    "course-trainers",
    "people",
    "trainers",
    "enrolments",
    "certificates",
    "sources",
    "import-batches",
]


def _schema() -> dict:
    return SchemaGenerator().get_schema(request=None, public=True)


def _assert_json_error(response, status: int) -> dict:
    assert response.status_code == status, response.content[:200]
    assert response["Content-Type"] == "application/json"
    body = json.loads(response.content)
    assert isinstance(body["detail"], str)
    return body


def test_every_resource_documents_csv_on_its_list_and_nowhere_else():
    """CSV as a format of records is on lists only; a .csv file download is its own content."""
    spreadsheets = {
        ("get", "/api/v1/courses/{id}/enrolments.csv"),
        ("get", "/api/v1/enrolments/import-template.csv"),
        ("get", "/api/v1/reports/courses/{id}/attendance.csv"),
    }
    reports = {
        "reports/programme-figures",
        "reports/participants-trained",
        "reports/certificates-issued",
    }
    offering_csv = {
        (method, path)
        for path, operations in _schema()["paths"].items()
        for method, operation in operations.items()
        for response in operation["responses"].values()
        if "text/csv" in response.get("content", {})
    }

    assert offering_csv - spreadsheets == {
        ("get", f"/api/v1/{resource}/") for resource in [*RESOURCES, *reports]
    }


@pytest.mark.parametrize("method", ["get", "put", "patch", "delete"])
def test_a_record_asked_for_as_csv_is_a_json_404_and_nothing_changes(api_client_for, method):
    organisation = OrganisationFactory(name_en="Ministry of Defence")
    client = api_client_for("superuser")

    response = getattr(client, method)(
        f"/api/v1/organisations/{organisation.pk}/?format=csv",
        {"name_en": "Renamed"} if method in {"put", "patch"} else None,
        format="json",
    )

    _assert_json_error(response, 404)
    organisation.refresh_from_db()
    assert organisation.name_en == "Ministry of Defence"


@pytest.mark.parametrize("method", ["put", "patch", "delete", "trace"])
def test_a_method_a_list_lacks_is_a_405_even_asked_for_as_csv(api_client_for, method):
    client = api_client_for("superuser")

    response = client.generic(method.upper(), "/api/v1/organisations/?format=csv")

    _assert_json_error(response, 405)


def test_a_create_asked_for_as_csv_is_a_json_404_and_creates_nothing(api_client_for):
    response = api_client_for("superuser").post(
        "/api/v1/sources/?format=csv",
        {"slug": "asked-as-csv", "kind": "news", "title": "A report"},
        format="json",
    )

    _assert_json_error(response, 404)
    assert not Source.objects.filter(slug="asked-as-csv").exists()


def test_a_delete_asked_for_as_csv_deletes_nothing(api_client_for):
    source = SourceFactory()

    response = api_client_for("superuser").delete(f"/api/v1/sources/{source.pk}/?format=csv")

    _assert_json_error(response, 404)
    assert Source.objects.filter(pk=source.pk).exists()


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

    _assert_json_error(response, 404)
    list_operation = _schema()["paths"]["/api/v1/organisations/"]["get"]
    assert "404" in list_operation["responses"]
    page = next(p for p in list_operation["parameters"] if p["name"] == "page")
    assert page["schema"]["minimum"] == 1


def test_the_schema_bounds_the_page_size(api_client):
    list_operation = _schema()["paths"]["/api/v1/courses/"]["get"]
    page_size = next(p for p in list_operation["parameters"] if p["name"] == "page_size")

    assert page_size["schema"]["minimum"] == 1
    assert page_size["schema"]["maximum"] == 100


@pytest.fixture
def browser_session(superuser) -> Client:
    client = Client(enforce_csrf_checks=True)
    client.force_login(superuser)
    return client


@pytest.mark.parametrize("path", ["/api/v1/organisations/", "/api/v1/no-such-thing/"])
def test_a_session_write_without_a_csrf_token_is_a_json_403(browser_session, path):
    response = browser_session.post(path, {"name_en": "x"}, content_type="application/json")

    body = _assert_json_error(response, 403)
    assert "CSRF" in body["detail"]
    assert not Organisation.objects.filter(name_en="x").exists()


def test_the_csrf_failure_of_an_api_path_is_the_one_error_shape(browser_session):
    response = browser_session.post("/api/v1/no-such-thing/", {})

    assert _assert_json_error(response, 403) == {"detail": CSRF_FAILED}


def test_the_admin_keeps_djangos_html_csrf_page(browser_session):
    response = browser_session.post("/admin/organisations/organisation/add/", {"name": "x"})

    assert response.status_code == 403
    assert response["Content-Type"].startswith("text/html")


@pytest.mark.parametrize("debug", [False, True])
def test_a_body_over_the_upload_limit_is_a_json_400(api_client_for, settings, debug):
    settings.DEBUG = debug
    body = json.dumps({"name": "x" * (settings.DATA_UPLOAD_MAX_MEMORY_SIZE + 1)})

    response = api_client_for("superuser").post(
        "/api/v1/organisations/", body, content_type="application/json"
    )

    assert _assert_json_error(response, 400) == {"detail": BODY_TOO_LARGE}
    assert not Organisation.objects.exists()


def test_a_form_body_over_the_upload_limit_is_a_json_400(api_client_for, settings):
    body = "name=" + "x" * (settings.DATA_UPLOAD_MAX_MEMORY_SIZE + 1)

    response = api_client_for("superuser").post(
        "/api/v1/organisations/", body, content_type="application/x-www-form-urlencoded"
    )

    assert _assert_json_error(response, 400) == {"detail": BODY_TOO_LARGE}


def test_a_malformed_multipart_body_is_a_json_400(api_client_for):
    response = api_client_for("superuser").post(
        "/api/v1/organisations/",
        b"--nope\r\nContent-Disposition: form-data\r\n\r\nx",
        content_type="multipart/form-data; boundary=",
    )

    body = _assert_json_error(response, 400)
    assert body["detail"] in {MALFORMED_BODY, body["detail"]}


def test_an_unsupported_media_type_is_a_json_415(api_client_for):
    response = api_client_for("superuser").post(
        "/api/v1/organisations/", b"<x/>", content_type="application/xml"
    )

    _assert_json_error(response, 415)


@pytest.mark.parametrize("method", ["get", "post", "put", "patch", "delete"])
def test_an_unknown_api_path_is_a_json_404_whatever_the_method(api_client_for, method):
    response = getattr(api_client_for("superuser"), method)("/api/v1/no-such-thing/")

    _assert_json_error(response, 404)


def test_a_method_an_operation_does_not_have_is_a_json_405_with_allow(api_client_for):
    response = api_client_for("superuser").put("/api/v1/courses/")

    _assert_json_error(response, 405)
    assert "GET" in response["Allow"]


def test_an_error_raised_by_django_itself_under_the_api_is_json(client, settings):
    settings.DEBUG = True

    response = client.get("/api/schema/", HTTP_HOST="not-allowed.example")

    _assert_json_error(response, 400)


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
    schema = _schema()
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
    parameter = _query_parameter(_schema(), resource, name)

    assert parameter["schema"] == {"type": "integer", "minimum": 1, "maximum": 9999}


def test_the_courses_list_documents_the_403_of_its_personal_filters():
    responses = _schema()["paths"]["/api/v1/courses/"]["get"]["responses"]

    assert {"401", "403"} <= set(responses)


def test_request_bodies_are_documented_as_json_only():
    # A form cannot carry null, nested objects or lists as the request schemas describe them.
    # A file upload is the one exception: its file comes as multipart, its options as fields.
    uploads = {("post", "/api/v1/courses/{id}/enrolments/import/")}
    documented = {
        (method, path): set(operation.get("requestBody", {}).get("content", {}))
        for path, operations in _schema()["paths"].items()
        for method, operation in operations.items()
        if operation.get("requestBody")
    }

    assert {key: types for key, types in documented.items() if key not in uploads} == {
        key: {"application/json"} for key in documented if key not in uploads
    }
    assert all(documented[upload] == {"multipart/form-data"} for upload in uploads)


def test_a_related_record_in_a_request_body_is_documented_as_an_id_from_1():
    properties = _schema()["components"]["schemas"]["OrganisationRequest"]["properties"]

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
    assert _query_parameter(_schema(), resource, name)["allowEmptyValue"] is True


def test_the_schema_lists_the_languages_a_source_filter_accepts(api_client):
    parameter = _query_parameter(_schema(), "sources", "language")
    refused = api_client.get("/api/v1/sources/", {"language": "if"})

    assert "fr" in parameter["schema"]["enum"]
    assert "if" not in parameter["schema"]["enum"]
    assert refused.status_code == 400
