"""An import's preview as the admin shows it: the service's dry run, row by row."""

import math
from dataclasses import dataclass, field

from django.conf import settings
from django.core.files.base import ContentFile
from django.urls import reverse
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext

from apps.courses.models import Course
from apps.imports.services import ImportReport, Problem, RowReport, enrolments_import

PROBABLE_MATCH = "probable_match"
# A confirmation carries the file base64-encoded (4 characters for 3 bytes), the token and
# one field per accepted probable match.
CONFIRM_FORM_ALLOWANCE = 256 * 1024


@dataclass
class PreviewRow:
    """A row of the preview: the service's report of it, its errors, its probable match."""

    report: RowReport
    errors: list[Problem] = field(default_factory=list)
    probable: bool = False
    accepted: bool = False


@dataclass
class ImportPreview:
    """The dry run of an import as the preview page shows it.

    A probable match refuses a file until the registrar accepts it; the preview shows what
    each probable match would do once accepted (a second dry run accepting them all), with a
    checkbox to accept it.
    """

    report: ImportReport
    rows: list[PreviewRow]
    probable: list[int]

    @property
    def errors(self) -> list[Problem]:
        """Every error, in the order of the rows (the file's own first)."""
        return sorted(self.report.errors, key=lambda problem: problem.row)

    @property
    def refused(self) -> bool:
        return self.report.refused

    @property
    def nothing_to_do(self) -> bool:
        return not self.refused and all(row.outcome == "unchanged" for row in self.report.rows)

    @property
    def can_confirm(self) -> bool:
        return not self.refused and not self.nothing_to_do


def enrolments_import_preview(
    *, course: Course, content: bytes, file_name: str, accepted: set[int]
) -> ImportPreview:
    """What importing ``content`` into ``course`` would do; nothing is written."""
    report = enrolments_import(
        course=course, upload=ContentFile(content, name=file_name), dry_run=True
    )
    probable = sorted({problem.row for problem in report.errors if problem.code == PROBABLE_MATCH})
    if probable:
        report = enrolments_import(
            course=course,
            upload=ContentFile(content, name=file_name),
            dry_run=True,
            accept_matches=probable,
        )
    errors: dict[int, list[Problem]] = {}
    for problem in report.errors:
        errors.setdefault(problem.row, []).append(problem)
    rows = [
        PreviewRow(
            report=row,
            errors=errors.get(row.row, []),
            probable=row.row in probable,
            accepted=row.row in accepted,
        )
        for row in report.rows
    ]
    return ImportPreview(report=report, rows=rows, probable=probable)


def confirm_form_max_bytes() -> int:
    return 4 * math.ceil(settings.IMPORT_UPLOAD_MAX_BYTES / 3) + CONFIRM_FORM_ALLOWANCE


def import_applied_message(report: ImportReport) -> SafeString:
    batch_url = reverse("admin:imports_importbatch_change", args=[report.batch_id])
    link = format_html(
        '<a href="{}">{}</a>',
        batch_url,
        gettext("import batch #%(batch)s") % {"batch": report.batch_id},
    )
    text = gettext(
        "“%(file_name)s” imported into %(course)s as %(batch)s: %(people_created)d new people, "
        "%(people_matched)d people matched, %(enrolments_created)d new enrolments, "
        "%(enrolments_changed)d enrolments changed, %(unchanged)d rows unchanged."
    )
    # The translated sentence is ours; every value in it is escaped (the link by format_html).
    return mark_safe(
        text
        % {
            **report.counts,
            "file_name": conditional_escape(report.file_name),
            "course": conditional_escape(report.course),
            "batch": link,
        }
    )
