"""Issuing a course's certificates through the API, and how certificates show what they attest."""

import datetime

import pytest

from apps.certificates.models import Certificate, SerialCounter
from apps.certificates.services import COURSE_NOT_HELD_ERROR, ISSUER_WITHOUT_PREFIX_ERROR
from apps.courses.models import Course, CourseStatus
from apps.enrolments.models import EnrolmentStatus
from tests.certificates.helpers import BAKU, enrol
from tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db

CERTIFICATES = "/api/v1/certificates/"


@pytest.fixture
def baku(seed) -> Course:
    """The seed course, held; its Mobile Training Team issues under JFC Brunssum's JFCBS."""
    return Course.objects.get(slug=BAKU)


def issue_url(course: Course) -> str:
    return f"/api/v1/courses/{course.pk}/issue-certificates/"


def serial(number: int) -> str:
    return f"JFCBS-{datetime.date.today().year}-{number:06d}"


@pytest.mark.parametrize(
    ("role", "expected", "issued"),
    [("anonymous", 401, 0), ("viewer", 403, 0), ("registrar", 201, 2), ("superuser", 201, 2)],
)
def test_who_may_issue_certificates(
    api_client_for, baku, role, expected, issued, django_capture_on_commit_callbacks
):
    enrol(baku, "Aliyev")
    enrol(baku, "Babayev")

    with django_capture_on_commit_callbacks(execute=True):
        response = api_client_for(role).post(issue_url(baku), {}, format="json")

    assert response.status_code == expected
    assert response["Content-Type"] == "application/json"
    assert Certificate.objects.count() == issued


@pytest.mark.parametrize(
    ("role", "expected"),
    [("anonymous", 401), ("viewer", 403), ("registrar", 200), ("superuser", 200)],
)
def test_who_may_preview_certificates(api_client_for, baku, role, expected):
    enrol(baku, "Aliyev")

    response = api_client_for(role).post(issue_url(baku), {"dry_run": True}, format="json")

    assert response.status_code == expected
    assert not Certificate.objects.exists()


def test_an_anonymous_request_is_told_to_authenticate_even_for_an_unknown_course(api_client):
    response = api_client.post("/api/v1/courses/999999/issue-certificates/", {}, format="json")

    assert response.status_code == 401
    assert response["WWW-Authenticate"] == "Token"


def test_an_unknown_course_is_a_json_404(api_client_for):
    response = api_client_for("registrar").post(
        "/api/v1/courses/999999/issue-certificates/", {}, format="json"
    )

    assert response.status_code == 404
    assert response.json() == {"detail": "No course matches the given query."}


def test_a_dry_run_lists_who_would_receive_a_certificate_and_why_not_and_writes_nothing(
    api_client_for, baku
):
    aliyev = enrol(baku, "Aliyev")
    enrol(baku, "Babayev", EnrolmentStatus.ATTENDED)
    enrol(baku, "Cavadov", EnrolmentStatus.WITHDRAWN)

    response = api_client_for("registrar").post(issue_url(baku), {"dry_run": True}, format="json")

    assert response.status_code == 200
    body = response.json()
    assert body["dry_run"] is True
    assert body["course"]["slug"] == BAKU
    assert body["issued_by"]["slug"] == "jfc-brunssum"
    assert body["eligible"] == [
        {
            "id": aliyev.pk,
            "person": {
                "id": aliyev.person.pk,
                "uid": str(aliyev.person.uid),
                "full_name": "Aliyev Şəhriyar",
                "rank": "Major",
            },
            "status": "completed",
        }
    ]
    assert [
        (row["enrolment"]["person"]["full_name"], row["reason"], row["message"])
        for row in body["excluded"]
    ] == [
        ("Babayev Şəhriyar", "not_completed", "has not completed the course (attended)"),
        ("Cavadov Şəhriyar", "withdrawn", "withdrew from the course"),
    ]
    assert body["issued"] == []
    assert not Certificate.objects.exists()
    assert not SerialCounter.objects.exists()


def test_issuing_answers_the_certificates_with_their_serials_and_stores_their_pdfs(
    api_client_for, baku, django_capture_on_commit_callbacks
):
    enrol(baku, "Babayev")
    enrol(baku, "Aliyev")
    enrol(baku, "Cavadov", EnrolmentStatus.FAILED)

    with django_capture_on_commit_callbacks(execute=True):
        response = api_client_for("registrar").post(issue_url(baku), {}, format="json")

    assert response.status_code == 201
    body = response.json()
    assert body["dry_run"] is False
    assert [(row["serial"], row["holder_name"]) for row in body["issued"]] == [
        (serial(1), "Aliyev Şəhriyar"),
        (serial(2), "Babayev Şəhriyar"),
    ]
    assert body["issued"][0]["issuer_name"] == "Allied Joint Force Command Brunssum"
    assert "verification_code" not in body["issued"][0]
    assert [row["reason"] for row in body["excluded"]] == ["not_completed"]
    stored = Certificate.objects.order_by("serial")
    assert [certificate.serial for certificate in stored] == [serial(1), serial(2)]
    assert all(certificate.pdf and len(certificate.pdf_sha256) == 64 for certificate in stored)
    assert SerialCounter.objects.get().last_number == 2


