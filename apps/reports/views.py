"""The admin's reports pages: the figures with their charts, and a course's attendance list.

Served under /admin/reports/ through ``admin.site.admin_view`` (staff only, the admin's
login); each view then checks the permission its content needs.
"""

from typing import Any

from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.utils.translation import get_language, gettext

from apps.core.api.filters import MAX_RECORD_ID
from apps.core.languages import LANGUAGE_CODES, country_name
from apps.core.permissions import VIEW_ATTENDANCE, VIEW_REPORTS
from apps.courses.models import Course
from apps.reports.charts import BarChart, bar_chart
from apps.reports.exports import MEDIA_TYPES, attendance_export, attendance_filename
from apps.reports.forms import ReportFilterForm
from apps.reports.pdf import attendance_pdf_render
from apps.reports.selectors import (
    ReportFilters,
    certificates_issued_series,
    course_attendance,
    participants_trained_series,
    programme_figures,
    programme_figures_total,
)


def _require(request: HttpRequest, permissions: tuple[str, ...]) -> None:
    if not request.user.has_perms(permissions):
        raise PermissionDenied


def _course_or_404(course_id: int) -> Course:
    # An id past what the database holds would overflow SQLite's integers: no such course.
    if course_id > MAX_RECORD_ID:
        raise Http404
    return get_object_or_404(Course.objects.select_related("programme"), pk=course_id)


def _in_language(row: dict[str, Any], field: str, language: str) -> str:
    """A bilingual value of a figures row, French falling back to English as records do."""
    return row.get(f"{field}_{language}") or row.get(f"{field}_en") or ""


def _language(request: HttpRequest) -> str:
    return (get_language() or "en").split("-")[0]


def _charts(filters: ReportFilters, language: str) -> list[tuple[str, BarChart, str]]:
    """The page's charts: an id, the chart and the heading of its table's first column."""
    trained = bar_chart(
        title=gettext("Participants trained per year and partner"),
        description=gettext(
            "People who completed a course, per year of the course and per partner: "
            "one group of bars per year, one bar per partner. The accompanying table gives the "
            "numbers."
        ),
        points=(
            (str(row["year"]), _in_language(row, "partner_name", language), row["value"])
            for row in participants_trained_series(filters)
        ),
    )
    issued = bar_chart(
        title=gettext("Certificates issued per issuer and year"),
        description=gettext(
            "Certificates issued, revoked and superseded ones included, per year of issue and "
            "per issuer: one group of bars per year, one bar per issuer. The accompanying table "
            "gives the numbers."
        ),
        points=(
            (str(row["year"]), _in_language(row, "issuer_name", language), row["value"])
            for row in certificates_issued_series(filters)
        ),
    )
    year = gettext("Year")
    return [("chart-trained", trained, year), ("chart-certificates", issued, year)]


def reports_index(request: HttpRequest) -> TemplateResponse:
    """The figures per programme, partner and year, filtered, with their charts."""
    _require(request, VIEW_REPORTS)
    form = ReportFilterForm(request.GET or None)
    context: dict[str, Any] = {
        **admin.site.each_context(request),
        "title": gettext("Reports"),
        "form": form,
    }
    if form.is_bound and not form.is_valid():
        return TemplateResponse(request, "reports/admin/index.html", context, status=400)
    filters = form.filters() if form.is_bound else ReportFilters()
    language = _language(request)
    rows = [
        {
            **row,
            "programme_title": _in_language(row, "programme_title", language),
            "partner_name": _in_language(row, "partner_name", language),
            "partner_country_name": country_name(row["partner_country"], language),
        }
        for row in programme_figures(filters)
    ]
    context.update(
        rows=rows,
        total=programme_figures_total(filters),
        charts=_charts(filters, language),
    )
    return TemplateResponse(request, "reports/admin/index.html", context)


def course_attendance_page(request: HttpRequest, course_id: int) -> TemplateResponse:
    """A course's attendance list, with its downloads."""
    _require(request, VIEW_ATTENDANCE)
    course = _course_or_404(course_id)
    rows = course_attendance(course)
    context = {
        **admin.site.each_context(request),
        "title": gettext("Attendance list: %(course)s") % {"course": course.title},
        "course": course,
        "rows": rows,
        "languages": LANGUAGE_CODES,
        "counts": {
            "nominated": len(rows),
            "attended": sum(row.attended for row in rows),
            "completed": sum(row.completed for row in rows),
        },
    }
    return TemplateResponse(request, "reports/admin/attendance.html", context)


def course_attendance_file(request: HttpRequest, course_id: int, file_format: str) -> HttpResponse:
    """The attendance list as a PDF, CSV or XLSX file, in ``?lang=`` (default: the page's)."""
    _require(request, VIEW_ATTENDANCE)
    # ?lang= has already chosen the request's language (QueryLanguageMiddleware).
    language = _language(request)
    course = _course_or_404(course_id)
    rows = course_attendance(course)
    if file_format == "pdf":
        content = attendance_pdf_render(course=course, rows=rows, language=language)
        media_type = "application/pdf"
    else:
        content = attendance_export(
            course=course, rows=rows, file_format=file_format, language=language
        )
        media_type = MEDIA_TYPES[file_format]
    response = HttpResponse(content, content_type=media_type)
    filename = attendance_filename(course, file_format, language)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
