"""Options of the certificate actions given in the query string: read, or refused; never ignored."""

import pytest

from apps.certificates.api.serializers import DRY_RUN_CONFLICT_ERROR
from apps.certificates.models import Certificate, CertificateStatus, SerialCounter
from apps.core.api.query import QUERY_PARAMETER_REPEATED_ERROR, UNKNOWN_QUERY_PARAMETER_ERROR
from apps.courses.models import Course
from tests.certificates.helpers import BAKU, enrol
from tests.factories import CertificateFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def baku(seed) -> Course:
    course = Course.objects.get(slug=BAKU)
    enrol(course, "Aliyev")
    return course


def issue_url(course: Course, query: str) -> str:
    return f"/api/v1/courses/{course.pk}/issue-certificates/?{query}"


@pytest.mark.parametrize("value", ["1", "true", "True", "yes", "on"])
def test_a_dry_run_asked_for_in_the_query_string_writes_nothing(api_client_for, baku, value):
    response = api_client_for("registrar").post(
        issue_url(baku, f"dry_run={value}"), {}, format="json"
    )

    assert response.status_code == 200
    assert response.json()["dry_run"] is True
    assert [row["person"]["full_name"] for row in response.json()["eligible"]] == [
        "Aliyev Şəhriyar"
    ]
    assert response.json()["issued"] == []
    assert not Certificate.objects.exists()
    assert not SerialCounter.objects.exists()


def test_a_dry_run_in_the_query_string_and_the_body_alike_is_a_dry_run(api_client_for, baku):
    response = api_client_for("registrar").post(
        issue_url(baku, "dry_run=1"), {"dry_run": True}, format="json"
    )

    assert response.status_code == 200
    assert response.json()["dry_run"] is True
    assert not Certificate.objects.exists()


def test_dry_run_false_in_the_query_string_issues(
    api_client_for, baku, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = api_client_for("registrar").post(
            issue_url(baku, "dry_run=false&lang=fr&format=json"), {}, format="json"
        )

    assert response.status_code == 201
    assert response.json()["dry_run"] is False
    assert Certificate.objects.count() == 1


@pytest.mark.parametrize(
    ("query", "body"),
    [("dry_run=1", {"dry_run": False}), ("dry_run=0", {"dry_run": True})],
)
def test_the_query_string_and_the_body_disagreeing_is_refused(api_client_for, baku, query, body):
    response = api_client_for("registrar").post(issue_url(baku, query), body, format="json")

    assert response.status_code == 400
    assert response.json() == {"dry_run": [DRY_RUN_CONFLICT_ERROR]}
    assert not Certificate.objects.exists()


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("dry_run=maybe", "Must be a valid boolean."),
        ("dry_run=", "Must be a valid boolean."),
        ("dry_run=1&dry_run=1", QUERY_PARAMETER_REPEATED_ERROR),
    ],
)
def test_an_invalid_dry_run_in_the_query_string_is_refused(api_client_for, baku, query, message):
    response = api_client_for("registrar").post(issue_url(baku, query), {}, format="json")

    assert response.status_code == 400
    assert response.json() == {"dry_run": [message]}
    assert not Certificate.objects.exists()


@pytest.mark.parametrize("query", ["dryrun=1", "issued_by=1", "preview=true"])
def test_an_unknown_query_parameter_on_issuing_is_refused(api_client_for, baku, query):
    response = api_client_for("registrar").post(issue_url(baku, query), {}, format="json")

    assert response.status_code == 400
    assert response.json() == {query.split("=")[0]: [UNKNOWN_QUERY_PARAMETER_ERROR]}
    assert not Certificate.objects.exists()


def test_a_query_parameter_is_refused_after_authentication(api_client_for, baku):
    response = api_client_for("anonymous").post(issue_url(baku, "dryrun=1"), {}, format="json")

    assert response.status_code == 401


@pytest.mark.parametrize(
    ("action", "query", "body"),
    [
        ("revoke", "reason=Error.", {"reason": "Error."}),
        ("revoke", "dry_run=1", {"reason": "Error."}),
        ("supersede", "dry_run=1", {"reason": "Name misspelt."}),
        ("supersede", "corrections=x", {"reason": "Name misspelt."}),
    ],
)
def test_revoking_or_superseding_with_an_option_in_the_query_string_is_refused(
    api_client_for, action, query, body
):
    certificate = CertificateFactory()

    response = api_client_for("registrar").post(
        f"/api/v1/certificates/{certificate.pk}/{action}/?{query}", body, format="json"
    )

    assert response.status_code == 400
    assert response.json() == {query.split("=")[0]: [UNKNOWN_QUERY_PARAMETER_ERROR]}
    certificate.refresh_from_db()
    assert certificate.status == CertificateStatus.VALID
    assert Certificate.objects.count() == 1


def test_revoking_with_the_language_and_format_in_the_query_string_works(api_client_for):
    certificate = CertificateFactory()

    response = api_client_for("registrar").post(
        f"/api/v1/certificates/{certificate.pk}/revoke/?lang=fr&format=json",
        {"reason": "Error."},
        format="json",
    )

    assert response.status_code == 200
    certificate.refresh_from_db()
    assert certificate.status == CertificateStatus.REVOKED


def test_reading_certificates_still_takes_filters_in_the_query_string(api_client_for):
    certificate = CertificateFactory()

    response = api_client_for("viewer").get("/api/v1/certificates/", {"search": certificate.serial})

    assert response.status_code == 200
    assert [row["serial"] for row in response.json()["results"]] == [certificate.serial]


def test_the_schema_documents_dry_run_in_the_query_string(api_client):
    schema = api_client.get("/api/schema/", {"format": "json"}).json()

    operation = schema["paths"]["/api/v1/courses/{id}/issue-certificates/"]["post"]
    [parameter] = [p for p in operation["parameters"] if p["in"] == "query"]
    assert (parameter["name"], parameter["schema"]["type"]) == ("dry_run", "boolean")
