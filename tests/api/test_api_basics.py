"""What every API answer shares: JSON errors, authentication, schema and docs."""

from io import StringIO

import pytest
import yaml
from django.core.management import call_command
from openapi_spec_validator import validate
from rest_framework.exceptions import NotAcceptable
from rest_framework.renderers import JSONRenderer
from rest_framework.request import Request
from rest_framework.test import APIRequestFactory

from apps.core.api.exceptions import exception_handler
from tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db


def test_the_api_root_lists_every_resource(api_client):
    response = api_client.get("/api/v1/")

    assert response.status_code == 200
    assert set(response.json()) == {
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
        "reports/programme-figures",
        "reports/participants-trained",
        "reports/certificates-issued",
    }
    assert response.json()["courses"] == "http://testserver/api/v1/courses/"


def test_the_api_roots_links_carry_no_query_string(api_client):
    response = api_client.get("/api/v1/?format=json")

    assert response.status_code == 200
    links = response.json()
    assert links["courses"] == "http://testserver/api/v1/courses/"
    assert all("?" not in link for link in links.values())


def test_pagination_links_keep_the_query_that_chose_the_page(api_client):
    OrganisationFactory.create_batch(3)

    response = api_client.get("/api/v1/organisations/?format=json&page_size=1&ordering=slug")

    assert response.status_code == 200
    assert response.json()["next"] == (
        "http://testserver/api/v1/organisations/?format=json&ordering=slug&page=2&page_size=1"
    )


@pytest.mark.parametrize("debug", [False, True])
def test_an_unknown_api_address_answers_json_404(api_client, settings, debug):
    settings.DEBUG = debug

    response = api_client.get("/api/v1/no-such-thing/")

    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"
    assert response.json() == {"detail": "Not found."}


def test_an_unknown_record_answers_json_404(api_client):
    response = api_client.get("/api/v1/organisations/999999/")

    assert response.status_code == 404
    assert response.json() == {"detail": "No organisation matches the given query."}


def test_a_method_the_resource_does_not_allow_answers_json_405(api_client_for):
    response = api_client_for("superuser").delete("/api/v1/organisations/")

    assert response.status_code == 405
    assert response.json() == {"detail": 'Method "DELETE" not allowed.'}


def test_malformed_json_is_a_clear_400(api_client_for):
    response = api_client_for("registrar").post(
        "/api/v1/organisations/", data='{"slug": "x",', content_type="application/json"
    )

    assert response.status_code == 400
    assert "JSON parse error" in response.json()["detail"]


def test_a_wrong_token_is_refused_with_401(api_client):
    api_client.credentials(HTTP_AUTHORIZATION="Token not-a-real-token")

    response = api_client.get("/api/v1/organisations/")

    assert response.status_code == 401
    assert response.json() == {"detail": "Invalid token."}


def test_a_token_made_with_the_management_command_authenticates(api_client, viewer):
    output = StringIO()
    call_command("create_api_token", viewer.username, stdout=output, stderr=StringIO())
    key = output.getvalue().strip()
    api_client.credentials(HTTP_AUTHORIZATION=f"Token {key}")

    response = api_client.get("/api/v1/people/")

    assert response.status_code == 200


def test_the_schema_is_valid_openapi_and_documents_errors(api_client):
    response = api_client.get("/api/schema/")

    assert response.status_code == 200
    schema = yaml.safe_load(response.content)
    validate(schema)
    create = schema["paths"]["/api/v1/organisations/"]["post"]["responses"]
    assert {"201", "400", "401", "403"} <= set(create)
    assert "404" in schema["paths"]["/api/v1/organisations/{id}/"]["get"]["responses"]


def test_schema_generation_emits_no_warnings():
    output = StringIO()

    call_command("spectacular", "--validate", "--fail-on-warn", stdout=output)

    assert "openapi: 3.0.3" in output.getvalue()


def test_the_interactive_docs_are_served_without_a_cdn(api_client):
    response = api_client.get("/api/docs/")

    assert response.status_code == 200
    page = response.content.decode()
    assert "/static/drf_spectacular_sidecar/swagger-ui-dist/" in page
    assert "cdn.jsdelivr.net" not in page
    assert "unpkg.com" not in page


def test_the_schema_documents_the_largest_page_size(api_client):
    schema = yaml.safe_load(api_client.get("/api/schema/").content)

    parameters = schema["paths"]["/api/v1/courses/"]["get"]["parameters"]
    page_size = next(parameter for parameter in parameters if parameter["name"] == "page_size")
    assert "1 to 100" in page_size["description"]


def test_an_unacceptable_accept_header_is_a_json_406(api_client):
    response = api_client.get("/api/v1/organisations/", HTTP_ACCEPT="application/pdf")

    assert response.status_code == 406
    assert response["Content-Type"] == "application/json"
    assert "Could not satisfy the request Accept header" in response.json()["detail"]


def test_the_public_verification_api_documents_no_401_or_403(api_client):
    schema = yaml.safe_load(api_client.get("/api/schema/").content)

    responses = schema["paths"]["/api/v1/verify/{code}/"]["get"]["responses"]
    assert set(responses) == {"200", "404", "429"}
    assert "401" in schema["paths"]["/api/v1/people/"]["get"]["responses"]


def test_errors_raised_before_a_renderer_is_chosen_are_rendered_as_json():
    request = Request(APIRequestFactory().get("/api/v1/courses/1/certificates.zip"))

    response = exception_handler(NotAcceptable(), {"request": request})

    assert response.status_code == 406
    assert isinstance(request.accepted_renderer, JSONRenderer)
    assert request.accepted_media_type == "application/json"


@pytest.mark.parametrize("resource", ["courses", "enrolments", "programmes", "course-trainers"])
def test_the_browsable_api_shows_a_list_with_its_forms_to_a_superuser(admin_client, seed, resource):
    """Its forms offer related records by id: their summaries (objects) cannot key a choice."""
    response = admin_client.get(f"/api/v1/{resource}/", HTTP_ACCEPT="text/html")

    assert response.status_code == 200
    assert b"<form" in response.content
