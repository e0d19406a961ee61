from django.contrib.auth import get_user_model
from django.core.management.base import CommandError, CommandParser
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

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
        user = get_user_model().objects.filter(username=username).first()
        if user is None:
            raise CommandError(gettext("No user '%(username)s'.") % {"username": username})
        count = second_factor_reset(user=user)
        self.stdout.write(
            ngettext(
                "Removed %(count)d second-factor device of '%(username)s'.",
                "Removed %(count)d second-factor devices of '%(username)s'.",
                count,
            )
            % {"count": count, "username": username}
        )
