"""Issuing a course's certificates: the preview, then all rows in one short transaction."""

from dataclasses import dataclass, field
from typing import Any

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.db.models import BooleanField, ExpressionWrapper, Prefetch
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.utils import bulk_create_with_history

from apps.certificates.eligibility import awaiting_certificate
from apps.certificates.models import Certificate, SerialCounter
from apps.certificates.services.checks import (
    check_course_can_be_certified,
    check_public_address,
    checked_issuer,
)
from apps.certificates.services.pdfs import store_pdfs_after_commit
from apps.core.audit import ADDITION, actions_log
from apps.courses.models import Course
from apps.enrolments.models import Enrolment, EnrolmentStatus
from apps.organisations.models import Organisation

# What history and the admin's "Recent actions" record for each change.
ISSUED_REASON = _("Issued for {course}.")


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


def certificates_preview(*, course: Course, issued_by: Organisation | None = None) -> IssuePlan:
    """The dry run of ``certificates_issue``: nothing is written."""
    check_public_address()
    check_course_can_be_certified(course, timezone.localdate())
    issuer = checked_issuer(course, issued_by)
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
    check_public_address()
    issued_on = timezone.localdate()
    check_course_can_be_certified(course, issued_on)
    issuer = checked_issuer(course, issued_by)
    with transaction.atomic():
        # Checked again on the locked row: the course may have changed since it was read.
        locked_course = Course.objects.select_for_update().get(pk=course.pk)
        check_course_can_be_certified(locked_course, issued_on)
        counter = locked_counter(issuer, issued_on.year)
        # Planned under the lock: a concurrent call for the same course waits above and then
        # finds the certificates this one issued.
        plan = _plan(course, issuer)
        certificates = [
            Certificate(
                enrolment=enrolment,
                serial=serial_for(issuer, issued_on.year, counter.last_number + position),
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
            store_pdfs_after_commit(certificates)
    return IssueResult(plan=plan, issued=certificates)


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
        .annotate(awaits=ExpressionWrapper(awaiting_certificate(), output_field=BooleanField()))
        .select_related("person", "course__programme")
        .prefetch_related(Prefetch("certificates", queryset=current, to_attr="current"))
        .order_by("person__family_name", "person__given_names", "id")
    )
    plan = IssuePlan(course=course, issuer=issuer)
    for enrolment in enrolments:
        if enrolment.awaits:
            plan.eligible.append(enrolment)
            continue
        # Why not: the current certificate it holds, else its status.
        if enrolment.current:
            reason, context = Exclusion.ALREADY_CERTIFIED, {"serial": enrolment.current[0].serial}
        elif enrolment.status == EnrolmentStatus.WITHDRAWN:
            reason, context = Exclusion.WITHDRAWN, {}
        else:
            reason, context = Exclusion.NOT_COMPLETED, {"status": enrolment.get_status_display()}
        message = Exclusion.MESSAGES[reason].format(**context)
        plan.excluded.append(ExcludedEnrolment(enrolment=enrolment, reason=reason, message=message))
    return plan


def locked_counter(issuer: Organisation, year: int) -> SerialCounter:
    """The issuer's counter for the year, locked until the transaction ends."""
    # Create it if missing without failing when a concurrent issuer creates it too.
    SerialCounter.objects.bulk_create(
        [SerialCounter(issuer=issuer, year=year)], ignore_conflicts=True
    )
    return SerialCounter.objects.select_for_update().get(issuer=issuer, year=year)


def serial_for(issuer: Organisation, year: int, number: int) -> str:
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
