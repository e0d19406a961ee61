"""Issuing, rendering, revoking and superseding certificates: the only ways they change.

Issuing is two steps: one short transaction creates every certificate row with its serial
and code, all or nothing, while the issuer's serial counter is locked; after commit each PDF
is rendered, stored and hashed, outside any lock: by Celery workers when a broker is set
(``CELERY_BROKER_URL``), otherwise in the issuing process. A certificate whose rendering
failed has no file yet (its PDF status says failed); ``certificate_pdf_store`` renders it
later, once.
"""

import datetime
import hashlib
import logging
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Prefetch
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.utils import bulk_create_with_history

from apps.certificates.models import Certificate, CertificateStatus, SerialCounter
from apps.certificates.pdf import certificate_pdf_render
from apps.core.audit import ADDITION, CHANGE, actions_log
from apps.core.sites import site_is_loopback
from apps.courses.models import Course, CourseStatus
from apps.enrolments.models import Enrolment, EnrolmentStatus
from apps.organisations.models import Organisation

logger = logging.getLogger(__name__)

COURSE_NOT_HELD_ERROR = _(
    "Certificates are issued only for a course that was held; this course is {status}."
)
COURSE_NOT_ENDED_ERROR = _(
    "The course may not have ended yet: it cannot end before {earliest}. "
    "Issue its certificates from that day."
)
COURSE_DATES_UNKNOWN_ERROR = _(
    "The course's dates are unknown: record at least the year it ended before issuing "
    "its certificates."
)
NO_DELIVERER_ERROR = _(
    "No issuer: the course does not record who delivered it. Record the delivering "
    "organisation first."
)
NO_ISSUER_ERROR = _(
    "No issuer: the course's delivering organisation, and the organisations it belongs to, "
    "have no certificate serial prefix. Set one on the organisation that issues them."
)
# A placeholder filled by ValidationError's params, not str.format(): the error also carries
# the organisation (for a link to fix it), and Django applies params to the whole message.
ISSUER_WITHOUT_PREFIX_ERROR = _(
    "%(issuer)s has no certificate serial prefix: set one before it issues certificates."
)
COURSE_HOLDS_CERTIFICATES_ERROR = _(
    "The course stays held: its participants hold valid certificates ({serials}). "
    "Revoke them first."
)
MORE_SERIALS = _("{serials} and {count} more")
SERIALS_NAMED = 10  # in a refusal: enough to find them, short enough to read
REASON_REQUIRED_ERROR = _("Give the reason.")
ALREADY_REVOKED_ERROR = _("Certificate {serial} was already revoked.")
SUPERSEDED_CANNOT_CHANGE_ERROR = _(
    "Certificate {serial} was superseded by {successor}: act on the current certificate."
)
REVOKED_CANNOT_BE_SUPERSEDED_ERROR = _("Certificate {serial} is revoked: it cannot be corrected.")
UNKNOWN_CORRECTION_ERROR = _("These fields cannot be corrected: {fields}.")
LOOPBACK_SITE_ERROR = _(
    "Certificates cannot be issued while the public address (SITE_BASE_URL, {address}) is "
    "a loopback address: every certificate would print a verification link that nobody "
    "else can open, for good. Set SITE_BASE_URL to the address verifiers reach."
)

# What history and the admin's "Recent actions" record for each change.
ISSUED_REASON = _("Issued for {course}.")
REVOKED_REASON = _("Revoked: {reason}")
SUPERSEDED_REASON = _("Superseded by {serial}: {reason}")
CORRECTING_REASON = _("Issued to correct {serial}: {reason}")
PDF_STORED_REASON = _("PDF rendered and stored.")
PDF_FAILED_REASON = _("Rendering the PDF failed; it is rendered again later.")

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


class Exclusion:
    """Why an enrolment receives no certificate: a code and the text shown to registrars."""

    NOT_COMPLETED = "not_completed"
    WITHDRAWN = "withdrawn"
    ALREADY_CERTIFIED = "already_certified"

    MESSAGES = {
        NOT_COMPLETED: _("has not completed the course ({status})"),
        WITHDRAWN: _("withdrew from the course"),
        ALREADY_CERTIFIED: _("already holds certificate {serial}"),
    }


@dataclass(frozen=True)
class ExcludedEnrolment:
    enrolment: Enrolment
    reason: str
    message: str


