"""The admin list filters the dashboard's links set (``apps.dashboard.links``).

Declared on the course and enrolment lists, where anyone may use them; each selects with
the same query as the dashboard's count, so a count and the list it opens agree.
"""

from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from apps.certificates.eligibility import (
    courses_awaiting_certificates,
    enrolments_awaiting_certificate,
)
from apps.courses.models import UPCOMING_DAYS, Course
from apps.enrolments.models import Enrolment

AWAITING = "awaiting"
UPCOMING = "upcoming"


class CourseStartFilter(admin.SimpleListFilter):
    """Courses to come: not cancelled, starting within ``UPCOMING_DAYS`` (``upcoming()``)."""

    title = _("start")
    parameter_name = "starts"

    def lookups(self, request: HttpRequest, model_admin: admin.ModelAdmin) -> list[tuple[str, str]]:
        return [(UPCOMING, gettext("in the next %(days)d days") % {"days": UPCOMING_DAYS})]

    def queryset(self, request: HttpRequest, queryset: QuerySet[Course]) -> QuerySet[Course]:
        if self.value() == UPCOMING:
            return queryset.upcoming(timezone.localdate())
        return queryset


class CourseAwaitingCertificatesFilter(admin.SimpleListFilter):
    """Courses to issue certificates for today (``courses_awaiting_certificates``)."""

    title = _("certificates")
    parameter_name = "certificates"

    def lookups(self, request: HttpRequest, model_admin: admin.ModelAdmin) -> list[tuple[str, str]]:
        return [(AWAITING, _("awaiting issue"))]

    def queryset(self, request: HttpRequest, queryset: QuerySet[Course]) -> QuerySet[Course]:
        if self.value() == AWAITING:
            return queryset.filter(pk__in=courses_awaiting_certificates(timezone.localdate()))
        return queryset


class EnrolmentAwaitingCertificateFilter(admin.SimpleListFilter):
    """Completed enrolments holding no current certificate (``enrolments_awaiting_certificate``)."""

    title = _("certificate")
    parameter_name = "certificate"

    def lookups(self, request: HttpRequest, model_admin: admin.ModelAdmin) -> list[tuple[str, str]]:
        return [(AWAITING, _("completed, none issued"))]

    def queryset(self, request: HttpRequest, queryset: QuerySet[Enrolment]) -> QuerySet[Enrolment]:
        if self.value() == AWAITING:
            return enrolments_awaiting_certificate(queryset)
        return queryset


class CourseYearFilter(admin.SimpleListFilter):
    """Enrolments in courses that started in a year (a start "2026" counts for 2026).

    Offers this year and the two before, without a query; any year from 1 to 9999 is read
    from the address.
    """

    title = _("course year")
    parameter_name = "course_year"
    years_offered = 3

    def lookups(self, request: HttpRequest, model_admin: admin.ModelAdmin) -> list[tuple[str, str]]:
        this_year = timezone.localdate().year
        years = range(this_year, this_year - self.years_offered, -1)
        return [(str(year), str(year)) for year in years]

    def queryset(self, request: HttpRequest, queryset: QuerySet[Enrolment]) -> QuerySet[Enrolment]:
        value = self.value() or ""
        if value.isascii() and value.isdigit() and 1 <= int(value) <= 9999:
            return queryset.filter(course__start_date__year=int(value))
        return queryset
