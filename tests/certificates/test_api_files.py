"""Downloading a certificate's PDF and a course's ZIP of PDFs: the stored bytes, JSON errors."""

import codecs
import csv
import hashlib
import io
import zipfile

import pytest
from django.utils import timezone
from rest_framework.test import APIClient

from apps.certificates.api.archives import MANIFEST_COLUMNS
from apps.certificates.api.views import PDF_NOT_AVAILABLE_ERROR
from apps.certificates.models import Certificate, PdfStatus
from apps.certificates.services import (
    certificate_revoke,
    certificate_supersede,
    certificates_issue,
    pdfs,
)
from apps.core.dates import iso_partial_date
from apps.courses.models import Course
from tests.factories import (
    CertificateFactory,
    CourseFactory,
    EnrolmentFactory,
    PersonFactory,
    UserFactory,
    api_token_for,
)

pytestmark = pytest.mark.django_db

BAKU = "ipcp-2026-logistics-planning-in-nato-baku"
ROLES_MAY_DOWNLOAD = [("anonymous", 401), ("viewer", 200), ("registrar", 200), ("superuser", 200)]


@pytest.fixture
def baku(seed) -> Course:
    return Course.objects.get(slug=BAKU)


@pytest.fixture
def issued(baku, django_capture_on_commit_callbacks) -> list[Certificate]:
    """Two certificates for the seed course, issued by the service, their PDFs stored."""
    for family_name in ("Aliyev", "Babayev"):
        EnrolmentFactory(course=baku, person=PersonFactory(family_name=family_name), completed=True)
    with django_capture_on_commit_callbacks(execute=True):
        certificates = certificates_issue(course=baku).issued
    return list(Certificate.objects.filter(pk__in=[c.pk for c in certificates]).order_by("serial"))


def pdf_url(certificate: Certificate) -> str:
    return f"/api/v1/certificates/{certificate.pk}/pdf/"


def zip_url(course: Course) -> str:
    return f"/api/v1/courses/{course.pk}/certificates.zip"


def stored_bytes(certificate: Certificate) -> bytes:
    with certificate.pdf.open("rb") as stored:
        return stored.read()


def content(response) -> bytes:
    return b"".join(response.streaming_content) if response.streaming else response.content


@pytest.mark.parametrize(("role", "expected"), ROLES_MAY_DOWNLOAD)
def test_who_may_download_a_pdf(api_client_for, issued, role, expected):
    response = api_client_for(role).get(pdf_url(issued[0]))

    assert response.status_code == expected
    if expected != 200:
        assert response["Content-Type"] == "application/json"


def test_the_pdf_is_the_stored_file_byte_for_byte(api_client_for, issued):
    certificate = issued[0]

    response = api_client_for("viewer").get(pdf_url(certificate), HTTP_ACCEPT="application/pdf")

    body = content(response)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == f'attachment; filename="{certificate.serial}.pdf"'
    assert body.startswith(b"%PDF")
    assert body == stored_bytes(certificate)
    assert hashlib.sha256(body).hexdigest() == certificate.pdf_sha256


def test_a_pdf_not_stored_yet_is_rendered_and_stored_once(api_client_for, baku):
    enrolment = EnrolmentFactory(course=baku, completed=True)
    certificate = CertificateFactory(enrolment=enrolment, serial="JFCBS-2026-000009")
    assert not certificate.pdf
    client = api_client_for("viewer")

    first = content(client.get(pdf_url(certificate)))
    certificate.refresh_from_db()
    second = content(client.get(pdf_url(certificate)))

    assert first.startswith(b"%PDF")
    assert certificate.pdf.name == "certificates/2026/JFCBS-2026-000009.pdf"
    assert hashlib.sha256(first).hexdigest() == certificate.pdf_sha256
    assert second == first