def test_issuing_again_issues_nothing_and_answers_200(
    api_client_for, baku, django_capture_on_commit_callbacks
):
    enrol(baku, "Aliyev")
    client = api_client_for("registrar")
    with django_capture_on_commit_callbacks(execute=True):
        first = client.post(issue_url(baku), {"dry_run": False}, format="json")

    with django_capture_on_commit_callbacks(execute=True):
        second = client.post(issue_url(baku), {"dry_run": False}, format="json")

    assert first.status_code == 201
    assert second.status_code == 200
    assert second.json()["issued"] == []
    assert second.json()["eligible"] == []
    assert [(row["reason"], row["message"]) for row in second.json()["excluded"]] == [
        ("already_certified", f"already holds certificate {serial(1)}")
    ]
    assert list(Certificate.objects.values_list("serial", flat=True)) == [serial(1)]
    assert SerialCounter.objects.get().last_number == 1


@pytest.mark.parametrize("status", [CourseStatus.PLANNED, CourseStatus.CANCELLED])
@pytest.mark.parametrize("dry_run", [True, False])
def test_a_course_that_was_not_held_is_refused_with_a_clear_400(
    api_client_for, baku, status, dry_run
):
    enrol(baku, "Aliyev")
    Course.objects.filter(pk=baku.pk).update(status=status)
    baku.refresh_from_db()

    response = api_client_for("registrar").post(
        issue_url(baku), {"dry_run": dry_run}, format="json"
    )

    assert response.status_code == 400
    assert response.json() == {
        "course": [COURSE_NOT_HELD_ERROR.format(status=baku.get_status_display())]
    }
    assert not Certificate.objects.exists()
    assert not SerialCounter.objects.exists()


def test_another_issuer_may_be_named(api_client_for, baku, django_capture_on_commit_callbacks):
    enrol(baku, "Aliyev")
    academy = OrganisationFactory(slug="academy", serial_prefix="ACAD")

    with django_capture_on_commit_callbacks(execute=True):
        response = api_client_for("registrar").post(
            issue_url(baku), {"issued_by": academy.pk}, format="json"
        )

    assert response.status_code == 201
    assert response.json()["issued_by"]["slug"] == "academy"
    certificate = Certificate.objects.get()
    assert certificate.serial.startswith("ACAD-")
    assert certificate.issued_by == academy


def test_an_issuer_without_a_serial_prefix_is_refused(api_client_for, baku):
    enrol(baku, "Aliyev")
    host = OrganisationFactory(slug="host")

    response = api_client_for("registrar").post(
        issue_url(baku), {"issued_by": host.pk}, format="json"
    )

    assert response.status_code == 400
    assert response.json() == {"issued_by": [ISSUER_WITHOUT_PREFIX_ERROR % {"issuer": host}]}
    assert not Certificate.objects.exists()


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        ({"issued_by": 999999}, "issued_by"),
        ({"issued_by": 10**20}, None),
        ({"issued_by": "abc"}, "issued_by"),
        ({"dry_run": "perhaps"}, "dry_run"),
    ],
)
def test_bad_input_is_a_clear_400(api_client_for, baku, payload, field):
    enrol(baku, "Aliyev")

    response = api_client_for("registrar").post(issue_url(baku), payload, format="json")

    assert response.status_code == 400
    assert response["Content-Type"] == "application/json"
    if field:
        assert field in response.json()
    assert not Certificate.objects.exists()


def test_a_certificate_shows_its_frozen_copy_even_after_the_records_change(
    api_client_for, baku, django_capture_on_commit_callbacks
):
    enrolment = enrol(baku, "Əliyev")
    with django_capture_on_commit_callbacks(execute=True):
        api_client_for("registrar").post(issue_url(baku), {}, format="json")
    certificate = Certificate.objects.get()
    enrolment.person.family_name = "Renamed"
    enrolment.person.save(update_fields=["family_name"])
    Course.objects.filter(pk=baku.pk).update(title_en="Renamed", city="Ganja")
    client = api_client_for("viewer")

    body = client.get(f"{CERTIFICATES}{certificate.pk}/").json()
    in_french = client.get(f"{CERTIFICATES}{certificate.pk}/?lang=fr").json()

    assert body["holder_name"] == "Əliyev Şəhriyar"
    assert body["holder_family_name"] == "Əliyev"
    assert (body["course_title"], body["course_title_en"]) == ("Logistics Planning in NATO",) * 2
    assert in_french["course_title"] == "Planification logistique au sein de l'OTAN"
    assert (body["course_start"], body["course_end"]) == ("2026", "2026")
    assert (body["course_start_date"], body["course_start_precision"]) == ("2026-01-01", "year")
    assert (body["course_end_date"], body["course_end_precision"]) == ("2026-12-31", "year")
    assert (body["course_city"], body["course_country"]) == ("Baku", "AZ")
    assert body["programme_title_en"] == certificate.programme_title_en
    assert body["issuer_name"] == "Allied Joint Force Command Brunssum"
    assert body["languages"] == ["en", "fr"]
    assert body["supersession_reason"] == ""
    assert body["pdf_sha256"] == certificate.pdf_sha256
    assert body["pdf_url"] == f"http://testserver{CERTIFICATES}{certificate.pk}/pdf/"


def test_the_verification_url_is_shown_with_the_code_in_the_detail_only(
    api_client_for, baku, settings, django_capture_on_commit_callbacks
):
    settings.SITE_BASE_URL = "https://training.example.org"
    enrol(baku, "Aliyev")
    with django_capture_on_commit_callbacks(execute=True):
        api_client_for("registrar").post(issue_url(baku), {}, format="json")
    certificate = Certificate.objects.get()
    client = api_client_for("viewer")

    detail = client.get(f"{CERTIFICATES}{certificate.pk}/").json()
    listed = client.get(CERTIFICATES).json()["results"][0]

    assert detail["verification_url"] == (
        f"https://training.example.org/verify/{certificate.verification_code}/"
    )
    assert "verification_url" not in listed
    assert "verification_code" not in listed
    assert listed["pdf_url"] == detail["pdf_url"]
