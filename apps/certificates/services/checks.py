"""The refusals that issuing and correcting certificates share: course, issuer, address."""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from apps.certificates.models import Certificate, CertificateStatus
from apps.core.dates import format_day
from apps.core.sites import site_is_loopback
from apps.courses.models import Course, CourseStatus
from apps.organisations.models import Organisation

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
LOOPBACK_SITE_ERROR = _(
    "Certificates cannot be issued while the public address (SITE_BASE_URL, {address}) is "
    "a loopback address: every certificate would print a verification link that nobody "
    "else can open, for good. Set SITE_BASE_URL to the address verifiers reach."
)


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


def check_public_address() -> None:
    # Development may print loopback links: those certificates never leave the machine.
    if site_is_loopback() and not settings.DEBUG:
        raise ValidationError(
            LOOPBACK_SITE_ERROR.format(address=settings.SITE_BASE_URL), code="loopback_site"
        )


def check_course_can_be_certified(course: Course, today: datetime.date) -> None:
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
        message = COURSE_NOT_ENDED_ERROR.format(earliest=format_day(earliest))
        raise ValidationError({"course": ValidationError(message, code="course_not_ended")})


def checked_issuer(course: Course, issued_by: Organisation | None) -> Organisation:
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
