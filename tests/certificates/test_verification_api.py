"""The public verification API: the four states as JSON, privacy, and the shared throttle."""

import pytest
from django.test import Client
from django.utils import timezone

from apps.certificates.models import Certificate
from apps.certificates.services import certificate_revoke, certificate_supersede
from tests.factories import (
    CertificateFactory,
    CourseFactory,
    EnrolmentFactory,
    OrganisationFactory,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("fresh_throttle_counts")]

API = "/api/v1/verify/"
LOOKUP = "/verify/"
PRIVATE_VALUES = ("s.aliyev@example.az", "1988-05-17", "Secret Unit 777", '"TR"')


@pytest.fixture
def certificate(private_holder) -> Certificate:
    person = private_holder
    course = CourseFactory(title_en="Logistics Planning in NATO", title_fr="")
    issuer = OrganisationFactory(
        serial_prefix="TESTCMD", name_en="Test Command", name_fr="Commandement d’essai"
    )
    return CertificateFactory(
        enrolment=EnrolmentFactory(person=person, course=course, completed=True),
        issued_by=issuer,
        serial="TESTCMD-2026-000500",
    )


def url(certificate: Certificate) -> str:
    return f"{API}{certificate.verification_code}/"


def page(certificate: Certificate) -> str:
    return f"/verify/{certificate.verification_code}/"


def test_a_valid_certificate_answers_exactly_what_it_prints(api_client, certificate):
    response = api_client.get(url(certificate))

    assert response.status_code == 200
    assert response.json() == {
        "state": "valid",
        "certificate": {
            "serial": "TESTCMD-2026-000500",
            "holder_name": "Əliyev Şəhriyar Ağa oğlu",
            "course_title_en": "Logistics Planning in NATO",
            # No French title: the certificate prints the English one in both columns.
            "course_title_fr": "Logistics Planning in NATO",
            "course_start": "2026-03-02",
            "course_end": "2026-03-06",
            "course_city": "Baku",
            "course_country": "AZ",
            "programme_title_en": certificate.programme_title_en,
            "programme_title_fr": certificate.programme_title_fr,
            "issuer_name_en": "Test Command",
            "issuer_name_fr": "Commandement d’essai",
            "issued_on": "2026-03-06",
            "languages": ["en", "fr"],
            "status": "valid",
        },
        "revoked_on": None,
        "superseded_by": None,
        "current": None,
    }
    assert "no-cache" in response["Cache-Control"]


def test_the_answer_holds_no_personal_data_beyond_the_certificate(api_client, certificate):
    other = CertificateFactory(
        enrolment=EnrolmentFactory(person=certificate.enrolment.person, completed=True)
    )

    body = api_client.get(url(certificate)).content.decode()

    for private in PRIVATE_VALUES:
        assert private not in body
    assert str(certificate.enrolment.person.uid) not in body
    assert certificate.verification_code not in body
    assert other.serial not in body
    assert other.verification_code not in body
    assert '"enrolment"' not in body
    assert '"id"' not in body


def test_a_revoked_certificate_answers_its_revocation_date_but_not_the_reason(
    api_client, certificate
):
    certificate_revoke(certificate=certificate, reason="Secret reason: fraud", user=None)

    response = api_client.get(url(certificate))

    body = response.json()
    assert response.status_code == 200
    assert body["state"] == "revoked"
    assert body["certificate"]["status"] == "revoked"
    assert body["revoked_on"] == timezone.localdate().isoformat()
    assert body["superseded_by"] is None
    assert "Secret reason" not in response.content.decode()


def test_a_superseded_certificate_names_and_links_the_one_that_replaced_it(api_client, certificate):
    new = certificate_supersede(
        certificate=certificate, reason="Spelling", corrections={"holder_name": "Aliyev S."}
    )

    response = api_client.get(url(certificate))

    body = response.json()
    assert response.status_code == 200
    assert body["state"] == "superseded"
    assert body["revoked_on"] is None
    assert (
        body["superseded_by"]
        == body["current"]
        == {
            "serial": new.serial,
            "state": "valid",
            "verification_url": new.verification_url(),
        }
    )
    assert body["certificate"]["holder_name"] == "Əliyev Şəhriyar Ağa oğlu"
    assert "Spelling" not in response.content.decode()
    successor = api_client.get(url(new)).json()
    assert successor["state"] == "valid"
    assert successor["certificate"]["holder_name"] == "Aliyev S."


