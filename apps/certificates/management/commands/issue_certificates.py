from argparse import ArgumentParser
from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import CommandError
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from apps.certificates.models import Certificate
from apps.certificates.services import IssuePlan, certificates_issue, certificates_preview
from apps.core.management.translated import TranslatedHelpCommand
from apps.courses.models import Course
from apps.organisations.models import Organisation

HEADERS = (_("Participant"), _("Enrolment"), _("Certificate"))


def course_by_slug_or_id(value: str) -> Course:
    course = Course.objects.filter(slug=value).first()
    if course is None and value.isdigit():
        course = Course.objects.filter(pk=int(value)).first()
    if course is None:
        raise CommandError(gettext("No course has the slug or id %(value)r.") % {"value": value})
    return course


def table(rows: list[tuple[str, ...]]) -> str:
    """Rows under HEADERS, in columns as wide as their widest cell."""
    headers = tuple(str(header) for header in HEADERS)
    widths = [max(len(row[i]) for row in (headers, *rows)) for i in range(len(headers))]
    lines = [headers, tuple("-" * width for width in widths), *rows]
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
            outcomes[position] if outcomes is not None else gettext("would receive one"),
        )
        for position, enrolment in enumerate(plan.eligible)
    ]
    rows += [
        (
            excluded.enrolment.person.full_name,
            excluded.enrolment.get_status_display(),
            gettext("none: %(reason)s") % {"reason": excluded.message},
        )
        for excluded in plan.excluded
    ]
    return rows


class Command(TranslatedHelpCommand):
    help = _(
        "Issue certificates for a held course to every completed enrolment that holds none "
        "(idempotent: a second run issues nothing). With --dry-run, only show who would "
        "receive one and who is excluded and why."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("course", help=_("The course's slug or id."))
        parser.add_argument(
            "--dry-run", action="store_true", help=_("Show the preview; write nothing.")
        )
        parser.add_argument(
            "--issuer",
            metavar="ORGANISATION_SLUG",
            help=_("The issuing organisation (default: the course's, see certificate_issuer_for)."),
        )

    def handle(self, *args: Any, **options: Any) -> None:
        course = course_by_slug_or_id(options["course"])
        issuer = None
        if options["issuer"]:
            issuer = Organisation.objects.filter(slug=options["issuer"]).first()
            if issuer is None:
                raise CommandError(
                    gettext("No organisation has the slug %(slug)r.") % {"slug": options["issuer"]}
                )
        try:
            if options["dry_run"]:
                plan, issued = certificates_preview(course=course, issued_by=issuer), None
            else:
                result = certificates_issue(course=course, issued_by=issuer)
                plan, issued = result.plan, result.issued
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from error

        self.stdout.write(
            gettext("Course: %(course)s; slug %(slug)s, id %(id)s")
            % {"course": course, "slug": course.slug, "id": course.pk}
        )
        self.stdout.write(
            gettext("Issuer: %(issuer)s; serials %(prefix)s-YYYY-NNNNNN")
            % {"issuer": plan.issuer, "prefix": plan.issuer.serial_prefix}
        )
        self.stdout.write("")
        self.stdout.write(
            table(plan_rows(plan, issued))
            if plan.eligible or plan.excluded
            else gettext("No enrolments.")
        )
        self.stdout.write("")
        if plan.undated:
            names = ", ".join(enrolment.person.full_name for enrolment in plan.undated)
            self.stdout.write(
                gettext("Note: no completion date is recorded for %(names)s.") % {"names": names}
            )
        if issued is None:
            count = len(plan.eligible)
            self.stdout.write(
                ngettext(
                    "Dry run: %(count)d certificate would be issued; nothing was written.",
                    "Dry run: %(count)d certificates would be issued; nothing was written.",
                    count,
                )
                % {"count": count}
            )
            return
        message = ngettext(
            "Issued %(count)d certificate.", "Issued %(count)d certificates.", len(issued)
        )
        self.stdout.write(self.style.SUCCESS(message % {"count": len(issued)}))
        pending = Certificate.objects.filter(pk__in=[c.pk for c in issued], pdf="").count()
        if pending:
            self.stdout.write(
                self.style.WARNING(
                    ngettext(
                        "%(count)d PDF is not stored yet: run store_certificate_pdfs.",
                        "%(count)d PDFs are not stored yet: run store_certificate_pdfs.",
                        pending,
                    )
                    % {"count": pending}
                )
            )
