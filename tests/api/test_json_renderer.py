"""The API's JSON is encoded by orjson, and reads byte for byte as DRF's own encoder wrote it."""

import pytest
from rest_framework.renderers import JSONRenderer as DRFJSONRenderer

from apps.core.api.renderers import JSONRenderer
from tests.factories import CertificateFactory, CourseFactory, OrganisationFactory

pytestmark = pytest.mark.django_db


def test_a_list_is_byte_for_byte_what_drfs_encoder_writes(api_client_for):
    CourseFactory(title_en="Logistics in Bakı", city="Tbilisi", delivered_by=OrganisationFactory())
    CertificateFactory()  # dates, times, nested records, a list of languages

    for resource in ("courses", "certificates"):
        response = api_client_for("superuser").get(f"/api/v1/{resource}/")

        assert response.status_code == 200
        assert isinstance(response.accepted_renderer, JSONRenderer)
        assert response.content == DRFJSONRenderer().render(response.data)


def test_line_and_paragraph_separators_are_escaped_as_drf_escapes_them(api_client):
    OrganisationFactory(name_en="Ministry\u2028of\u2029Defence")

    response = api_client.get("/api/v1/organisations/")

    assert b"Ministry\\u2028of\\u2029Defence" in response.content
    assert response.content == DRFJSONRenderer().render(response.data)
    assert response.json()["results"][0]["name"] == "Ministry\u2028of\u2029Defence"


def test_an_answer_asked_for_indented_is_indented(api_client):
    OrganisationFactory()

    response = api_client.get("/api/v1/organisations/", HTTP_ACCEPT="application/json; indent=2")

    assert response.content.startswith(b'{\n  "count": 1,')


def test_an_error_is_json_as_before(api_client):
    response = api_client.get("/api/v1/organisations/", {"page_size": "0"})

    assert response.status_code == 400
    assert response.content == DRFJSONRenderer().render(response.data)
