from django.core.management.base import CommandParser
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from apps.accounts.management.users import user_named
from apps.accounts.services import second_factor_reset
from apps.core.management.translated import TranslatedHelpCommand


class Command(TranslatedHelpCommand):
    help = _(
        "Forget a user's authenticator app and recovery codes (a lost phone): at the next "
        "admin login they enrol a new one."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username")

    def handle(self, *args: object, username: str, **options: object) -> None:
        user = user_named(username)
        count = second_factor_reset(user=user)
        self.stdout.write(
            ngettext(
                "Removed %(count)d second-factor device of '%(username)s'.",
                "Removed %(count)d second-factor devices of '%(username)s'.",
                count,
            )
            % {"count": count, "username": username}
        )
