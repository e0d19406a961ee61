"""What the accounts' commands share."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser
from django.core.management.base import CommandError
from django.utils.translation import gettext


def user_named(username: str) -> AbstractBaseUser:
    """The user called ``username``; a command error when there is none."""
    user = get_user_model().objects.filter(username=username).first()
    if user is None:
        raise CommandError(gettext("No user '%(username)s'.") % {"username": username})
    return user
