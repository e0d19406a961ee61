"""API tokens: hashed, expiring, several per user, each revocable, shown once."""

import datetime
import json
import logging
from importlib import import_module
from io import StringIO
from types import SimpleNamespace

import pytest
from django.apps import apps
from django.core.management import call_command
from django.db import connection
from django.utils import timezone
from knox.models import AuthToken

from apps.accounts.api.serializers import INVALID_CREDENTIALS
from apps.accounts.lockout import LOCKED_OUT
from tests.factories import UserFactory, api_token_for

pytestmark = pytest.mark.django_db

PASSWORD = "a-long-test-password"
LOGIN = "/api/v1/auth/login/"
PEOPLE = "/api/v1/people/"


def with_token(api_client, token: str):
    api_client.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    return api_client


def log_in(api_client, password: str = PASSWORD, address: str = "192.0.2.10"):
    return api_client.post(LOGIN, {"username": "viewer", "password": password}, REMOTE_ADDR=address)


def test_the_login_gives_a_token_that_is_stored_only_as_a_digest(api_client, viewer):
    response = log_in(api_client)

    assert response.status_code == 200
    token = response.json()["token"]
    record = AuthToken.objects.get(user=viewer)
    assert token not in {record.digest, record.token_key}
    assert token not in json.dumps(list(AuthToken.objects.values()), default=str)
    assert record.expiry > timezone.now() + datetime.timedelta(days=29)
    assert with_token(api_client, token).get(PEOPLE).status_code == 200


def test_a_wrong_password_is_a_400_without_a_token(api_client, viewer):
    response = log_in(api_client, password="wrong-password")

    assert response.status_code == 400
    assert response.json() == {"non_field_errors": [INVALID_CREDENTIALS]}
    assert not AuthToken.objects.exists()


def test_five_failed_token_logins_lock_the_username_from_that_address(api_client, viewer):
    for _ in range(4):
        assert log_in(api_client, password="wrong-password").status_code == 400
    fifth = log_in(api_client, password="wrong-password")
    right = log_in(api_client)

    assert fifth.status_code == 429
    assert right.status_code == 429
    assert right.json() == {"detail": LOCKED_OUT.format(minutes=15)}
    assert right["Retry-After"] == "900"
    assert not AuthToken.objects.exists()
    assert log_in(api_client, address="198.51.100.7").status_code == 200


def test_each_login_makes_another_token_and_logout_revokes_only_its_own(api_client, viewer):
    first = log_in(api_client).json()["token"]
    second = log_in(api_client).json()["token"]

    logout = with_token(api_client, first).post("/api/v1/auth/logout/")

    assert logout.status_code == 204
    assert with_token(api_client, first).get(PEOPLE).status_code == 401
    assert with_token(api_client, second).get(PEOPLE).status_code == 200


def test_logout_all_revokes_every_token_of_the_user(api_client, viewer):
    first, second = api_token_for(viewer), api_token_for(viewer)

    assert with_token(api_client, first).post("/api/v1/auth/logout-all/").status_code == 204

    assert with_token(api_client, second).get(PEOPLE).status_code == 401
    assert not AuthToken.objects.exists()


def test_an_expired_token_is_refused_and_deleted(api_client, viewer):
    token = api_token_for(viewer)
    AuthToken.objects.update(expiry=timezone.now() - datetime.timedelta(seconds=1))

    response = with_token(api_client, token).get(PEOPLE)

    assert response.status_code == 401
    assert response["WWW-Authenticate"] == "Token"
    assert response.json() == {"detail": "Invalid token."}
    assert not AuthToken.objects.exists()


def test_a_token_that_is_not_text_is_a_401(api_client):
    api_client.credentials(HTTP_AUTHORIZATION=b"Token \xff\xfe")

    assert api_client.get(PEOPLE).status_code == 401


def test_the_command_prints_a_token_once_with_the_expiry_asked_for(api_client, viewer):
    output, notice = StringIO(), StringIO()

    call_command("create_api_token", "viewer", "--expires-in", "7", stdout=output, stderr=notice)

    token = output.getvalue().strip()
    record = AuthToken.objects.get(user=viewer)
    assert record.expiry.date() == (timezone.now() + datetime.timedelta(days=7)).date()
    assert "shown only this once" in notice.getvalue()
    assert with_token(api_client, token).get(PEOPLE).status_code == 200


def test_the_revoke_command_revokes_every_token_of_the_user(api_client, viewer):
    token = api_token_for(viewer)
    api_token_for(UserFactory(username="other"))
    output = StringIO()

    call_command("revoke_api_tokens", "viewer", stdout=output)

    assert "Revoked 1 API token of 'viewer'" in output.getvalue()
    assert with_token(api_client, token).get(PEOPLE).status_code == 401
    assert AuthToken.objects.filter(user__username="other").count() == 1


def test_tokens_are_not_in_the_admin(admin_client, viewer):
    api_token_for(viewer)

    assert admin_client.get("/admin/knox/authtoken/").status_code == 404
    assert "authtoken" not in admin_client.get("/admin/").content.decode().lower()


def test_the_migration_deletes_clear_text_tokens_and_says_how_many(viewer, caplog):
    """As on a database made before: DRF's token table with a key in it."""
    with connection.cursor() as cursor:
        cursor.execute("CREATE TABLE authtoken_token (key varchar(40) PRIMARY KEY, user_id int)")
        cursor.execute("INSERT INTO authtoken_token VALUES ('0123456789abcdef', %s)", [viewer.pk])
    migration = import_module("apps.accounts.migrations.0002_revoke_clear_text_api_tokens")
    editor = SimpleNamespace(connection=connection, quote_name=connection.ops.quote_name)

    with caplog.at_level(logging.WARNING):
        migration.revoke_clear_text_tokens(apps, editor)

    with connection.cursor() as cursor:
        cursor.execute("SELECT COUNT(*) FROM authtoken_token")
        assert cursor.fetchone() == (0,)
    assert "Revoked 1 API token(s) stored in clear" in caplog.text
