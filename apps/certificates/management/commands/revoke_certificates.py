from argparse import ArgumentParser
from typing import Any

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.management.base import CommandError
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from apps.certificates.models import Certificate
from apps.certificates.services import certificates_revoke
from apps.core.management.translated import TranslatedHelpCommand


class Command(TranslatedHelpCommand):
    help = _(
        "Revoke certificates by serial with one reason: all of them, or none if one is refused "
        "(for example because it was already revoked)."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("serials", nargs="+", metavar="serial")
        parser.add_argument("--reason", required=True, help=_("Why; recorded on each certificate."))
        parser.add_argument(
            "--user",
            metavar="USERNAME",
            help=_("The user recorded as having revoked them (default: none, the command line)."),
        )

    def handle(self, *args: Any, **options: Any) -> None:
        serials = list(dict.fromkeys(options["serials"]))
        found = Certificate.objects.in_bulk(serials, field_name="serial")
        unknown = [serial for serial in serials if serial not in found]
        if unknown:
            raise CommandError(
                gettext("Nothing was revoked: no certificate %(serials)s.")
                % {"serials": ", ".join(unknown)}
            )
        user = None
        if options["user"]:
            user = get_user_model().objects.filter(username=options["user"]).first()
            if user is None:
                raise CommandError(
                    gettext("Nothing was revoked: no user %(user)r.") % {"user": options["user"]}
                )
        try:
            revoked = certificates_revoke(
                certificates=[found[serial] for serial in serials],
                reason=options["reason"],
                user=user,
            )
        except ValidationError as error:
            raise CommandError(
                gettext("Nothing was revoked: %(reasons)s") % {"reasons": " ".join(error.messages)}
            ) from error
        for certificate in revoked:
            self.stdout.write(
                gettext("Revoked %(serial)s at %(time)s")
                % {
                    "serial": certificate.serial,
                    "time": f"{certificate.revoked_at:%Y-%m-%d %H:%M %Z}",
                }
            )
        message = ngettext(
            "Revoked %(count)d certificate.", "Revoked %(count)d certificates.", len(revoked)
        )
        self.stdout.write(self.style.SUCCESS(message % {"count": len(revoked)}))
