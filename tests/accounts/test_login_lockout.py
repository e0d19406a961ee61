"""Five failed logins lock a username from an address for 15 minutes, on every login."""

from datetime import timedelta
from io import StringIO

import pytest
from axes.models import AccessAttempt
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from apps.accounts.lockout import LOCKED_OUT
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

PASSWORD = "a-long-test-password"
ADMIN_LOGIN = "/admin/login/"
BROWSABLE_API_LOGIN = "/api-auth/login/"


@pytest.fixture
def staff():
    return UserFactory(username="registrar-on-duty", is_staff=True)


def log_in(client, url: str, password: str, address: str = "192.0.2.10", **extra):
    return client.post(
        url,
        {"username": "registrar-on-duty", "password": password, "next": "/admin/"},
        REMOTE_ADDR=address,
        **extra,
    )


def fail_five_times(client, url: str, address: str = "192.0.2.10"):
    responses = [log_in(client, url, "wrong-password", address) for _ in range(5)]
    return responses[-1]


@pytest.mark.parametrize("url", [ADMIN_LOGIN, BROWSABLE_API_LOGIN])
def test_the_fifth_failure_locks_the_login_and_the_right_password_no_longer_works(
    client, staff, url
):
    four = [log_in(client, url, "wrong-password") for _ in range(4)]
    fifth = log_in(client, url, "wrong-password")
    right = log_in(client, url, PASSWORD)

    assert [response.status_code for response in four] == [200] * 4  # the form again
    assert fifth.status_code == 429
    assert right.status_code == 429
    assert right["Retry-After"] == str(15 * 60)
    assert "Login locked" in right.content.decode()
    assert "locked for 15 minutes" in right.content.decode()
    assert "_auth_user_id" not in client.session


def test_the_lockout_holds_for_that_address_only(client, staff):
    fail_five_times(client, ADMIN_LOGIN, address="192.0.2.10")

    elsewhere = log_in(client, ADMIN_LOGIN, PASSWORD, address="198.51.100.7")

    assert elsewhere.status_code == 302
    assert client.session["_auth_user_id"] == str(staff.pk)


def test_a_successful_login_clears_the_failures(client, staff):
    for _ in range(4):
        log_in(client, ADMIN_LOGIN, "wrong-password")
    assert log_in(client, ADMIN_LOGIN, PASSWORD).status_code == 302
    client.logout()

    for _ in range(4):
        log_in(client, ADMIN_LOGIN, "wrong-password")

    assert log_in(client, ADMIN_LOGIN, PASSWORD).status_code == 302


def test_the_lockout_ends_after_fifteen_minutes(client, staff):
    fail_five_times(client, ADMIN_LOGIN)
    AccessAttempt.objects.update(attempt_time=timezone.now() - timedelta(minutes=16))

    assert log_in(client, ADMIN_LOGIN, PASSWORD).status_code == 302


@pytest.mark.parametrize(
    ("command", "arguments"),
    [
        ("axes_reset_username", ["registrar-on-duty"]),
        ("axes_reset_ip", ["192.0.2.10"]),
        ("axes_reset", []),
    ],
)
def test_a_command_unlocks_the_login(client, staff, command, arguments):
    fail_five_times(client, ADMIN_LOGIN)
    output = StringIO()

    call_command(command, *arguments, stdout=output)

    assert "1 attempts removed" in output.getvalue()
    assert log_in(client, ADMIN_LOGIN, PASSWORD).status_code == 302


def test_behind_a_proxy_the_forwarded_address_is_the_one_locked(client, staff, settings):
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "NUM_PROXIES": 1}
    proxy = "10.0.0.1"
    for _ in range(5):
        log_in(client, ADMIN_LOGIN, "wrong-password", proxy, HTTP_X_FORWARDED_FOR="192.0.2.10")

    other_client = log_in(client, ADMIN_LOGIN, PASSWORD, proxy, HTTP_X_FORWARDED_FOR="192.0.2.99")

    assert other_client.status_code == 302
    assert AccessAttempt.objects.get().ip_address == "192.0.2.10"


def test_the_locked_out_page_is_not_json_outside_the_api(client, staff):
    response = fail_five_times(client, reverse("admin:login"))

    assert response["Content-Type"].startswith("text/html")
    assert LOCKED_OUT.format(minutes=15) not in response.content.decode()
