"""Which courses and enrolments await certificates, as queries across courses.

``certificates_issue`` decides for one course at a time (``check_course_can_be_certified``,
then its plan): a held course that can have ended gives a certificate to every completed
enrolment holding no current one. Which enrolments those are is ``awaiting_certificate``,
which the plan reads too; which courses qualify is the same rule as the service's checks, in
SQL, for the lists that span courses (the admin's dashboard and list filters). Tests compare
them with the service's dry run, ``certificates_preview``.
"""

import datetime

from django.db.models import Exists, OuterRef, Q, QuerySet

from apps.certificates.models import Certificate
from apps.courses.models import Course, CourseQuerySet, CourseStatus
from apps.enrolments.models import Enrolment, EnrolmentStatus


def awaiting_certificate() -> Q:
    """An enrolment awaits a certificate: completed, holding no current one (of any course).

    A condition on enrolments, to filter them by or to annotate each with.
    """
    current = Certificate.objects.current().filter(enrolment=OuterRef("pk"))
    return Q(status=EnrolmentStatus.COMPLETED) & ~Q(Exists(current))


def enrolments_awaiting_certificate(
    enrolments: QuerySet[Enrolment] | None = None,
) -> QuerySet[Enrolment]:
    """The completed enrolments that hold no current certificate (of any course)."""
    enrolments = Enrolment.objects.all() if enrolments is None else enrolments
    return enrolments.filter(awaiting_certificate())


def courses_awaiting_certificates(today: datetime.date) -> CourseQuerySet:
    """The courses ``certificates_issue`` would give certificates to on ``today``.

    Held, can have ended by ``today``, with a completed enrolment holding no current
    certificate; a course recorded as not awarding certificates ("certificates awarded": no)
    is left out: nothing is waiting there. Whether its issuer has a serial prefix is not
    asked here: the issuing preview says so, with a link to fix it.
    """
    awaiting = enrolments_awaiting_certificate().filter(course=OuterRef("pk"))
    return (
        Course.objects.filter(status=CourseStatus.HELD)
        .ended_by(today)
        .exclude(certificates_awarded=False)
        .filter(Exists(awaiting))
    )
