from django.core.management.base import CommandParser
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from apps.accounts.management.users import user_named
from apps.accounts.services import api_tokens_revoke
from apps.core.management.translated import TranslatedHelpCommand


class Command(TranslatedHelpCommand):
    help = _("Revoke every API token of a user (a client that leaked one, a user who left).")

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username")

    def handle(self, *args: object, username: str, **options: object) -> None:
        user = user_named(username)
        count = api_tokens_revoke(user=user)
        self.stdout.write(
            ngettext(
                "Revoked %(count)d API token of '%(username)s'.",
                "Revoked %(count)d API tokens of '%(username)s'.",
                count,
            )
            % {"count": count, "username": username}
        )
