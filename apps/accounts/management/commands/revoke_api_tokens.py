from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError, CommandParser

from apps.accounts.services import api_tokens_revoke


class Command(BaseCommand):
    help = "Revoke every API token of a user (a client that leaked one, a user who left)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username")

    def handle(self, *args: object, username: str, **options: object) -> None:
        user = get_user_model().objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"No user '{username}'.")
        count = api_tokens_revoke(user=user)
        self.stdout.write(f"Revoked {count} API token(s) of '{username}'.")
