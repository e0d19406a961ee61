from argparse import ArgumentParser
from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from apps.certificates.models import Certificate
from apps.certificates.services import IssuePlan, certificates_issue, certificates_preview
from apps.courses.models import Course
from apps.organisations.models import Organisation

HEADERS = ("Participant", "Enrolment", "Certificate")


def course_by_slug_or_id(value: str) -> Course:
    course = Course.objects.filter(slug=value).first()
    if course is None and value.isdigit():
        course = Course.objects.filter(pk=int(value)).first()
    if course is None:
        raise CommandError(f"No course has the slug or id {value!r}.")
    return course


def table(rows: list[tuple[str, ...]]) -> str:
    """Rows under HEADERS, in columns as wide as their widest cell."""
    widths = [max(len(row[i]) for row in (HEADERS, *rows)) for i in range(len(HEADERS))]
    lines = [HEADERS, tuple("-" * width for width in widths), *rows]
    return "\n".join(
        "  ".join(cell.ljust(width) for cell, width in zip(line, widths, strict=True)).rstrip()
        for line in lines
    )


def plan_rows(plan: IssuePlan, issued: list[Certificate] | None) -> list[tuple[str, ...]]:
    """One row per enrolment: its serial (or "would receive one"), or why it is excluded."""
    outcomes = [c.serial for c in issued] if issued is not None else None
    rows = [
        (
            enrolment.person.full_name,
            enrolment.get_status_display(),
            outcomes[position] if outcomes is not None else "would receive one",
        )
        for position, enrolment in enumerate(plan.eligible)
    ]
    rows += [
        (
            excluded.enrolment.person.full_name,
            excluded.enrolment.get_status_display(),
            f"none: {excluded.message}",
        )
        for excluded in plan.excluded
    ]
    return rows


class Command(BaseCommand):
    help = (
        "Issue certificates for a held course to every completed enrolment that holds none "
        "(idempotent: a second run issues nothing). With --dry-run, only show who would "
        "receive one and who is excluded and why."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("course", help="The course's slug or id.")
        parser.add_argument(
            "--dry-run", action="store_true", help="Show the preview; write nothing."
        )
        parser.add_argument(
            "--issuer",
            metavar="ORGANISATION_SLUG",
            help="The issuing organisation (default: the course's, see certificate_issuer_for).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        course = course_by_slug_or_id(options["course"])
        issuer = None
        if options["issuer"]:
            issuer = Organisation.objects.filter(slug=options["issuer"]).first()
            if issuer is None:
                raise CommandError(f"No organisation has the slug {options['issuer']!r}.")
        try:
            if options["dry_run"]:
                plan, issued = certificates_preview(course=course, issued_by=issuer), None
            else:
                result = certificates_issue(course=course, issued_by=issuer)
                plan, issued = result.plan, result.issued
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from error

        self.stdout.write(f"Course: {course}; slug {course.slug}, id {course.pk}")
        self.stdout.write(f"Issuer: {plan.issuer}; serials {plan.issuer.serial_prefix}-YYYY-NNNNNN")
        self.stdout.write("")
        self.stdout.write(
            table(plan_rows(plan, issued)) if plan.eligible or plan.excluded else "No enrolments."
        )
        self.stdout.write("")
        if plan.undated:
            names = ", ".join(enrolment.person.full_name for enrolment in plan.undated)
            self.stdout.write(f"Note: no completion date is recorded for {names}.")
        if issued is None:
            self.stdout.write(
                f"Dry run: {len(plan.eligible)} certificate(s) would be issued; "
                "nothing was written."
            )
            return
        self.stdout.write(self.style.SUCCESS(f"Issued {len(issued)} certificate(s)."))
        pending = Certificate.objects.filter(pk__in=[c.pk for c in issued], pdf="").count()
        if pending:
            self.stdout.write(
                self.style.WARNING(
                    f"{pending} PDF(s) are not stored yet: run store_certificate_pdfs."
                )
            )
