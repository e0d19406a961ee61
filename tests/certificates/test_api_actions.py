"""Revoking and superseding (correcting) certificates through the API."""

import datetime

import pytest

from apps.certificates.api.serializers import DATE_WITHOUT_PRECISION_ERROR
from apps.certificates.models import Certificate, CertificateStatus, SerialCounter
from apps.certificates.services import (
    ALREADY_REVOKED_ERROR,
    REVOKED_CANNOT_BE_SUPERSEDED_ERROR,
    SUPERSEDED_CANNOT_CHANGE_ERROR,
    UNKNOWN_CORRECTION_ERROR,
    certificates_issue,
)
from apps.courses.models import Course
from tests.factories import EnrolmentFactory, PersonFactory

pytestmark = pytest.mark.django_db

BAKU = "ipcp-2026-logistics-planning-in-nato-baku"
CERTIFICATES = "/api/v1/certificates/"


@pytest.fixture
def certificate(seed, django_capture_on_commit_callbacks) -> Certificate:
    """A valid certificate for the seed course, issued by the service, its PDF stored."""
    course = Course.objects.get(slug=BAKU)
    person = PersonFactory(family_name="Aliyev", given_names="Sahriyar")
    EnrolmentFactory(course=course, person=person, completed=True)
    with django_capture_on_commit_callbacks(execute=True):
        return certificates_issue(course=course).issued[0]


def revoke_url(certificate: Certificate) -> str:
    return f"{CERTIFICATES}{certificate.pk}/revoke/"


def supersede_url(certificate: Certificate) -> str:
    return f"{CERTIFICATES}{certificate.pk}/supersede/"


def serial(number: int) -> str:
    return f"JFCBS-{datetime.date.today().year}-{number:06d}"


@pytest.mark.parametrize(
    ("role", "expected", "status"),
    [
        ("anonymous", 401, CertificateStatus.VALID),
        ("viewer", 403, CertificateStatus.VALID),
        ("registrar", 200, CertificateStatus.REVOKED),
        ("superuser", 200, CertificateStatus.REVOKED),
    ],
)
def test_who_may_revoke_a_certificate(api_client_for, certificate, role, expected, status):
    response = api_client_for(role).post(
        revoke_url(certificate), {"reason": "Issued in error."}, format="json"
    )

    assert response.status_code == expected
    assert response["Content-Type"] == "application/json"
    certificate.refresh_from_db()
    assert certificate.status == status


def test_revoking_records_who_when_and_why(api_client_for, certificate):
    response = api_client_for("registrar").post(
        revoke_url(certificate), {"reason": "  Issued in error.  "}, format="json"
    )

    body = response.json()
    assert response.status_code == 200
    assert (body["serial"], body["status"]) == (certificate.serial, "revoked")
    assert (body["revocation_reason"], body["revoked_by"]) == ("Issued in error.", "registrar")
    certificate.refresh_from_db()
    assert certificate.revoked_by.username == "registrar"
    assert certificate.revocation_reason == "Issued in error."
    assert certificate.revoked_at is not None
    assert body["revoked_at"] is not None


def test_revoking_twice_is_refused(api_client_for, certificate):
    client = api_client_for("registrar")
    client.post(revoke_url(certificate), {"reason": "First."}, format="json")
    certificate.refresh_from_db()
    first_revoked_at = certificate.revoked_at

    response = client.post(revoke_url(certificate), {"reason": "Second."}, format="json")

    assert response.status_code == 400
    assert response.json() == {
        "non_field_errors": [ALREADY_REVOKED_ERROR.format(serial=certificate.serial)]
    }
    certificate.refresh_from_db()
    assert (certificate.revocation_reason, certificate.revoked_at) == ("First.", first_revoked_at)


@pytest.mark.parametrize("payload", [{}, {"reason": ""}, {"reason": "   "}, {"reason": None}])
def test_revoking_needs_a_reason(api_client_for, certificate, payload):
    response = api_client_for("registrar").post(revoke_url(certificate), payload, format="json")

    assert response.status_code == 400
    assert list(response.json()) == ["reason"]
    certificate.refresh_from_db()
    assert certificate.status == CertificateStatus.VALID


def test_an_unknown_certificate_is_a_json_404(api_client_for):
    response = api_client_for("registrar").post(
        f"{CERTIFICATES}999999/revoke/", {"reason": "Error."}, format="json"
    )

    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"


def test_the_actions_answer_only_post(api_client_for, certificate):
    client = api_client_for("registrar")

    assert client.get(revoke_url(certificate)).status_code == 405
    assert client.put(supersede_url(certificate), {}, format="json").status_code == 405
    assert client.delete(revoke_url(certificate)).status_code == 405
    certificate.refresh_from_db()
    assert certificate.status == CertificateStatus.VALID


