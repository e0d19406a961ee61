import datetime
import re
import secrets

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import ProtectedError
from django.utils import timezone

from apps.certificates.models import (
    ENROLMENT_NOT_COMPLETED_ERROR,
    ONE_CURRENT_CERTIFICATE_ERROR,
    REVOCATION_FIELDS_ERROR,
    Certificate,
    CertificateStatus,
)
from apps.enrolments.models import EnrolmentStatus
from tests.factories import CertificateFactory, EnrolmentFactory, OrganisationFactory

pytestmark = pytest.mark.django_db

REVOKED_AT = timezone.make_aware(datetime.datetime(2026, 4, 1, 9, 30))
URL_SAFE = re.compile(r"^[A-Za-z0-9_-]+$")
# PostgreSQL names the constraint; SQLite names the column of its partial unique index.
ONE_CURRENT_CONSTRAINT = r"one_current_per_enrolment|certificates_certificate\.enrolment_id"


def test_certificate_shows_its_serial():
    certificate = CertificateFactory(serial="MTT-2026-000042")

    assert str(certificate) == "MTT-2026-000042"


def test_certificate_is_found_by_its_natural_key():
    certificate = CertificateFactory(serial="MTT-2026-000042")

    assert certificate.natural_key() == ("MTT-2026-000042",)
    assert Certificate.objects.get_by_natural_key(*certificate.natural_key()) == certificate


def test_certificate_gets_a_url_safe_verification_code_of_at_least_128_bits(monkeypatch):
    issued_tokens = []
    real_token_urlsafe = secrets.token_urlsafe

    def spy(nbytes=None):
        token = real_token_urlsafe(nbytes)
        issued_tokens.append((nbytes if nbytes is not None else secrets.DEFAULT_ENTROPY, token))
        return token

    monkeypatch.setattr(secrets, "token_urlsafe", spy)

    certificate = CertificateFactory()

    code = Certificate.objects.get(pk=certificate.pk).verification_code
    [(random_bytes, token)] = issued_tokens
    assert code == token
    assert random_bytes * 8 >= 128
    assert URL_SAFE.match(code)
    # Each URL-safe base64 character carries 6 bits: 128 bits need at least 22 of them.
    assert len(code) >= 22


def test_certificates_get_different_verification_codes():
    codes = {CertificateFactory().verification_code for _ in range(3)}

    assert len(codes) == 3


def test_enrolment_holds_only_one_current_certificate():
    existing = CertificateFactory()
    second = CertificateFactory.build(enrolment=existing.enrolment, issued_by=existing.issued_by)

    with pytest.raises(ValidationError) as refused:
        second.full_clean()

    assert refused.value.message_dict == {"enrolment": [str(ONE_CURRENT_CERTIFICATE_ERROR)]}
    assert refused.value.error_dict["enrolment"][0].code == "one_current"


def test_database_refuses_a_second_current_certificate_for_an_enrolment():
    existing = CertificateFactory()

    with pytest.raises(IntegrityError, match=ONE_CURRENT_CONSTRAINT), transaction.atomic():
        CertificateFactory(enrolment=existing.enrolment)

    assert Certificate.objects.count() == 1


def test_revoked_certificate_still_counts_as_the_current_one():
    existing = CertificateFactory(
        status=CertificateStatus.REVOKED, revoked_at=REVOKED_AT, revocation_reason="Misspelt."
    )

    with pytest.raises(IntegrityError, match=ONE_CURRENT_CONSTRAINT), transaction.atomic():
        CertificateFactory(enrolment=existing.enrolment)

    assert Certificate.objects.count() == 1


def test_superseded_certificate_leaves_room_for_its_replacement():
    old = CertificateFactory(status=CertificateStatus.SUPERSEDED)
    replacement = CertificateFactory.build(
        enrolment=old.enrolment, issued_by=old.issued_by, supersedes=old
    )

    replacement.full_clean()
    replacement.save()

    assert old.enrolment.certificates.count() == 2
    assert old.superseded_by == replacement


