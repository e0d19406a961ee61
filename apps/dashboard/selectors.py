"""What the admin's first page shows a registrar: what needs doing, and the year's figures.

Every number is counted by the database, with a fixed number of queries whatever the size
of the register (one per list, one per count); a block the user may not see is neither
shown nor queried. Dates are
judged as the issuing rules judge them (``apps.core.dates``): a course known only to
"March 2027" starts on 1 March 2027, and one known only to "2027" on 1 January 2027.
"""

import datetime
from dataclasses import dataclass

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db.models import Count, Window

from apps.certificates.eligibility import (
    courses_awaiting_certificates,
    enrolments_awaiting_certificate,
)
from apps.certificates.models import Certificate, CertificateStatus, PdfStatus
from apps.core.permissions import VIEW_CERTIFICATES
from apps.core.queries import count_subquery
from apps.courses.models import UPCOMING_DAYS, Course, CourseQuerySet, CourseStatus
from apps.enrolments.models import Enrolment, EnrolmentStatus

# How many courses a block lists; its count links to all of them.
LISTED = 10

VIEW_COURSES: tuple[str, ...] = ("courses.view_course",)
VIEW_ENROLMENTS: tuple[str, ...] = ("enrolments.view_enrolment",)
# Who may see which block: the records each one shows or counts.
UPCOMING_PERMISSIONS = VIEW_COURSES
AWAITING_PERMISSIONS = (*VIEW_COURSES, *VIEW_ENROLMENTS, *VIEW_CERTIFICATES)
FAILURES_PERMISSIONS = VIEW_CERTIFICATES

User = AbstractBaseUser | AnonymousUser


@dataclass(frozen=True)
class CourseList:
    """The first ``LISTED`` courses of a block and how many there are in all."""

    courses: list[Course]
    count: int


@dataclass(frozen=True)
class CertificateFigures:
    """Certificates issued and revoked in a year, and PDFs whose rendering failed (ever)."""

    issued: int
    revoked: int
    pdf_failed: int


@dataclass(frozen=True)
class YearFigures:
    """A calendar year's figures; ``None`` where the user may not see the records counted."""

    year: int
    courses_held: int | None
    participants_trained: int | None
    certificates_issued: int | None
    certificates_revoked: int | None


@dataclass(frozen=True)
class Dashboard:
    """The admin's first page; a block is ``None`` when the user may not see it."""

    today: datetime.date
    upcoming_days: int
    upcoming: CourseList | None
    awaiting_certificates: CourseList | None
    pdf_failed: int | None
    figures: YearFigures


def _first_and_count(courses: CourseQuerySet, limit: int) -> CourseList:
    """The first ``limit`` courses and the count of all, in one query (a window count)."""
    listed = list(courses.annotate(total_count=Window(Count("pk")))[:limit])
    return CourseList(courses=listed, count=listed[0].total_count if listed else 0)


def upcoming_courses(*, today: datetime.date, limit: int = LISTED) -> CourseList:
    """Courses not cancelled that start within ``UPCOMING_DAYS`` from ``today``, soonest first."""
    courses = (
        Course.objects.upcoming(today)
        .select_related("programme")
        .order_by("start_date", "title_en", "pk")
    )
    return _first_and_count(courses, limit)


def courses_to_certify(*, today: datetime.date, limit: int = LISTED) -> CourseList:
    """Held courses with completed enrolments awaiting certificates, latest ended first.

    Each course carries ``awaiting``: how many of its enrolments would receive one.
    """
    courses = (
        courses_awaiting_certificates(today)
        .select_related("programme")
        .annotate(awaiting=count_subquery(enrolments_awaiting_certificate(), "course"))
        .order_by("-end_date", "title_en", "pk")
    )
    return _first_and_count(courses, limit)


def year_bounds(year: int) -> tuple[datetime.date, datetime.date]:
    return datetime.date(year, 1, 1), datetime.date(year, 12, 31)


def courses_held_count(*, year: int) -> int:
    """Held courses that started in ``year`` (a start known only as "2026" counts for 2026)."""
    first, last = year_bounds(year)
    return Course.objects.filter(status=CourseStatus.HELD).starting_between(first, last).count()


def participants_trained_count(*, year: int) -> int:
    """Completed enrolments of the courses that started in ``year``.

    A participant who completed two courses counts twice: a completion date is often not
    recorded (press reports rarely give one), so the course's start places it in a year.
    """
    first, last = year_bounds(year)
    return Enrolment.objects.filter(
        status=EnrolmentStatus.COMPLETED,
        course__start_date__gte=first,
        course__start_date__lte=last,
    ).count()


def certificate_figures(*, year: int) -> CertificateFigures:
    """Certificates issued in ``year`` (whatever became of them), revoked in ``year`` (in
    ``TIME_ZONE``), and PDFs failed: three counts, each read from an index."""
    first, last = year_bounds(year)
    certificates = Certificate.objects.order_by()
    return CertificateFigures(
        issued=certificates.filter(issued_on__gte=first, issued_on__lte=last).count(),
        revoked=certificates.filter(
            status=CertificateStatus.REVOKED, revoked_at__year=year
        ).count(),
        pdf_failed=certificates.with_pdf_status(PdfStatus.FAILED).count(),
    )


def dashboard(*, user: User, today: datetime.date) -> Dashboard:
    """Everything the admin's first page shows ``user`` on ``today``, and nothing else."""

    def may(permissions: tuple[str, ...]) -> bool:
        return user.has_perms(permissions)

    certificates = certificate_figures(year=today.year) if may(VIEW_CERTIFICATES) else None
    figures = YearFigures(
        year=today.year,
        courses_held=courses_held_count(year=today.year) if may(VIEW_COURSES) else None,
        participants_trained=(
            participants_trained_count(year=today.year)
            if may((*VIEW_COURSES, *VIEW_ENROLMENTS))
            else None
        ),
        certificates_issued=certificates.issued if certificates else None,
        certificates_revoked=certificates.revoked if certificates else None,
    )
    return Dashboard(
        today=today,
        upcoming_days=UPCOMING_DAYS,
        upcoming=upcoming_courses(today=today) if may(UPCOMING_PERMISSIONS) else None,
        awaiting_certificates=(
            courses_to_certify(today=today) if may(AWAITING_PERMISSIONS) else None
        ),
        pdf_failed=certificates.pdf_failed if certificates else None,
        figures=figures,
    )
