import secrets
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser
from django.contrib.auth.password_validation import validate_password
from django.db import transaction


@dataclass(frozen=True)
class AdminLogin:
    user: AbstractBaseUser
    created: bool
    generated_password: str | None = None


@transaction.atomic
def admin_login_ensure(*, username: str, password: str | None = None) -> AdminLogin:
    """Make sure a superuser called ``username`` exists; an existing user is left untouched.

    Without a given password a new one is generated and returned so that it can be shown
    once: only its hash is stored. A given password must pass the password validators, as
    one typed in the admin would (``ValidationError`` otherwise, and nothing is created).
    """
    user_model = get_user_model()
    user = user_model.objects.filter(username=username).first()
    if user is not None:
        return AdminLogin(user=user, created=False)
    generated = None
    if not password:
        generated = password = secrets.token_urlsafe(18)
    else:
        validate_password(password, user=user_model(username=username))
    user = user_model.objects.create_superuser(username=username, email="", password=password)
    return AdminLogin(user=user, created=True, generated_password=generated)