def test_enrolment_may_hold_several_superseded_certificates():
    first = CertificateFactory(status=CertificateStatus.SUPERSEDED)
    CertificateFactory(enrolment=first.enrolment, status=CertificateStatus.SUPERSEDED)
    CertificateFactory(enrolment=first.enrolment)

    assert first.enrolment.certificates.count() == 3


def test_database_refuses_restoring_a_superseded_certificate_beside_its_replacement():
    old = CertificateFactory(status=CertificateStatus.SUPERSEDED)
    CertificateFactory(enrolment=old.enrolment, supersedes=old)

    with pytest.raises(IntegrityError, match=ONE_CURRENT_CONSTRAINT), transaction.atomic():
        Certificate.objects.filter(pk=old.pk).update(status=CertificateStatus.VALID)

    old.refresh_from_db()
    assert old.status == CertificateStatus.SUPERSEDED


def test_certificate_supersedes_at_most_one_and_is_superseded_at_most_once():
    old = CertificateFactory(status=CertificateStatus.SUPERSEDED)
    CertificateFactory(enrolment=old.enrolment, supersedes=old, status=CertificateStatus.SUPERSEDED)
    another = CertificateFactory.build(
        enrolment=old.enrolment, issued_by=old.issued_by, supersedes=old
    )

    with pytest.raises(ValidationError) as refused:
        another.full_clean()

    assert list(refused.value.message_dict) == ["supersedes"]
    assert refused.value.error_dict["supersedes"][0].code == "unique"


def test_database_refuses_superseding_a_certificate_twice():
    old = CertificateFactory(status=CertificateStatus.SUPERSEDED)
    CertificateFactory(enrolment=old.enrolment, supersedes=old, status=CertificateStatus.SUPERSEDED)

    with pytest.raises(IntegrityError), transaction.atomic():
        CertificateFactory(enrolment=old.enrolment, supersedes=old)

    assert Certificate.objects.count() == 2


@pytest.mark.parametrize(
    "status",
    [
        EnrolmentStatus.NOMINATED,
        EnrolmentStatus.CONFIRMED,
        EnrolmentStatus.ATTENDED,
        EnrolmentStatus.WITHDRAWN,
        EnrolmentStatus.FAILED,
    ],
)
def test_certificate_is_issued_only_for_a_completed_enrolment(status):
    completed_on = datetime.date(2026, 3, 6) if status == EnrolmentStatus.FAILED else None
    enrolment = EnrolmentFactory(status=status, completed_on=completed_on)
    certificate = CertificateFactory.build(enrolment=enrolment)

    with pytest.raises(ValidationError) as refused:
        certificate.full_clean()

    assert refused.value.message_dict == {"enrolment": [str(ENROLMENT_NOT_COMPLETED_ERROR)]}
    assert refused.value.error_dict["enrolment"][0].code == "not_completed"


def test_certificate_for_a_completed_enrolment_passes_validation():
    enrolment = EnrolmentFactory(completed=True)
    certificate = CertificateFactory.build(enrolment=enrolment)

    certificate.full_clean()
    certificate.save()

    assert enrolment.certificates.get() == certificate


def test_revoked_certificate_records_when_and_why():
    certificate = CertificateFactory()
    certificate.status = CertificateStatus.REVOKED
    certificate.revoked_at = REVOKED_AT
    certificate.revocation_reason = "Issued to the wrong participant."

    certificate.full_clean()
    certificate.save()

    certificate.refresh_from_db()
    assert certificate.status == CertificateStatus.REVOKED
    assert certificate.revoked_at == REVOKED_AT


INCONSISTENT_REVOCATIONS = [
    {"status": CertificateStatus.REVOKED, "revoked_at": None, "revocation_reason": "Misspelt."},
    {"status": CertificateStatus.REVOKED, "revoked_at": REVOKED_AT, "revocation_reason": ""},
    {"status": CertificateStatus.REVOKED, "revoked_at": None, "revocation_reason": ""},
    {"status": CertificateStatus.VALID, "revoked_at": REVOKED_AT, "revocation_reason": ""},
    {"status": CertificateStatus.VALID, "revoked_at": None, "revocation_reason": "Misspelt."},
    {"status": CertificateStatus.SUPERSEDED, "revoked_at": REVOKED_AT, "revocation_reason": "x"},
]
INCONSISTENT_REVOCATION_IDS = [
    "revoked-without-time",
    "revoked-without-reason",
    "revoked-without-either",
    "valid-with-time",
    "valid-with-reason",
    "superseded-with-both",
]