def test_a_pdf_that_cannot_be_rendered_is_a_json_503_and_is_marked_failed(
    api_client_for, baku, monkeypatch
):
    certificate = CertificateFactory(enrolment=EnrolmentFactory(course=baku, completed=True))

    def fail(certificate: Certificate) -> bytes:
        raise RuntimeError("simulated rendering failure")

    monkeypatch.setattr(pdfs, "certificate_pdf_render", fail)

    response = api_client_for("viewer").get(pdf_url(certificate), HTTP_ACCEPT="application/pdf")

    assert response.status_code == 503
    assert response["Content-Type"] == "application/json"
    assert response.json() == {"detail": PDF_NOT_AVAILABLE_ERROR}
    certificate.refresh_from_db()
    assert (certificate.pdf.name, certificate.pdf_sha256) == ("", "")
    assert certificate.pdf_status == PdfStatus.FAILED  # rendered again on the next download


@pytest.mark.parametrize("accept", ["binary", "application/json", "*/*"])
@pytest.mark.parametrize(
    ("role", "path", "expected"),
    [
        ("anonymous", "/api/v1/certificates/{pk}/pdf/", 401),
        ("stranger", "/api/v1/certificates/{pk}/pdf/", 403),
        ("viewer", "/api/v1/certificates/999999/pdf/", 404),
        ("anonymous", "/api/v1/courses/{course}/certificates.zip", 401),
        ("stranger", "/api/v1/courses/{course}/certificates.zip", 403),
        ("viewer", "/api/v1/courses/999999/certificates.zip", 404),
        ("viewer", "/api/v1/courses/abc/certificates.zip", 404),
    ],
)
def test_errors_of_the_file_downloads_are_json(
    api_client_for, issued, stranger_client, role, path, expected, accept
):
    client = stranger_client if role == "stranger" else api_client_for(role)
    url = path.format(pk=issued[0].pk, course=issued[0].enrolment.course_id)
    if accept == "binary":
        accept = "application/zip" if url.endswith(".zip") else "application/pdf"

    response = client.get(url, HTTP_ACCEPT=accept)

    assert response.status_code == expected
    assert response["Content-Type"] == "application/json"
    assert response.json()["detail"]


def test_asking_a_download_for_another_media_type_is_a_json_406(api_client_for, issued):
    response = api_client_for("viewer").get(
        zip_url(issued[0].enrolment.course), HTTP_ACCEPT="application/pdf"
    )

    assert response.status_code == 406
    assert response["Content-Type"] == "application/json"
    assert response.json() == {"detail": "Could not satisfy the request Accept header."}


@pytest.fixture
def stranger_client(db) -> APIClient:
    """An authenticated user in no group: holds no permission."""
    client = APIClient()
    token = api_token_for(UserFactory(username="stranger"))
    client.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    return client


@pytest.mark.parametrize(("role", "expected"), ROLES_MAY_DOWNLOAD)
def test_who_may_download_a_courses_zip(api_client_for, issued, role, expected):
    response = api_client_for(role).get(zip_url(issued[0].enrolment.course))

    assert response.status_code == expected
    if expected != 200:
        assert response["Content-Type"] == "application/json"


