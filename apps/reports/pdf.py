"""A course's attendance list as a PDF, in English or French.

Rendered by WeasyPrint with the certificates' setup (``apps.certificates.pdf``): the vendored
DejaVu Sans, embedded, and a fetcher that loads those fonts and nothing else.
"""

from django.template.loader import render_to_string
from django.utils import timezone, translation
from weasyprint import HTML

from apps.certificates.pdf import FONTS_URL, CertificateResourceFetcher, pdf_font_config
from apps.core.dates import DatePrecision, date_range_text, date_text
from apps.core.languages import country_name, localised
from apps.courses.models import Course
from apps.reports.exports import attendance_cells, attendance_header
from apps.reports.selectors import AttendanceRow

TEMPLATE = "reports/attendance_pdf.html"


def attendance_pdf_render(*, course: Course, rows: list[AttendanceRow], language: str) -> bytes:
    """The attendance list of ``course``, every word of TrainingDB's own in ``language``."""
    with translation.override(language):
        place = ", ".join(
            part
            for part in (course.city, country_name(str(course.country or ""), language))
            if part
        )
        context = {
            "language": language,
            "fonts_url": FONTS_URL,
            "course_title": localised(course, "title", language),
            "programme_title": localised(course.programme, "title", language),
            "dates": date_range_text(
                course.start_date,
                course.start_precision,
                course.end_date,
                course.end_precision,
                language,
            ),
            "place": place,
            "printed_on": date_text(timezone.localdate(), DatePrecision.DAY, language),
            "header": attendance_header(),
            "rows": [attendance_cells(row) for row in rows],
            "counts": {
                "nominated": len(rows),
                "attended": sum(row.attended for row in rows),
                "completed": sum(row.completed for row in rows),
            },
        }
        html = render_to_string(TEMPLATE, context)
    document = HTML(string=html, url_fetcher=CertificateResourceFetcher()).render(
        font_config=pdf_font_config()
    )
    return document.write_pdf()