@dataclass(frozen=True)
class IssuePlan:
    """Who would receive a certificate for a course, and who would not and why."""

    course: Course
    issuer: Organisation
    eligible: list[Enrolment] = field(default_factory=list)
    excluded: list[ExcludedEnrolment] = field(default_factory=list)

    @property
    def undated(self) -> list[Enrolment]:
        """Who would receive a certificate although their completion date is not recorded."""
        return [enrolment for enrolment in self.eligible if enrolment.completed_on is None]


@dataclass(frozen=True)
class IssueResult:
    plan: IssuePlan
    issued: list[Certificate]


def certificate_issuer_for(course: Course) -> Organisation:
    """The organisation that issues a course's certificates.

    The delivering organisation if it has a serial prefix, else the nearest organisation it
    belongs to that has one: JFC Brunssum's Mobile Training Team issues under JFCBS.
    """
    organisation = course.delivered_by
    if organisation is None:
        raise ValidationError(
            {"issued_by": ValidationError(NO_DELIVERER_ERROR, code="no_delivering_organisation")}
        )
    seen: set[int] = set()
    while organisation is not None and organisation.pk not in seen:
        if organisation.serial_prefix:
            return organisation
        seen.add(organisation.pk)
        organisation = organisation.parent
    raise ValidationError(
        {
            "issued_by": ValidationError(
                NO_ISSUER_ERROR, code="no_issuer", params={"organisation": course.delivered_by}
            )
        }
    )


def organisation_to_fix(error: ValidationError) -> Organisation | None:
    """The organisation a refusal asks to fix (set its serial prefix), if it names one."""
    errors = error.error_dict.values() if hasattr(error, "error_dict") else [error.error_list]
    for error_list in errors:
        for item in error_list:
            organisation = (item.params or {}).get("organisation")
            if isinstance(organisation, Organisation):
                return organisation
    return None


def course_status_check(*, course: Course, status: str) -> None:
    """Refuse to move a course whose participants hold valid certificates away from held.

    A cancelled or planned course with valid certificates would be verified abroad as
    training that took place: the certificates are revoked first. Called by the course's
    admin form and API serializer; the courses app cannot know certificates (layering).
    """
    if status == CourseStatus.HELD or course.pk is None:
        return
    serials = list(
        Certificate.objects.filter(enrolment__course=course, status=CertificateStatus.VALID)
        .order_by("serial")
        .values_list("serial", flat=True)
    )
    if serials:
        shown = ", ".join(serials[:SERIALS_NAMED])
        if len(serials) > SERIALS_NAMED:
            shown = MORE_SERIALS.format(serials=shown, count=len(serials) - SERIALS_NAMED)
        raise ValidationError(
            {
                "status": ValidationError(
                    COURSE_HOLDS_CERTIFICATES_ERROR.format(serials=shown),
                    code="course_holds_certificates",
                )
            }
        )


def certificates_preview(*, course: Course, issued_by: Organisation | None = None) -> IssuePlan:
    """The dry run of ``certificates_issue``: nothing is written."""
    _check_public_address()
    _check_course_can_be_certified(course, timezone.localdate())
    issuer = _checked_issuer(course, issued_by)
    return _plan(course, issuer)


def certificates_issue(
    *,
    course: Course,
    issued_by: Organisation | None = None,
    user: AbstractBaseUser | None = None,
) -> IssueResult:
    """Issue a certificate to every completed enrolment of a held course that has none.

    Idempotent (a second call issues nothing) and all or nothing. The PDFs are rendered
    after commit; see the module docstring. Records on the course that certificates were
    awarded. ``user`` is recorded in each certificate's history, and the course's, as the one
    who issued them.
    """
    _check_public_address()
    issued_on = timezone.localdate()
    _check_course_can_be_certified(course, issued_on)
    issuer = _checked_issuer(course, issued_by)
    with transaction.atomic():
        # Checked again on the locked row: the course may have changed since it was read.
        locked_course = Course.objects.select_for_update().get(pk=course.pk)
        _check_course_can_be_certified(locked_course, issued_on)
        counter = _locked_counter(issuer, issued_on.year)
        # Planned under the lock: a concurrent call for the same course waits above and then
        # finds the certificates this one issued.
        plan = _plan(course, issuer)
        certificates = [
            Certificate(
                enrolment=enrolment,
                serial=_serial(issuer, issued_on.year, counter.last_number + position),
                issued_on=issued_on,
                issued_by=issuer,
                **certificate_snapshot(enrolment, issuer),
            )
            for position, enrolment in enumerate(plan.eligible, start=1)
        ]
        if certificates:
            counter.last_number += len(certificates)
            counter.save(update_fields=["last_number"])
            reason = str(ISSUED_REASON).format(course=course)
            bulk_create_with_history(
                certificates, Certificate, default_user=user, default_change_reason=reason
            )
            actions_log(user=user, objects=certificates, action_flag=ADDITION, message=reason)
            _record_certificates_awarded(locked_course, user)
            course.certificates_awarded = locked_course.certificates_awarded
            _store_pdfs_after_commit(certificates)
    return IssueResult(plan=plan, issued=certificates)


