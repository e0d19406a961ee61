"""After issue: revoking a certificate, or correcting it by issuing one that supersedes it."""

from collections.abc import Sequence
from typing import Any

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from apps.certificates.models import Certificate, CertificateStatus
from apps.certificates.services.checks import check_course_can_be_certified, check_public_address
from apps.certificates.services.issuing import certificate_snapshot, locked_counter, serial_for
from apps.certificates.services.pdfs import store_pdfs_after_commit
from apps.core.audit import ADDITION, CHANGE, actions_log

REASON_REQUIRED_ERROR = _("Give the reason.")
ALREADY_REVOKED_ERROR = _("Certificate {serial} was already revoked.")
SUPERSEDED_CANNOT_CHANGE_ERROR = _(
    "Certificate {serial} was superseded by {successor}: act on the current certificate."
)
REVOKED_CANNOT_BE_SUPERSEDED_ERROR = _("Certificate {serial} is revoked: it cannot be corrected.")
UNKNOWN_CORRECTION_ERROR = _("These fields cannot be corrected: {fields}.")
REVOKED_REASON = _("Revoked: {reason}")
SUPERSEDED_REASON = _("Superseded by {serial}: {reason}")
CORRECTING_REASON = _("Issued to correct {serial}: {reason}")
# What a correction (supersession) may change; everything else is copied again from the
# records, so fixing a person's name in the records and superseding picks it up.
CORRECTABLE_FIELDS = frozenset(
    {
        "holder_name",
        "holder_family_name",
        "course_title_en",
        "course_title_fr",
        "course_start_date",
        "course_start_precision",
        "course_end_date",
        "course_end_precision",
        "course_city",
        "course_country",
    }
)


@transaction.atomic
def certificate_revoke(
    *, certificate: Certificate, reason: str, user: AbstractBaseUser | None
) -> Certificate:
    """Revoke a valid certificate, recording who, when and why. Revoking twice is refused."""
    return certificates_revoke(certificates=[certificate], reason=reason, user=user)[0]


@transaction.atomic
def certificates_revoke(
    *, certificates: Sequence[Certificate], reason: str, user: AbstractBaseUser | None
) -> list[Certificate]:
    """Revoke several certificates with one reason: all of them, or none if one is refused."""
    reason = _required_reason(reason)
    locked = {
        certificate.pk: certificate
        for certificate in Certificate.objects.select_for_update().filter(
            pk__in=[certificate.pk for certificate in certificates]
        )
    }
    now = timezone.now()
    revoked = []
    for original in certificates:
        certificate = locked[original.pk]
        _check_is_current(certificate)
        if certificate.status == CertificateStatus.REVOKED:
            raise ValidationError(
                ALREADY_REVOKED_ERROR.format(serial=certificate.serial), code="already_revoked"
            )
        certificate.status = CertificateStatus.REVOKED
        certificate.revoked_at = now
        certificate.revoked_by = user
        certificate.revocation_reason = reason
        certificate._history_user = user
        certificate._change_reason = str(REVOKED_REASON).format(reason=reason)
        certificate.save(update_fields=["status", "revoked_at", "revoked_by", "revocation_reason"])
        actions_log(
            user=user, objects=[certificate], action_flag=CHANGE, message=certificate._change_reason
        )
        revoked.append(certificate)
    return revoked


def certificate_supersede(
    *,
    certificate: Certificate,
    reason: str,
    corrections: dict[str, Any] | None = None,
    user: AbstractBaseUser | None = None,
) -> Certificate:
    """Correct a certificate by issuing a new one with a new serial; the old one stays.

    The new certificate copies the records again (so a name fixed on the person is taken up)
    and then applies ``corrections`` (only ``CORRECTABLE_FIELDS``). Verifying the old one
    then says it was superseded by the new one. ``user`` is recorded in both histories.
    """
    check_public_address()
    reason = _required_reason(reason)
    corrections = dict(corrections or {})
    unknown = sorted(set(corrections) - CORRECTABLE_FIELDS)
    if unknown:
        raise ValidationError(
            UNKNOWN_CORRECTION_ERROR.format(fields=", ".join(unknown)), code="not_correctable"
        )
    issued_on = timezone.localdate()
    with transaction.atomic():
        old = Certificate.objects.select_for_update().get(pk=certificate.pk)
        _check_is_current(old)
        if old.status == CertificateStatus.REVOKED:
            raise ValidationError(
                REVOKED_CANNOT_BE_SUPERSEDED_ERROR.format(serial=old.serial), code="revoked"
            )
        # A correction is a new certificate: the course must allow one as when it was issued.
        check_course_can_be_certified(old.enrolment.course, issued_on)
        counter = locked_counter(old.issued_by, issued_on.year)
        serial = serial_for(old.issued_by, issued_on.year, counter.last_number + 1)
        old.status = CertificateStatus.SUPERSEDED
        old._history_user = user
        old._change_reason = str(SUPERSEDED_REASON).format(serial=serial, reason=reason)
        old.save(update_fields=["status"])
        new = Certificate(
            enrolment=old.enrolment,
            serial=serial,
            issued_on=issued_on,
            issued_by=old.issued_by,
            supersedes=old,
            supersession_reason=reason,
            **{**certificate_snapshot(old.enrolment, old.issued_by), **corrections},
        )
        new.full_clean(exclude=["enrolment"], validate_constraints=False)
        counter.last_number += 1
        counter.save(update_fields=["last_number"])
        new._history_user = user
        new._change_reason = str(CORRECTING_REASON).format(serial=old.serial, reason=reason)
        new.save()
        actions_log(user=user, objects=[old], action_flag=CHANGE, message=old._change_reason)
        actions_log(user=user, objects=[new], action_flag=ADDITION, message=new._change_reason)
        store_pdfs_after_commit([new])
    return new


def _required_reason(reason: str) -> str:
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": ValidationError(REASON_REQUIRED_ERROR, code="required")})
    return reason


def _check_is_current(certificate: Certificate) -> None:
    if certificate.status == CertificateStatus.SUPERSEDED:
        successor = Certificate.objects.filter(supersedes=certificate).first()
        raise ValidationError(
            SUPERSEDED_CANNOT_CHANGE_ERROR.format(
                serial=certificate.serial, successor=successor.serial if successor else "?"
            ),
            code="superseded",
        )
