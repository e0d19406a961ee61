"""In production, no certificate is issued or corrected while the public address is loopback."""

import pytest
from django.core.exceptions import ValidationError

from apps.certificates.models import Certificate, CertificateStatus, SerialCounter
from apps.certificates.services import (
    LOOPBACK_SITE_ERROR,
    certificate_supersede,
    certificates_preview,
)
from tests.certificates.helpers import enrol, issue

pytestmark = pytest.mark.django_db


LOOPBACK_ADDRESSES = [
    "http://127.0.0.1:8000",
    "https://127.8.9.10",
    "http://localhost:8432",
    "https://LOCALHOST.",
    "http://[::1]:8000",
    "http://[::ffff:127.0.0.1]",
    "http://0.0.0.0:8000",
]


@pytest.mark.parametrize("address", LOOPBACK_ADDRESSES)
def test_in_production_issuing_is_refused_while_the_public_address_is_loopback(
    course, settings, address, django_capture_on_commit_callbacks
):
    enrol(course, "Aliyev")
    settings.DEBUG = False
    settings.SITE_BASE_URL = address

    with pytest.raises(ValidationError) as issuing:
        issue(course, django_capture_on_commit_callbacks)
    with pytest.raises(ValidationError) as previewing:
        certificates_preview(course=course)

    assert issuing.value.error_list[0].code == "loopback_site"
    assert issuing.value.messages == [LOOPBACK_SITE_ERROR.format(address=address)]
    assert previewing.value.error_list[0].code == "loopback_site"
    assert not Certificate.objects.exists()
    assert not SerialCounter.objects.exists()


def test_in_production_correcting_is_refused_while_the_public_address_is_loopback(
    course, settings, django_capture_on_commit_callbacks
):
    enrol(course, "Aliyev")
    old = issue(course, django_capture_on_commit_callbacks)[0]
    settings.DEBUG = False
    settings.SITE_BASE_URL = "http://127.0.0.1:8000"

    with pytest.raises(ValidationError) as correcting:
        certificate_supersede(certificate=old, reason="Name misspelt.")

    assert correcting.value.error_list[0].code == "loopback_site"
    old.refresh_from_db()
    assert old.status == CertificateStatus.VALID
    assert Certificate.objects.count() == 1
    assert SerialCounter.objects.get().last_number == 1


@pytest.mark.parametrize(
    ("debug", "address"),
    [(True, "http://127.0.0.1:8432"), (False, "https://trainingdb.example.org")],
)
def test_issuing_is_allowed_in_development_or_on_a_public_address(
    course, settings, debug, address, django_capture_on_commit_callbacks
):
    enrol(course, "Aliyev")
    settings.DEBUG = debug
    settings.SITE_BASE_URL = address

    (certificate,) = issue(course, django_capture_on_commit_callbacks)
    corrected = certificate_supersede(certificate=certificate, reason="Name misspelt.")

    assert certificate.verification_url().startswith(f"{address}/verify/")
    assert Certificate.objects.count() == 2
    assert corrected.verification_url().startswith(f"{address}/verify/")
