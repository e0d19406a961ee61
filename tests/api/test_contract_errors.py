"""The API's error answers, as an outside fuzzer pinned them: always JSON, one shape."""

import json

import pytest
from django.test import Client

from apps.core.api.middleware import BODY_TOO_LARGE, CSRF_FAILED, MALFORMED_BODY
from apps.organisations.models import Organisation
from tests.api.contract import assert_json_error

pytestmark = pytest.mark.django_db


@pytest.fixture
def browser_session(superuser) -> Client:
    client = Client(enforce_csrf_checks=True)
    client.force_login(superuser)
    return client


@pytest.mark.parametrize("path", ["/api/v1/organisations/", "/api/v1/no-such-thing/"])
def test_a_session_write_without_a_csrf_token_is_a_json_403(browser_session, path):
    response = browser_session.post(path, {"name_en": "x"}, content_type="application/json")

    body = assert_json_error(response, 403)
    assert "CSRF" in body["detail"]
    assert not Organisation.objects.filter(name_en="x").exists()


def test_the_csrf_failure_of_an_api_path_is_the_one_error_shape(browser_session):
    response = browser_session.post("/api/v1/no-such-thing/", {})

    assert assert_json_error(response, 403) == {"detail": CSRF_FAILED}


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

    assert assert_json_error(response, 400) == {"detail": BODY_TOO_LARGE}
    assert not Organisation.objects.exists()


def test_a_form_body_over_the_upload_limit_is_a_json_400(api_client_for, settings):
    body = "name=" + "x" * (settings.DATA_UPLOAD_MAX_MEMORY_SIZE + 1)

    response = api_client_for("superuser").post(
        "/api/v1/organisations/", body, content_type="application/x-www-form-urlencoded"
    )

    assert assert_json_error(response, 400) == {"detail": BODY_TOO_LARGE}


def test_a_malformed_multipart_body_is_a_json_400(api_client_for):
    response = api_client_for("superuser").post(
        "/api/v1/organisations/",
        b"--nope\r\nContent-Disposition: form-data\r\n\r\nx",
        content_type="multipart/form-data; boundary=",
    )

    body = assert_json_error(response, 400)
    assert body["detail"] in {MALFORMED_BODY, body["detail"]}


def test_an_unsupported_media_type_is_a_json_415(api_client_for):
    response = api_client_for("superuser").post(
        "/api/v1/organisations/", b"<x/>", content_type="application/xml"
    )

    assert_json_error(response, 415)


@pytest.mark.parametrize("method", ["get", "post", "put", "patch", "delete"])
def test_an_unknown_api_path_is_a_json_404_whatever_the_method(api_client_for, method):
    response = getattr(api_client_for("superuser"), method)("/api/v1/no-such-thing/")

    assert_json_error(response, 404)


def test_a_method_an_operation_does_not_have_is_a_json_405_with_allow(api_client_for):
    response = api_client_for("superuser").put("/api/v1/courses/")

    assert_json_error(response, 405)
    assert "GET" in response["Allow"]


def test_an_error_raised_by_django_itself_under_the_api_is_json(client, settings):
    settings.DEBUG = True

    response = client.get("/api/schema/", HTTP_HOST="not-allowed.example")

    assert_json_error(response, 400)
