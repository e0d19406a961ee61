import secrets
from dataclasses import dataclass
from datetime import timedelta

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser
from django.contrib.auth.password_validation import validate_password
from django.db import transaction
from django.utils import timezone
from django_otp import devices_for_user, verify_token
from django_otp.models import Device
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice
from knox.models import AuthToken
from knox.settings import knox_settings


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


RECOVERY_CODE_COUNT = 10
TOTP_DEVICE_NAME = "Authenticator app"
RECOVERY_DEVICE_NAME = "Recovery codes"


def totp_device_for_enrolment(*, user: AbstractBaseUser) -> TOTPDevice:
    """The authenticator device a user is enrolling: unconfirmed until a code proves it.

    Reloading the enrolment page shows the same secret, so a code from an app that scanned
    the first page still works.
    """
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("pk").first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=TOTP_DEVICE_NAME, confirmed=False)
    return device


@transaction.atomic
def totp_device_confirm(*, device: TOTPDevice, token: str) -> list[str] | None:
    """Confirm ``device`` with a code from the app; return fresh recovery codes, or None.

    The recovery codes replace any the user had; they are stored as django-otp stores them
    and returned here to be shown once.
    """
    if device.confirmed or not device.verify_token(token):
        return None
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    recovery, _created = StaticDevice.objects.get_or_create(
        user=device.user, name=RECOVERY_DEVICE_NAME, defaults={"confirmed": True}
    )
    recovery.token_set.all().delete()
    codes = [StaticToken.random_token() for _ in range(RECOVERY_CODE_COUNT)]
    StaticToken.objects.bulk_create(StaticToken(device=recovery, token=code) for code in codes)
    return codes


def second_factor_verify(*, user: AbstractBaseUser, token: str) -> Device | None:
    """The device (authenticator app, or recovery codes) that accepts ``token``, if any.

    A recovery code is used up by the check. Each device counts its failures and makes the
    user wait longer after each (django-otp's throttling), so codes cannot be tried fast.
    """
    token = "".join(token.split()).lower()
    for device in devices_for_user(user, confirmed=True):
        if verify_token(user, device.persistent_id, token) is not None:
            return device
    return None


@transaction.atomic
def second_factor_reset(*, user: AbstractBaseUser) -> int:
    """Forget a user's authenticator and recovery codes (a lost phone); returns how many."""
    devices = [TOTPDevice.objects.filter(user=user), StaticDevice.objects.filter(user=user)]
    count = sum(queryset.count() for queryset in devices)
    for queryset in devices:
        queryset.delete()
    return count


@transaction.atomic
def api_token_create(
    *, user: AbstractBaseUser, expires_in: timedelta | None = None
) -> tuple[AuthToken, str]:
    """A new API token for ``user``: the stored record (a digest) and the key, to show once.

    It expires after ``expires_in``, by default ``API_TOKEN_TTL_DAYS``. The user's expired
    tokens are deleted on the way.
    """
    AuthToken.objects.filter(user=user, expiry__lt=timezone.now()).delete()
    return AuthToken.objects.create(user=user, expiry=expires_in or knox_settings.TOKEN_TTL)


def api_tokens_revoke(*, user: AbstractBaseUser) -> int:
    """Delete every API token of ``user``; returns how many there were."""
    count, _ = AuthToken.objects.filter(user=user).delete()
    return count
