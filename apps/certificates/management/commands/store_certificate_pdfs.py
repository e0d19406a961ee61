from argparse import ArgumentParser
from typing import Any

from django.core.management.base import CommandError
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from apps.certificates.models import Certificate
from apps.certificates.services import certificates_pdf_store_pending
from apps.core.management.translated import TranslatedHelpCommand


class Command(TranslatedHelpCommand):
    help = _(
        "Render and store the PDF of every certificate that has none (after a failed render). "
        "A stored PDF is never replaced."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument(
            "--serial",
            dest="serials",
            nargs="+",
            action="extend",
            metavar="SERIAL",
            help=_("Only these certificates (default: all that have no PDF)."),
        )

    def handle(self, *args: Any, **options: Any) -> None:
        certificates = Certificate.objects.order_by("serial")
        if options["serials"]:
            serials = list(dict.fromkeys(options["serials"]))
            found = set(certificates.filter(serial__in=serials).values_list("serial", flat=True))
            unknown = [serial for serial in serials if serial not in found]
            if unknown:
                raise CommandError(
                    gettext("No certificate %(serials)s.") % {"serials": ", ".join(unknown)}
                )
            certificates = certificates.filter(serial__in=serials)
        pending = list(certificates.filter(pdf=""))
        if not pending:
            self.stdout.write(gettext("Every certificate has its PDF: nothing to store."))
            return
        stored = certificates_pdf_store_pending(certificates=pending)
        for certificate in stored:
            self.stdout.write(
                gettext("Stored %(serial)s  sha256 %(sha256)s")
                % {"serial": certificate.serial, "sha256": certificate.pdf_sha256}
            )
        failed = sorted({c.serial for c in pending} - {c.serial for c in stored})
        if failed:
            raise CommandError(
                ngettext(
                    "Stored %(count)d PDF; rendering failed for %(serials)s (see the log). Run "
                    "the command again once the cause is fixed.",
                    "Stored %(count)d PDFs; rendering failed for %(serials)s (see the log). Run "
                    "the command again once the cause is fixed.",
                    len(stored),
                )
                % {"count": len(stored), "serials": ", ".join(failed)}
            )
        message = ngettext("Stored %(count)d PDF.", "Stored %(count)d PDFs.", len(stored))
        self.stdout.write(self.style.SUCCESS(message % {"count": len(stored)}))