@pytest.mark.parametrize(
    ("role", "expected", "count"),
    [("anonymous", 401, 1), ("viewer", 403, 1), ("registrar", 201, 2), ("superuser", 201, 2)],
)
def test_who_may_supersede_a_certificate(
    api_client_for, certificate, role, expected, count, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = api_client_for(role).post(
            supersede_url(certificate), {"reason": "Name misspelt."}, format="json"
        )

    assert response.status_code == expected
    assert Certificate.objects.count() == count


def test_superseding_issues_a_corrected_certificate_and_keeps_the_old_one(
    api_client_for, certificate, django_capture_on_commit_callbacks
):
    corrections = {
        "holder_name": "Əliyev Şəhriyar",
        "holder_family_name": "Əliyev",
        "course_start_date": "2026-03-02",
        "course_start_precision": "day",
        "course_end_date": "2026-03-17",
        "course_end_precision": "month",
        "course_country": "AZ",
    }
    client = api_client_for("registrar")

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"{supersede_url(certificate)}?format=json",
            {"reason": "Name misspelt.", "corrections": corrections},
            format="json",
        )

    assert response.status_code == 201
    body = response.json()
    new = Certificate.objects.get(serial=serial(2))
    assert response["Location"] == f"http://testserver{CERTIFICATES}{new.pk}/"
    assert body["pdf_url"] == f"http://testserver{CERTIFICATES}{new.pk}/pdf/"
    assert (body["serial"], body["status"]) == (serial(2), "valid")
    assert body["supersedes"]["serial"] == certificate.serial
    assert body["supersession_reason"] == "Name misspelt."
    assert (body["holder_name"], body["course_start"], body["course_end"]) == (
        "Əliyev Şəhriyar",
        "2026-03-02",
        "2026-03",
    )
    assert new.course_end_date == datetime.date(2026, 3, 31)  # an end: the month's last day
    assert new.course_title_en == certificate.course_title_en  # not corrected: copied again
    assert new.pdf and len(new.pdf_sha256) == 64
    certificate.refresh_from_db()
    assert certificate.status == CertificateStatus.SUPERSEDED
    old = client.get(f"{CERTIFICATES}{certificate.pk}/").json()
    assert old["superseded_by"]["serial"] == serial(2)


@pytest.mark.parametrize(
    ("corrections", "errors"),
    [
        (
            {"nickname": "Sasha", "serial": "X-1"},
            {"non_field_errors": [UNKNOWN_CORRECTION_ERROR.format(fields="nickname, serial")]},
        ),
        ({"course_start_date": "2026-03-02"}, {"course_start_precision": None}),
        ({"course_end_precision": "day"}, {"course_end_date": None}),
        (
            {"course_start_date": "2026-13-01", "course_start_precision": "day"},
            {"course_start_date": "*"},
        ),
        (
            {"course_start_date": "2026-03-01", "course_start_precision": "week"},
            {"course_start_precision": "*"},
        ),
        (
            {"course_end_date": "2026-03-01", "course_end_precision": "unknown"},
            {"course_end_precision": "*"},
        ),
        ({"holder_name": ""}, {"holder_name": "*"}),
        ({"holder_name": "x" * 501}, {"holder_name": "*"}),
        ({"course_country": "XX"}, {"course_country": "*"}),
        ("not an object", {"non_field_errors": "*"}),
    ],
)
def test_bad_corrections_are_refused_per_field_and_write_nothing(
    api_client_for, certificate, corrections, errors
):
    response = api_client_for("registrar").post(
        supersede_url(certificate),
        {"reason": "Correction.", "corrections": corrections},
        format="json",
    )

    assert response.status_code == 400
    found = response.json()["corrections"]
    assert set(found) == set(errors)
    for field, expected in errors.items():
        if expected is None:
            assert found[field] == [DATE_WITHOUT_PRECISION_ERROR]
        elif expected != "*":
            assert found[field] == expected
    assert list(Certificate.objects.values_list("status", flat=True)) == ["valid"]
    assert SerialCounter.objects.get().last_number == 1


@pytest.mark.parametrize("payload", [{}, {"reason": ""}, {"reason": "  "}])
def test_superseding_needs_a_reason(api_client_for, certificate, payload):
    response = api_client_for("registrar").post(supersede_url(certificate), payload, format="json")

    assert response.status_code == 400
    assert list(response.json()) == ["reason"]
    assert Certificate.objects.count() == 1


def test_a_revoked_certificate_cannot_be_superseded(api_client_for, certificate):
    client = api_client_for("registrar")
    client.post(revoke_url(certificate), {"reason": "Error."}, format="json")

    response = client.post(supersede_url(certificate), {"reason": "Fix."}, format="json")

    assert response.status_code == 400
    assert response.json() == {
        "non_field_errors": [REVOKED_CANNOT_BE_SUPERSEDED_ERROR.format(serial=certificate.serial)]
    }
    assert Certificate.objects.count() == 1


@pytest.mark.parametrize("action", ["revoke", "supersede"])
def test_a_superseded_certificate_is_neither_revoked_nor_superseded_again(
    api_client_for, certificate, action, django_capture_on_commit_callbacks
):
    client = api_client_for("registrar")
    with django_capture_on_commit_callbacks(execute=True):
        client.post(supersede_url(certificate), {"reason": "Fix."}, format="json")

    response = client.post(
        f"{CERTIFICATES}{certificate.pk}/{action}/", {"reason": "Again."}, format="json"
    )

    assert response.status_code == 400
    message = SUPERSEDED_CANNOT_CHANGE_ERROR.format(serial=certificate.serial, successor=serial(2))
    assert response.json() == {"non_field_errors": [message]}
    assert sorted(Certificate.objects.values_list("status", flat=True)) == [
        "superseded",
        "valid",
    ]
