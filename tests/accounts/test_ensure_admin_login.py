from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import CommandError

pytestmark = pytest.mark.django_db


def ensure_admin_login() -> str:
    output = StringIO()
    call_command("ensure_admin_login", stdout=output)
    return output.getvalue()


def test_it_creates_a_superuser_with_a_generated_password_shown_once(monkeypatch):
    monkeypatch.delenv("DJANGO_SUPERUSER_PASSWORD", raising=False)
    monkeypatch.delenv("DJANGO_SUPERUSER_USERNAME", raising=False)

    first = ensure_admin_login()
    second = ensure_admin_login()

    admin = get_user_model().objects.get(username="admin")
    password = first.split("with the password ")[1].split()[0]
    assert admin.is_superuser and admin.is_staff
    assert len(password) >= 20
    assert admin.check_password(password)
    assert password not in second
    assert "exists already" in second
    assert get_user_model().objects.count() == 1


def test_it_takes_the_password_from_the_environment(monkeypatch):
    monkeypatch.setenv("DJANGO_SUPERUSER_USERNAME", "registrar")
    monkeypatch.setenv("DJANGO_SUPERUSER_PASSWORD", "correct horse battery staple")

    output = ensure_admin_login()

    registrar = get_user_model().objects.get(username="registrar")
    assert registrar.check_password("correct horse battery staple")
    assert "correct horse battery staple" not in output


def test_it_leaves_an_existing_login_untouched(monkeypatch, superuser):
    monkeypatch.setenv("DJANGO_SUPERUSER_USERNAME", superuser.username)
    monkeypatch.setenv("DJANGO_SUPERUSER_PASSWORD", "a different password")

    ensure_admin_login()

    superuser.refresh_from_db()
    assert superuser.check_password("a-long-test-password")


@pytest.mark.parametrize("password", ["1234", "password", "admin", "short"])
def test_it_refuses_a_weak_password_from_the_environment_and_creates_nobody(monkeypatch, password):
    monkeypatch.setenv("DJANGO_SUPERUSER_USERNAME", "admin")
    monkeypatch.setenv("DJANGO_SUPERUSER_PASSWORD", password)

    with pytest.raises(CommandError, match="DJANGO_SUPERUSER_PASSWORD is refused: "):
        ensure_admin_login()

    assert not get_user_model().objects.exists()
