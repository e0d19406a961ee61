"""Revoking and superseding certificates, through the services."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from apps.certificates.models import Certificate, CertificateStatus, SerialCounter
from apps.certificates.services import (
    certificate_revoke,
    certificate_supersede,
    certificates_revoke,
)
from tests.certificates.helpers import enrol, issue
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_revoking_records_who_when_and_why(course, django_capture_on_commit_callbacks):
    enrol(course, "Aliyev")
    certificate = issue(course, django_capture_on_commit_callbacks)[0]
    registrar = UserFactory()

    certificate_revoke(certificate=certificate, reason="  Obtained by fraud. ", user=registrar)

    certificate.refresh_from_db()
    assert certificate.status == CertificateStatus.REVOKED
    assert certificate.revoked_by == registrar
    assert certificate.revocation_reason == "Obtained by fraud."
    assert certificate.revoked_at is not None


def test_revoking_twice_or_without_a_reason_is_refused(course, django_capture_on_commit_callbacks):
    enrol(course, "Aliyev")
    certificate = issue(course, django_capture_on_commit_callbacks)[0]

    with pytest.raises(ValidationError) as no_reason:
        certificate_revoke(certificate=certificate, reason="  ", user=None)
    certificate_revoke(certificate=certificate, reason="Error", user=None)
    first_revocation = Certificate.objects.get(pk=certificate.pk).revoked_at
    with pytest.raises(ValidationError) as twice:
        certificate_revoke(certificate=certificate, reason="Again", user=None)

    assert no_reason.value.error_dict["reason"][0].code == "required"
    assert twice.value.error_list[0].code == "already_revoked"
    certificate.refresh_from_db()
    assert (certificate.revocation_reason, certificate.revoked_at) == ("Error", first_revocation)


def test_revoking_several_is_all_or_nothing(course, django_capture_on_commit_callbacks):
    enrol(course, "Aliyev")
    enrol(course, "Babayev")
    first, second = issue(course, django_capture_on_commit_callbacks)
    certificate_revoke(certificate=second, reason="Error", user=None)

    with pytest.raises(ValidationError):
        certificates_revoke(certificates=[first, second], reason="Batch", user=None)

    assert Certificate.objects.get(pk=first.pk).status == CertificateStatus.VALID


def test_superseding_issues_a_corrected_certificate_and_keeps_the_old_one(
    course, django_capture_on_commit_callbacks
):
    enrolment = enrol(course, "Aliev")
    old = issue(course, django_capture_on_commit_callbacks)[0]
    enrolment.person.family_name = "Əliyev"
    enrolment.person.save()

    with django_capture_on_commit_callbacks(execute=True):
        new = certificate_supersede(
            certificate=old,
            reason="Family name misspelt.",
            corrections={"course_start_date": datetime.date(2026, 3, 2)},
        )

    old.refresh_from_db()
    assert old.status == CertificateStatus.SUPERSEDED
    assert old.holder_family_name == "Aliev"
    assert new.supersedes == old and old.superseded_by == new
    assert new.serial[-6:] == "000002" and new.serial != old.serial
    assert new.supersession_reason == "Family name misspelt."
    assert (new.holder_family_name, new.status) == ("Əliyev", CertificateStatus.VALID)
    assert new.course_start_date == datetime.date(2026, 3, 2)
    assert new.verification_code != old.verification_code
    new.refresh_from_db()
    assert new.pdf_sha256 and new.pdf_sha256 != old.pdf_sha256


def test_only_a_valid_certificate_can_be_superseded(course, django_capture_on_commit_callbacks):
    enrol(course, "Aliyev")
    old = issue(course, django_capture_on_commit_callbacks)[0]
    certificate_supersede(certificate=old, reason="Spelling")
    revoked = Certificate.objects.get(supersedes=old)
    certificate_revoke(certificate=revoked, reason="Fraud", user=None)

    with pytest.raises(ValidationError) as superseded:
        certificate_supersede(certificate=old, reason="Again")
    with pytest.raises(ValidationError) as was_revoked:
        certificate_supersede(certificate=revoked, reason="Again")

    assert superseded.value.error_list[0].code == "superseded"
    assert was_revoked.value.error_list[0].code == "revoked"
    assert Certificate.objects.count() == 2


def test_a_refused_correction_writes_nothing(course, django_capture_on_commit_callbacks):
    enrol(course, "Aliyev")
    old = issue(course, django_capture_on_commit_callbacks)[0]

    with pytest.raises(ValidationError) as not_correctable:
        certificate_supersede(certificate=old, reason="x", corrections={"serial": "FAKE-1"})
    with pytest.raises(ValidationError) as invalid:
        certificate_supersede(
            certificate=old, reason="x", corrections={"course_start_precision": "century"}
        )

    assert not_correctable.value.error_list[0].code == "not_correctable"
    assert "course_start_precision" in invalid.value.error_dict
    old.refresh_from_db()
    assert old.status == CertificateStatus.VALID
    assert Certificate.objects.count() == 1
    assert SerialCounter.objects.get().last_number == 1