def test_the_zip_holds_the_stored_pdf_of_each_current_certificate(
    api_client_for, baku, issued, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        corrected = certificate_supersede(certificate=issued[1], reason="Name misspelt.")
    unstored = CertificateFactory(enrolment=EnrolmentFactory(course=baku, completed=True))
    CertificateFactory()  # another course's
    current = [issued[0], corrected, unstored]

    response = api_client_for("viewer").get(zip_url(baku), HTTP_ACCEPT="application/zip")

    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    assert response["Content-Disposition"] == f'attachment; filename="{BAKU}-certificates.zip"'
    archive = zipfile.ZipFile(io.BytesIO(content(response)))
    assert archive.testzip() is None
    assert archive.namelist() == ["manifest.csv", *sorted(f"{c.serial}.pdf" for c in current)]
    for certificate in current:
        certificate.refresh_from_db()
        data = archive.read(f"{certificate.serial}.pdf")
        assert data == stored_bytes(certificate)
        assert hashlib.sha256(data).hexdigest() == certificate.pdf_sha256


def test_a_course_without_certificates_gives_a_zip_with_the_manifests_header_alone(
    api_client_for,
):
    course = CourseFactory()

    response = api_client_for("registrar").get(zip_url(course))

    assert response.status_code == 200
    archive = zipfile.ZipFile(io.BytesIO(content(response)))
    assert archive.namelist() == ["manifest.csv"]
    assert manifest_rows(archive) == []


def manifest_rows(archive: zipfile.ZipFile) -> list[dict[str, str]]:
    data = archive.read("manifest.csv")
    assert data.startswith(codecs.BOM_UTF8)
    rows = csv.DictReader(io.StringIO(data.decode("utf-8-sig")))
    assert rows.fieldnames == MANIFEST_COLUMNS
    return list(rows)


def test_the_zips_manifest_lists_every_certificate_and_names_a_revoked_ones_file(
    api_client_for, baku, issued, django_capture_on_commit_callbacks, settings
):
    settings.TIME_ZONE = "Asia/Baku"
    certificate_revoke(certificate=issued[1], reason="Did not attend.", user=None)
    impostor = EnrolmentFactory(
        course=baku, person=PersonFactory(family_name="=HYPERLINK(1)"), completed=True
    )
    with django_capture_on_commit_callbacks(execute=True):
        (third,) = certificates_issue(course=baku).issued
    valid, revoked = issued[0], Certificate.objects.get(pk=issued[1].pk)
    third.refresh_from_db()

    response = api_client_for("viewer").get(zip_url(baku))

    assert response.status_code == 200
    archive = zipfile.ZipFile(io.BytesIO(content(response)))
    revoked_file = f"{revoked.serial}-REVOKED.pdf"
    assert archive.namelist() == [
        "manifest.csv",
        f"{valid.serial}.pdf",
        revoked_file,
        f"{third.serial}.pdf",
    ]
    rows = manifest_rows(archive)
    assert [(row["serial"], row["file"], row["status"]) for row in rows] == [
        (valid.serial, f"{valid.serial}.pdf", "valid"),
        (revoked.serial, revoked_file, "revoked"),
        (third.serial, f"{third.serial}.pdf", "valid"),
    ]
    for row in rows:
        assert row["sha256"] == hashlib.sha256(archive.read(row["file"])).hexdigest()
    assert rows[1]["sha256"] == revoked.pdf_sha256
    assert rows[0]["holder_name"] == valid.holder_name
    assert (rows[0]["course_start"], rows[0]["course_end"]) == (
        iso_partial_date(valid.course_start_date, valid.course_start_precision),
        iso_partial_date(valid.course_end_date, valid.course_end_precision),
    )
    assert rows[0]["issued_on"] == valid.issued_on.isoformat()
    assert (rows[0]["revoked_on"], rows[1]["revoked_on"]) == ("", revoked.revoked_on.isoformat())
    assert revoked.revoked_on == timezone.localdate(revoked.revoked_at)
    assert impostor.person.family_name in third.holder_name
    assert rows[2]["holder_name"] == "'" + third.holder_name


def pdf_urls_in(response) -> list[str]:
    if response["Content-Type"].startswith("text/csv"):
        rows = csv.DictReader(io.StringIO(response.content.decode("utf-8")))
        return [row["pdf_url"] for row in rows]
    body = response.json()
    return [row["pdf_url"] for row in body.get("results", [body])]


# CSV is offered on lists only.
@pytest.mark.parametrize(
    ("view", "answer_format"), [("list", "json"), ("list", "csv"), ("detail", "json")]
)
def test_the_pdf_url_carries_no_query_and_downloads_the_pdf(
    api_client_for, issued, view, answer_format
):
    client = api_client_for("viewer")
    certificate = issued[0]
    address = (
        "/api/v1/certificates/" if view == "list" else f"/api/v1/certificates/{certificate.pk}/"
    )

    response = client.get(f"{address}?format={answer_format}")

    assert response.status_code == 200
    links = pdf_urls_in(response)
    assert links and all("?" not in link for link in links)
    assert f"http://testserver{pdf_url(certificate)}" in links
    download = client.get(links[0])
    assert download.status_code == 200
    assert download["Content-Type"] == "application/pdf"
    assert content(download).startswith(b"%PDF-")