@pytest.mark.parametrize("revocation", INCONSISTENT_REVOCATIONS, ids=INCONSISTENT_REVOCATION_IDS)
def test_only_a_revoked_certificate_records_when_and_why_it_was_revoked(revocation):
    certificate = CertificateFactory.build(enrolment=EnrolmentFactory(completed=True), **revocation)

    with pytest.raises(ValidationError) as refused:
        certificate.full_clean()

    assert refused.value.message_dict == {"__all__": [str(REVOCATION_FIELDS_ERROR)]}
    assert refused.value.error_dict["__all__"][0].code == "revocation_fields"


@pytest.mark.parametrize("revocation", INCONSISTENT_REVOCATIONS, ids=INCONSISTENT_REVOCATION_IDS)
def test_database_refuses_an_inconsistent_revocation(revocation):
    with (
        pytest.raises(IntegrityError, match="certificates_certificate_revocation_recorded"),
        transaction.atomic(),
    ):
        CertificateFactory(**revocation)

    assert not Certificate.objects.exists()


def test_database_refuses_revoking_a_certificate_without_a_reason():
    certificate = CertificateFactory()

    with (
        pytest.raises(IntegrityError, match="certificates_certificate_revocation_recorded"),
        transaction.atomic(),
    ):
        Certificate.objects.filter(pk=certificate.pk).update(
            status=CertificateStatus.REVOKED, revoked_at=REVOKED_AT
        )

    certificate.refresh_from_db()
    assert certificate.status == CertificateStatus.VALID


def test_certificate_serial_must_be_unique():
    existing = CertificateFactory(serial="MTT-2026-000001")
    duplicate = CertificateFactory.build(
        enrolment=EnrolmentFactory(completed=True), serial=existing.serial
    )

    with pytest.raises(ValidationError) as refused:
        duplicate.full_clean()

    assert list(refused.value.message_dict) == ["serial"]
    assert refused.value.error_dict["serial"][0].code == "unique"


def test_database_refuses_a_second_certificate_with_the_same_serial():
    CertificateFactory(serial="MTT-2026-000001")

    with pytest.raises(IntegrityError), transaction.atomic():
        CertificateFactory(serial="MTT-2026-000001")

    assert Certificate.objects.count() == 1


def test_certificate_verification_code_must_be_unique():
    existing = CertificateFactory()
    duplicate = CertificateFactory.build(
        enrolment=EnrolmentFactory(completed=True), verification_code=existing.verification_code
    )

    with pytest.raises(ValidationError) as refused:
        duplicate.full_clean()

    assert list(refused.value.message_dict) == ["verification_code"]
    assert refused.value.error_dict["verification_code"][0].code == "unique"


def test_database_refuses_a_second_certificate_with_the_same_verification_code():
    existing = CertificateFactory()

    with pytest.raises(IntegrityError), transaction.atomic():
        CertificateFactory(verification_code=existing.verification_code)

    assert Certificate.objects.count() == 1


def test_superseded_certificate_cannot_be_deleted_while_its_replacement_refers_to_it():
    old = CertificateFactory(status=CertificateStatus.SUPERSEDED)
    CertificateFactory(enrolment=old.enrolment, supersedes=old)

    with pytest.raises(ProtectedError):
        old.delete()

    assert Certificate.objects.count() == 2


def test_certificate_for_an_unknown_enrolment_is_refused_without_crashing():
    certificate = CertificateFactory.build(
        enrolment=None, enrolment_id=999_999, issued_by=OrganisationFactory()
    )

    with pytest.raises(ValidationError) as refused:
        certificate.full_clean()

    assert "enrolment" in refused.value.message_dict
