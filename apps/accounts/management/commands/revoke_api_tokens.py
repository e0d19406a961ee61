from django.contrib.auth import get_user_model
from django.core.management.base import CommandError, CommandParser
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from apps.accounts.services import api_tokens_revoke
from apps.core.management.translated import TranslatedHelpCommand


class Command(TranslatedHelpCommand):
    help = _("Revoke every API token of a user (a client that leaked one, a user who left).")

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username")

    def handle(self, *args: object, username: str, **options: object) -> None:
        user = get_user_model().objects.filter(username=username).first()
        if user is None:
            raise CommandError(gettext("No user '%(username)s'.") % {"username": username})
        count = api_tokens_revoke(user=user)
        self.stdout.write(
            ngettext(
                "Revoked %(count)d API token of '%(username)s'.",
                "Revoked %(count)d API tokens of '%(username)s'.",
                count,
            )
            % {"count": count, "username": username}
        )
