"""The file check on a verification page: is an uploaded PDF the file issued?"""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from apps.certificates.models import Certificate
from apps.certificates.services import certificate_pdf_store
from tests.factories import CertificateFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("fresh_throttle_counts")]

MATCHES = "This file is identical, byte for byte, to the PDF issued"
MATCHES_FR = "Ce fichier est identique, octet pour octet, au PDF délivré"
DIFFERS = "This file is not the PDF issued"
TOO_LARGE = "The file is too large to check"
TOO_LARGE_FR = "Le fichier est trop volumineux"
NOT_YET = "The issued file cannot be checked yet"


@pytest.fixture
def certificate(db) -> Certificate:
    return certificate_pdf_store(certificate=CertificateFactory())


@pytest.fixture
def issued_pdf(certificate) -> bytes:
    with certificate.pdf.open("rb") as stored:
        return stored.read()


def page(certificate: Certificate) -> str:
    return f"/verify/{certificate.verification_code}/"


def upload(content: bytes, name: str = "certificate.pdf") -> dict[str, SimpleUploadedFile]:
    return {"file": SimpleUploadedFile(name, content, content_type="application/pdf")}


def stored_files(settings) -> list[str]:
    return sorted(str(path) for path in settings.MEDIA_ROOT.rglob("*") if path.is_file())


def test_the_page_offers_the_file_check_in_both_languages(client, certificate):
    html = client.get(page(certificate)).content.decode()

    assert 'enctype="multipart/form-data"' in html
    assert "Check a file" in html
    french = client.get(page(certificate), HTTP_ACCEPT_LANGUAGE="fr").content.decode()
    assert "Vérifier un fichier" in french


def test_the_issued_file_matches(client, certificate, issued_pdf):
    response = client.post(page(certificate), upload(issued_pdf))

    html = response.content.decode()
    assert response.status_code == 200
    assert MATCHES in html
    french = client.post(f"{page(certificate)}?lang=fr", upload(issued_pdf)).content.decode()
    assert MATCHES_FR in french
    assert certificate.pdf_sha256 in html  # the SHA-256 of the upload, which is the same


def test_a_copy_with_one_changed_byte_does_not_match(client, certificate, issued_pdf):
    changed = bytearray(issued_pdf)
    changed[len(changed) // 2] ^= 0x01

    response = client.post(page(certificate), upload(bytes(changed)))

    html = response.content.decode()
    assert response.status_code == 200
    assert DIFFERS in html
    assert MATCHES not in html


def test_a_file_at_the_size_limit_is_checked(settings, client, certificate, issued_pdf):
    settings.CERTIFICATE_UPLOAD_MAX_BYTES = len(issued_pdf)

    response = client.post(page(certificate), upload(issued_pdf))

    assert response.status_code == 200
    assert MATCHES in response.content.decode()


@pytest.mark.parametrize("extra_bytes", [1, 200_000], ids=["read-and-skipped", "never-read"])
def test_a_file_over_the_size_limit_is_refused_with_a_clear_message(
    settings, client, certificate, issued_pdf, extra_bytes
):
    settings.CERTIFICATE_UPLOAD_MAX_BYTES = len(issued_pdf)
    files_before = stored_files(settings)

    response = client.post(page(certificate), upload(issued_pdf + b"\0" * extra_bytes))

    html = response.content.decode()
    assert response.status_code == 413
    assert TOO_LARGE in html
    french = client.post(f"{page(certificate)}?lang=fr", upload(issued_pdf + b"\0" * extra_bytes))
    assert TOO_LARGE_FR in french.content.decode()
    assert MATCHES not in html
    assert certificate.serial in html  # still the verification page
    assert stored_files(settings) == files_before


def test_an_upload_is_kept_in_memory_and_never_written(
    settings, monkeypatch, client, certificate, issued_pdf, tmp_path
):
    # Django's default handlers would write this upload (over 2.5 MB) to a temporary file.
    settings.FILE_UPLOAD_TEMP_DIR = tmp_path / "uploads"
    settings.FILE_UPLOAD_TEMP_DIR.mkdir()

    def refuse_temporary_file(*args: object, **kwargs: object) -> None:
        raise AssertionError("the upload was written to a temporary file")

    monkeypatch.setattr(
        "django.core.files.uploadhandler.TemporaryUploadedFile", refuse_temporary_file
    )
    files_before = stored_files(settings)
    large_copy = issued_pdf + b"%" * (3 * 1024 * 1024)

    response = client.post(page(certificate), upload(large_copy))

    assert response.status_code == 200
    assert DIFFERS in response.content.decode()
    assert stored_files(settings) == files_before
    assert list(settings.FILE_UPLOAD_TEMP_DIR.iterdir()) == []
    assert Certificate.objects.get().pdf_sha256 == certificate.pdf_sha256


def test_a_certificate_without_a_stored_pdf_cannot_be_checked_yet(client):
    certificate = CertificateFactory()

    shown = client.get(page(certificate))
    checked = client.post(page(certificate), upload(b"%PDF-1.7 anything"))

    assert NOT_YET in shown.content.decode()
    assert checked.status_code == 200
    assert NOT_YET in checked.content.decode()
    assert MATCHES not in checked.content.decode()
    certificate.refresh_from_db()
    assert not certificate.pdf


def test_a_check_without_a_file_asks_for_one(client, certificate):
    response = client.post(page(certificate), {})

    assert response.status_code == 200
    assert "Choose a file to check" in response.content.decode()


def test_a_malformed_upload_is_a_bad_request_not_a_server_error(client, certificate):
    response = client.post(
        page(certificate),
        data=b"--boundary\r\nContent-Disposition: form-data; name=\r\n",
        content_type="multipart/form-data; boundary=",
    )

    assert response.status_code == 400


def test_the_file_check_needs_its_csrf_token(certificate, issued_pdf):
    client = Client(enforce_csrf_checks=True)

    refused = client.post(page(certificate), upload(issued_pdf))
    client.get(page(certificate))
    token = client.cookies["csrftoken"].value
    checked = client.post(page(certificate), {"csrfmiddlewaretoken": token, **upload(issued_pdf)})

    assert refused.status_code == 403
    assert checked.status_code == 200
    assert MATCHES in checked.content.decode()


def test_a_file_check_for_an_unknown_code_is_the_same_404(client, certificate, issued_pdf):
    reference = client.get(f"/verify/{'B' * 43}/")

    response = client.post(f"/verify/{'C' * 43}/", upload(issued_pdf))

    assert response.status_code == 404
    assert response.content == reference.content
