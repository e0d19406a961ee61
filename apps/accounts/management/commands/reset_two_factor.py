from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError, CommandParser

from apps.accounts.services import second_factor_reset


class Command(BaseCommand):
    help = (
        "Forget a user's authenticator app and recovery codes (a lost phone): at the next "
        "admin login they enrol a new one."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username")

    def handle(self, *args: object, username: str, **options: object) -> None:
        user = get_user_model().objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"No user '{username}'.")
        count = second_factor_reset(user=user)
        self.stdout.write(f"Removed {count} second-factor device(s) of '{username}'.")
