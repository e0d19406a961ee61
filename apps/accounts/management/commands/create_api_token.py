from datetime import timedelta

from django.conf import settings
from django.core.management.base import CommandParser
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from apps.accounts.management.users import user_named
from apps.accounts.services import api_token_create
from apps.core.management.translated import TranslatedHelpCommand


def positive_days(value: str) -> int:
    days = int(value)
    if days < 1:
        raise ValueError(value)
    return days


class Command(TranslatedHelpCommand):
    help = _(
        "Make a new API token for a user and print it, once: only its digest is stored. "
        "Send it as 'Authorization: Token <token>'."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username")
        parser.add_argument(
            "--expires-in",
            type=positive_days,
            metavar="DAYS",
            help=_("days until the token stops working (default: API_TOKEN_TTL_DAYS)"),
        )

    def handle(self, *args: object, username: str, expires_in: int | None, **options: object):
        user = user_named(username)
        days = expires_in or settings.REST_KNOX["TOKEN_TTL"].days
        record, token = api_token_create(user=user, expires_in=timedelta(days=days))
        self.stdout.write(token)
        self.stderr.write(
            gettext(
                "API token for '%(username)s', valid until %(expiry)s. It is shown only this once."
            )
            % {"username": username, "expiry": f"{record.expiry:%Y-%m-%d %H:%M %Z}"}
        )