def certificate_pdf_store(*, certificate: Certificate) -> Certificate:
    """Render, store and hash a certificate's PDF, once: a stored PDF is never replaced.

    A rendering that fails raises, and leaves the certificate as it was.
    """
    if certificate.pdf:
        return certificate
    content = certificate_pdf_render(certificate)  # outside any lock: rendering takes time
    with transaction.atomic():
        locked = Certificate.objects.select_for_update().get(pk=certificate.pk)
        if not locked.pdf:
            locked.pdf.save(f"{locked.serial}.pdf", ContentFile(content), save=False)
            locked.pdf_sha256 = hashlib.sha256(content).hexdigest()
            locked.pdf_failed_at = None
            locked._change_reason = str(PDF_STORED_REASON)
            locked.save(update_fields=["pdf", "pdf_sha256", "pdf_failed_at"])
    certificate.refresh_from_db(fields=["pdf", "pdf_sha256", "pdf_failed_at", "updated_at"])
    return certificate


def certificate_pdf_failure_record(*, certificate: Certificate) -> Certificate:
    """Record that rendering a certificate's PDF failed for good: its PDF status is failed.

    Nothing changes if the PDF was stored meanwhile (another attempt succeeded).
    """
    with transaction.atomic():
        locked = Certificate.objects.select_for_update().get(pk=certificate.pk)
        if not locked.pdf:
            locked.pdf_failed_at = timezone.now()
            locked._change_reason = str(PDF_FAILED_REASON)
            locked.save(update_fields=["pdf_failed_at"])
    certificate.refresh_from_db(fields=["pdf", "pdf_sha256", "pdf_failed_at", "updated_at"])
    return certificate


def certificates_pdf_store_pending(*, certificates: Iterable[Certificate]) -> list[Certificate]:
    """Store the PDF of each certificate that has none, here and now; answer those stored.

    A failure is logged and recorded (the PDF status says failed), and the others go on.
    """
    stored = []
    for certificate in certificates:
        try:
            stored.append(certificate_pdf_store(certificate=certificate))
        except Exception:
            logger.exception("Rendering the PDF of certificate %s failed", certificate.serial)
            certificate_pdf_failure_record(certificate=certificate)
    return stored


def certificates_pdf_dispatch(*, certificates: list[Certificate]) -> None:
    """Have each certificate's PDF rendered and stored: by the workers, or else here.

    With a broker (``CELERY_BROKER_URL``) each certificate's rendering is queued for the
    workers and this returns at once; without one, or for those the broker did not take
    (it is down), they are rendered here before this returns.
    """
    if settings.CELERY_BROKER_URL:
        # The tasks call this module's services: imported here, not at the top.
        from apps.certificates.tasks import certificates_pdf_queue

        certificates = certificates_pdf_queue(certificates=certificates)
    certificates_pdf_store_pending(certificates=certificates)


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
    _check_public_address()
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
        _check_course_can_be_certified(old.enrolment.course, issued_on)
        counter = _locked_counter(old.issued_by, issued_on.year)
        serial = _serial(old.issued_by, issued_on.year, counter.last_number + 1)
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
        _store_pdfs_after_commit([new])
    return new


def _check_public_address() -> None:
    # Development may print loopback links: those certificates never leave the machine.
    if site_is_loopback() and not settings.DEBUG:
        raise ValidationError(
            LOOPBACK_SITE_ERROR.format(address=settings.SITE_BASE_URL), code="loopback_site"
        )


