import os

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from apps.accounts.services import admin_login_ensure


class Command(BaseCommand):
    help = (
        "Make sure an admin login exists. Takes DJANGO_SUPERUSER_USERNAME (default 'admin') and "
        "DJANGO_SUPERUSER_PASSWORD; without a password, generates one and prints it once."
    )

    def handle(self, *args: object, **options: object) -> None:
        try:
            login = admin_login_ensure(
                username=os.environ.get("DJANGO_SUPERUSER_USERNAME") or "admin",
                password=os.environ.get("DJANGO_SUPERUSER_PASSWORD"),
            )
        except ValidationError as error:
            raise CommandError(
                "DJANGO_SUPERUSER_PASSWORD is refused: " + " ".join(error.messages)
            ) from error
        username = login.user.get_username()
        if login.generated_password:
            self.stdout.write(
                self.style.SUCCESS(
                    f"Created the admin login '{username}' with the password "
                    f"{login.generated_password}\nIt is shown only this once: note it down, or "
                    f"change it with 'python manage.py changepassword {username}'."
                )
            )
        elif login.created:
            self.stdout.write(
                self.style.SUCCESS(
                    f"Created the admin login '{username}' with DJANGO_SUPERUSER_PASSWORD."
                )
            )
        else:
            self.stdout.write(f"The admin login '{username}' exists already.")
