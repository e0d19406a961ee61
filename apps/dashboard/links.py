"""Where each item of the dashboard leads: admin lists filtered to exactly its records.

Each address uses a filter the list shows (its sidebar says what is selected), so a count on
the dashboard and the list it opens agree.
"""

from dataclasses import dataclass
from urllib.parse import urlencode

from django.urls import reverse
from django.utils.translation import get_language

from apps.certificates.models import CertificateStatus, PdfStatus
from apps.core.dates import date_range_text
from apps.courses.models import Course, CourseStatus
from apps.dashboard.filters import (
    AWAITING,
    UPCOMING,
    CourseAwaitingCertificatesFilter,
    CourseStartFilter,
    CourseYearFilter,
    EnrolmentAwaitingCertificateFilter,
)
from apps.dashboard.selectors import Dashboard
from apps.enrolments.models import EnrolmentStatus

UPCOMING_FILTER = {CourseStartFilter.parameter_name: UPCOMING}
AWAITING_COURSES_FILTER = {CourseAwaitingCertificatesFilter.parameter_name: AWAITING}
AWAITING_ENROLMENTS_FILTER = {EnrolmentAwaitingCertificateFilter.parameter_name: AWAITING}
# The certificate list's filter by PDF status (apps/certificates/admin.py, PdfStatusFilter).
PDF_FAILED_FILTER = {"pdf_status": PdfStatus.FAILED.value}


def changelist_url(model: str, filters: dict[str, object] | None = None) -> str:
    """An admin list (``"app_label.model_name"``) with ``filters`` as its query string."""
    app_label, model_name = model.split(".")
    url = reverse(f"admin:{app_label}_{model_name}_changelist")
    return f"{url}?{urlencode(filters)}" if filters else url


@dataclass(frozen=True)
class CourseRow:
    """A course listed on the dashboard, with its page and, if awaiting certificates, the
    enrolments that await them."""

    course: Course
    url: str
    dates: str
    awaiting_url: str = ""


@dataclass(frozen=True)
class DashboardLinks:
    """The dashboard's addresses; the rows of its course lists."""

    course_list: str
    upcoming: str
    upcoming_rows: list[CourseRow]
    awaiting: str
    awaiting_rows: list[CourseRow]
    pdf_failed: str
    courses_held: str
    participants_trained: str
    certificates_issued: str
    certificates_revoked: str


def _course_row(course: Course, awaiting_url: str = "") -> CourseRow:
    dates = date_range_text(
        course.start_date,
        course.start_precision,
        course.end_date,
        course.end_precision,
        get_language() or "en",
    )
    url = reverse("admin:courses_course_change", args=[course.pk])
    return CourseRow(course=course, url=url, dates=dates, awaiting_url=awaiting_url)


def dashboard_links(board: Dashboard) -> DashboardLinks:
    year = board.figures.year
    upcoming = board.upcoming.courses if board.upcoming else []
    awaiting = board.awaiting_certificates.courses if board.awaiting_certificates else []
    return DashboardLinks(
        course_list=changelist_url("courses.course"),
        upcoming=changelist_url("courses.course", UPCOMING_FILTER),
        upcoming_rows=[_course_row(course) for course in upcoming],
        awaiting=changelist_url("courses.course", AWAITING_COURSES_FILTER),
        awaiting_rows=[
            _course_row(
                course,
                changelist_url(
                    "enrolments.enrolment",
                    {**AWAITING_ENROLMENTS_FILTER, "course__id__exact": course.pk},
                ),
            )
            for course in awaiting
        ],
        pdf_failed=changelist_url("certificates.certificate", PDF_FAILED_FILTER),
        courses_held=changelist_url(
            "courses.course", {"status__exact": CourseStatus.HELD.value, "start_date__year": year}
        ),
        participants_trained=changelist_url(
            "enrolments.enrolment",
            {
                "status__exact": EnrolmentStatus.COMPLETED.value,
                CourseYearFilter.parameter_name: year,
            },
        ),
        certificates_issued=changelist_url("certificates.certificate", {"issued_on__year": year}),
        certificates_revoked=changelist_url(
            "certificates.certificate",
            {"status__exact": CertificateStatus.REVOKED.value, "revoked_at__year": year},
        ),
    )
