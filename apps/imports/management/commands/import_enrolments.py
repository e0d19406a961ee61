from pathlib import Path
from typing import Any

from django.core.files.base import ContentFile
from django.core.management.base import CommandError, CommandParser
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from apps.core.management.translated import TranslatedHelpCommand
from apps.courses.models import Course
from apps.imports.reports import report_lines
from apps.imports.services import enrolments_import


def course_by_id_or_slug(value: str) -> Course:
    course = Course.objects.filter(slug=value).first()
    if course is None and value.isdigit():
        course = Course.objects.filter(pk=int(value)).first()
    if course is None:
        raise CommandError(gettext("No course has the id or slug “%(value)s”.") % {"value": value})
    return course


def row_numbers(value: str) -> list[int]:
    try:
        return [int(part) for part in value.split(",") if part.strip()]
    except ValueError as error:
        raise CommandError(
            gettext("--accept-matches takes row numbers separated by commas: 3,7")
        ) from error


class Command(TranslatedHelpCommand):
    help = _(
        "Import a course's participants from a CSV or XLSX file: all rows or none. Prints the "
        "report; exits non-zero when anything is refused."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("course", help=_("The course's id or slug."))
        parser.add_argument("file", type=Path, help=_("A CSV (UTF-8) or XLSX file."))
        parser.add_argument(
            "--dry-run", action="store_true", help=_("Print the report only; write nothing.")
        )
        parser.add_argument(
            "--accept-matches",
            type=row_numbers,
            default=[],
            help=_("Rows whose probable match is accepted, e.g. 3,7."),
        )

    def handle(self, *args: Any, **options: Any) -> None:
        course = course_by_id_or_slug(options["course"])
        path: Path = options["file"]
        try:
            content = path.read_bytes()
        except OSError as error:
            raise CommandError(f"{path}: {error.strerror}") from error
        report = enrolments_import(
            course=course,
            upload=ContentFile(content, name=path.name),
            dry_run=options["dry_run"],
            accept_matches=options["accept_matches"],
        )
        for line in report_lines(report):
            self.stdout.write(line)
        if report.refused:
            count = len(report.errors)
            raise CommandError(
                ngettext(
                    "Refused: %(count)d error; nothing was written.",
                    "Refused: %(count)d errors; nothing was written.",
                    count,
                )
                % {"count": count}
            )