def test_a_certificate_corrected_twice_names_the_direct_successor_and_the_current_one(
    api_client, certificate
):
    direct = certificate_supersede(certificate=certificate, reason="Spelling")
    current = certificate_supersede(certificate=direct, reason="Dates")
    certificate_revoke(certificate=current, reason="Fraud", user=None)

    response = api_client.get(url(certificate))

    body = response.json()
    assert response.status_code == 200
    assert body["state"] == "superseded"
    assert body["superseded_by"] == {
        "serial": direct.serial,
        "state": "superseded",
        "verification_url": direct.verification_url(),
    }
    assert body["current"] == {
        "serial": current.serial,
        "state": "revoked",
        "verification_url": current.verification_url(),
    }
    assert "Fraud" not in response.content.decode()


def test_a_certificate_not_superseded_names_no_successor(api_client, certificate):
    body = api_client.get(url(certificate)).json()

    assert body["state"] == "valid"
    assert body["superseded_by"] is None
    assert body["current"] is None


@pytest.mark.parametrize(
    "code", ["A" * 43, "not%20a%20code!", "x" * 300, "%00", "a/b", "%E2%9C%93", "'%20OR%201=1"]
)
def test_unknown_and_malformed_codes_get_the_same_404(api_client, certificate, code):
    reference = api_client.get(f"{API}{'B' * 43}/")

    response = api_client.get(f"{API}{code}/")

    assert reference.status_code == response.status_code == 404
    assert response.content == reference.content
    assert response.json() == {"detail": "Not found."}


def test_a_verification_runs_one_query(api_client, certificate, django_assert_num_queries):
    new = certificate_supersede(certificate=certificate, reason="Spelling")

    with django_assert_num_queries(1):
        response = api_client.get(url(certificate))

    assert response.json()["superseded_by"]["serial"] == new.serial


def test_no_authentication_is_needed_nor_looked_at(api_client, certificate):
    api_client.credentials(HTTP_AUTHORIZATION="Token not-a-real-token")

    response = api_client.get(url(certificate))

    assert response.status_code == 200
    assert response.json()["state"] == "valid"


def test_the_api_only_reads(api_client, certificate):
    response = api_client.post(url(certificate), {"state": "revoked"})

    assert response.status_code == 405
    assert response.json()["detail"]
    certificate.refresh_from_db()
    assert certificate.status == "valid"


def test_the_schema_documents_the_verification_endpoint(api_client):
    schema = api_client.get("/api/schema/", {"format": "json"}).json()

    responses = schema["paths"]["/api/v1/verify/{code}/"]["get"]["responses"]
    assert set(responses) == {"200", "404", "429"}
    assert responses["404"]["content"]["application/json"]["schema"] == {
        "$ref": "#/components/schemas/Error"
    }


def test_every_verification_endpoint_shares_one_allowance_per_client_ip(settings, certificate):
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {"verification": "3/minute"},
    }
    client = Client(REMOTE_ADDR="192.0.2.10")
    assert [client.get(page(certificate)).status_code for _ in range(3)] == [200] * 3

    throttled = client.get(page(certificate))

    assert throttled.status_code == 429
    assert int(throttled["Retry-After"]) > 0
    assert "Too many requests" in throttled.content.decode()
    in_french = client.get(page(certificate), HTTP_ACCEPT_LANGUAGE="fr")
    assert "Trop de requêtes" in in_french.content.decode()
    assert client.get(LOOKUP).status_code == 429
    assert client.post(LOOKUP, {"serial": "X", "family_name": "Y"}).status_code == 429
    assert client.post(page(certificate), {}).status_code == 429
    assert client.get(url(certificate)).status_code == 429
    other_client = Client(REMOTE_ADDR="192.0.2.11")
    assert other_client.get(page(certificate)).status_code == 200


def test_the_api_is_throttled_like_the_pages(settings, certificate):
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {"verification": "2/minute"},
    }
    client = Client(REMOTE_ADDR="192.0.2.20")
    assert [client.get(url(certificate)).status_code for _ in range(2)] == [200, 200]

    throttled = client.get(url(certificate))

    assert throttled.status_code == 429
    assert throttled.json()["detail"]
    assert int(throttled["Retry-After"]) > 0
    assert client.get(page(certificate)).status_code == 429