def _check_course_can_be_certified(course: Course, today: datetime.date) -> None:
    """A course is certified once it was held and can have ended, judged by its dates.

    A course known only to end in "2026" can be certified from 1 January 2026; one ending
    on 7 March 2027 only from that day. With no date at all nobody can tell it is over, and
    a certificate that prints no date means little to a verifier: refused.
    """
    if course.status != CourseStatus.HELD:
        message = COURSE_NOT_HELD_ERROR.format(status=course.get_status_display())
        raise ValidationError({"course": ValidationError(message, code="course_not_held")})
    earliest = course.earliest_end
    if earliest is None:
        raise ValidationError(
            {"course": ValidationError(COURSE_DATES_UNKNOWN_ERROR, code="course_dates_unknown")}
        )
    if earliest > today:
        message = COURSE_NOT_ENDED_ERROR.format(earliest=earliest.isoformat())
        raise ValidationError({"course": ValidationError(message, code="course_not_ended")})


def _checked_issuer(course: Course, issued_by: Organisation | None) -> Organisation:
    issuer = issued_by or certificate_issuer_for(course)
    if not issuer.serial_prefix:
        raise ValidationError(
            {
                "issued_by": ValidationError(
                    ISSUER_WITHOUT_PREFIX_ERROR,
                    code="no_serial_prefix",
                    params={"issuer": issuer, "organisation": issuer},
                )
            }
        )
    return issuer


def _record_certificates_awarded(course: Course, user: AbstractBaseUser | None) -> None:
    """Issuing answers "were certificates awarded?" for the course: yes, with a history row."""
    if course.certificates_awarded is True:
        return
    course.certificates_awarded = True
    course._history_user = user
    course.save(update_fields=["certificates_awarded"])


def _plan(course: Course, issuer: Organisation) -> IssuePlan:
    current = Certificate.objects.current()
    enrolments = (
        Enrolment.objects.filter(course=course)
        .select_related("person", "course__programme")
        .prefetch_related(Prefetch("certificates", queryset=current, to_attr="current"))
        .order_by("person__family_name", "person__given_names", "id")
    )
    plan = IssuePlan(course=course, issuer=issuer)
    for enrolment in enrolments:
        if enrolment.current:
            reason, context = Exclusion.ALREADY_CERTIFIED, {"serial": enrolment.current[0].serial}
        elif enrolment.status == EnrolmentStatus.WITHDRAWN:
            reason, context = Exclusion.WITHDRAWN, {}
        elif enrolment.status != EnrolmentStatus.COMPLETED:
            reason, context = Exclusion.NOT_COMPLETED, {"status": enrolment.get_status_display()}
        else:
            plan.eligible.append(enrolment)
            continue
        message = Exclusion.MESSAGES[reason].format(**context)
        plan.excluded.append(ExcludedEnrolment(enrolment=enrolment, reason=reason, message=message))
    return plan


def _locked_counter(issuer: Organisation, year: int) -> SerialCounter:
    """The issuer's counter for the year, locked until the transaction ends."""
    # Create it if missing without failing when a concurrent issuer creates it too.
    SerialCounter.objects.bulk_create(
        [SerialCounter(issuer=issuer, year=year)], ignore_conflicts=True
    )
    return SerialCounter.objects.select_for_update().get(issuer=issuer, year=year)


def _serial(issuer: Organisation, year: int, number: int) -> str:
    """PREFIX-YEAR-NUMBER, e.g. JFCBS-2026-000042: per issuer and year, without gaps."""
    return f"{issuer.serial_prefix}-{year}-{number:06d}"


def certificate_snapshot(enrolment: Enrolment, issuer: Organisation) -> dict[str, Any]:
    """What the certificate attests, copied from the records as they are at issue."""
    person = enrolment.person
    course = enrolment.course
    programme = course.programme
    return {
        "holder_name": person.full_name,
        "holder_family_name": person.family_name,
        "course_title_en": course.title_en,
        "course_title_fr": course.title_fr,
        "course_start_date": course.start_date,
        "course_start_precision": course.start_precision,
        "course_end_date": course.end_date,
        "course_end_precision": course.end_precision,
        "course_city": course.city,
        "course_country": course.country,
        "programme_title_en": programme.title_en,
        "programme_title_fr": programme.title_fr,
        "issuer_name_en": issuer.name_en,
        "issuer_name_fr": issuer.name_fr,
        "languages": ["en", "fr"],
    }


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


def _store_pdfs_after_commit(certificates: list[Certificate]) -> None:
    """Render after commit; rendered here, the caller's instances get the stored PDF and hash."""
    transaction.on_commit(lambda: certificates_pdf_dispatch(certificates=certificates))
