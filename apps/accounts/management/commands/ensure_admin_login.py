import os

from django.core.exceptions import ValidationError
from django.core.management.base import CommandError
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from apps.accounts.services import admin_login_ensure
from apps.core.management.translated import TranslatedHelpCommand


class Command(TranslatedHelpCommand):
    help = _(
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
                gettext("DJANGO_SUPERUSER_PASSWORD is refused: %(reasons)s")
                % {"reasons": " ".join(error.messages)}
            ) from error
        username = login.user.get_username()
        if login.generated_password:
            self.stdout.write(
                self.style.SUCCESS(
                    gettext(
                        "Created the admin login '%(username)s' with the password "
                        "%(password)s\nIt is shown only this once: note it down, or change it "
                        "with 'python manage.py changepassword %(username)s'."
                    )
                    % {"username": username, "password": login.generated_password}
                )
            )
        elif login.created:
            self.stdout.write(
                self.style.SUCCESS(
                    gettext(
                        "Created the admin login '%(username)s' with DJANGO_SUPERUSER_PASSWORD."
                    )
                    % {"username": username}
                )
            )
        else:
            self.stdout.write(
                gettext("The admin login '%(username)s' exists already.") % {"username": username}
            )
