"""With REQUIRE_2FA on, staff reach the admin with a password and a second factor."""

import logging
from io import StringIO

import pytest
from django.core.management import call_command
from django_otp.oath import totp
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from apps.accounts.apps import TWO_FACTOR_OFF, two_factor_warn_if_off
from apps.accounts.forms import CODE_REFUSED
from apps.accounts.services import RECOVERY_CODE_COUNT
from apps.core.api.authentication import SECOND_FACTOR_NEEDED
from tests.factories import UserFactory
from tests.project.test_settings import PRODUCTION, run_manage

pytestmark = pytest.mark.django_db

PASSWORD = "a-long-test-password"


@pytest.fixture
def require_2fa(settings):
    settings.REQUIRE_2FA = True


@pytest.fixture
def staff():
    return UserFactory(username="registrar-on-duty", is_staff=True, is_superuser=True)


@pytest.fixture
def enrolled(staff) -> TOTPDevice:
    device = TOTPDevice.objects.create(user=staff, name="Phone", confirmed=True)
    recovery = StaticDevice.objects.create(user=staff, name="Recovery codes", confirmed=True)
    StaticToken.objects.create(device=recovery, token="recovery1234")
    return device


def current_code(device: TOTPDevice) -> str:
    code = totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits)
    return f"{code:06d}"


def log_in_with_password(client) -> None:
    response = client.post(
        "/admin/login/", {"username": "registrar-on-duty", "password": PASSWORD, "next": "/admin/"}
    )
    assert response.status_code == 302


def test_with_2fa_required_a_password_alone_does_not_reach_the_admin(client, require_2fa, enrolled):
    log_in_with_password(client)

    response = client.get("/admin/")

    assert response.status_code == 302
    assert response["Location"] == "/accounts/two-factor/?next=%2Fadmin%2F"


def test_a_password_and_a_valid_code_reach_the_admin(client, require_2fa, enrolled):
    log_in_with_password(client)

    response = client.post("/accounts/two-factor/?next=/admin/", {"code": current_code(enrolled)})

    assert response.status_code == 302
    assert response["Location"] == "/admin/"
    assert client.get("/admin/").status_code == 200


def test_a_wrong_code_is_refused_and_the_admin_stays_closed(client, require_2fa, enrolled):
    log_in_with_password(client)

    response = client.post("/accounts/two-factor/", {"code": "000000"})

    assert response.status_code == 200
    assert str(CODE_REFUSED) in response.content.decode()
    assert client.get("/admin/").status_code == 302


def test_a_recovery_code_works_once(client, require_2fa, enrolled):
    log_in_with_password(client)
    first = client.post("/accounts/two-factor/", {"code": "recovery1234"})
    assert first.status_code == 302
    assert client.get("/admin/").status_code == 200
    client.logout()

    log_in_with_password(client)
    second = client.post("/accounts/two-factor/", {"code": "recovery1234"})

    assert second.status_code == 200
    assert str(CODE_REFUSED) in second.content.decode()
    assert client.get("/admin/").status_code == 302
    assert not StaticToken.objects.filter(token="recovery1234").exists()


def test_a_staff_user_without_a_device_enrols_one_and_gets_recovery_codes_once(
    client, require_2fa, staff
):
    log_in_with_password(client)
    assert client.get("/admin/")["Location"] == "/accounts/two-factor/setup/?next=%2Fadmin%2F"

    page = client.get("/accounts/two-factor/setup/?next=/admin/")
    device = TOTPDevice.objects.get(user=staff)
    confirmed = client.post("/accounts/two-factor/setup/", {"code": current_code(device)})

    assert page.status_code == 200
    assert "<svg" in page.content.decode()
    assert "Cooperation programmes" not in page.content.decode()  # no admin menu yet
    assert page.context["secret"] in page.content.decode()
    assert confirmed.status_code == 200
    codes = confirmed.context["codes"]
    assert len(codes) == RECOVERY_CODE_COUNT
    assert all(code in confirmed.content.decode() for code in codes)
    device.refresh_from_db()
    assert device.confirmed
    assert client.get("/admin/").status_code == 200
    # Shown once: the enrolment page now sends an enrolled user to the code step.
    assert client.get("/accounts/two-factor/setup/")["Location"].startswith(
        "/accounts/two-factor/?"
    )


def test_without_2fa_required_a_password_alone_reaches_the_admin(client, settings, staff):
    settings.REQUIRE_2FA = False
    log_in_with_password(client)

    assert client.get("/admin/").status_code == 200


def test_a_user_who_is_not_staff_is_not_asked_for_a_second_factor(client, require_2fa):
    UserFactory(username="registrar-on-duty")
    client.post("/api-auth/login/", {"username": "registrar-on-duty", "password": PASSWORD})

    response = client.get("/admin/")

    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")


def test_a_lost_phone_is_reset_by_command(client, require_2fa, enrolled):
    output = StringIO()

    call_command("reset_two_factor", "registrar-on-duty", stdout=output)

    assert "Removed 2 second-factor devices" in output.getvalue()
    assert not TOTPDevice.objects.exists()
    log_in_with_password(client)
    assert client.get("/admin/")["Location"].startswith("/accounts/two-factor/setup/")


def test_turning_2fa_off_in_production_is_logged_as_a_warning(settings, caplog):
    settings.REQUIRE_2FA = False
    settings.DEBUG = False

    with caplog.at_level(logging.WARNING, logger="apps.accounts.apps"):
        two_factor_warn_if_off()

    assert [record.getMessage() for record in caplog.records] == [TWO_FACTOR_OFF]


@pytest.mark.parametrize(
    ("environment", "required", "warned"),
    [({}, "True", False), ({"REQUIRE_2FA": "false"}, "False", True)],
)
def test_2fa_is_required_in_production_unless_turned_off_with_a_warning(
    environment, required, warned
):
    result = run_manage(
        "shell",
        "-c",
        "from django.conf import settings; print(settings.REQUIRE_2FA)",
        **PRODUCTION,
        **environment,
    )

    assert result.stdout.strip().splitlines()[-1] == required, result.stderr
    assert (TWO_FACTOR_OFF in result.stderr) is warned


def test_a_staff_session_without_its_second_factor_does_not_reach_the_api(
    client, require_2fa, enrolled
):
    """The browsable API's login takes a password only: the session still needs the code."""
    response = client.post(
        "/api-auth/login/", {"username": "registrar-on-duty", "password": PASSWORD}
    )
    assert response.status_code == 302

    refused = client.get("/api/v1/people/")

    assert refused.status_code == 401
    assert refused.json() == {"detail": SECOND_FACTOR_NEEDED}


def test_a_staff_session_with_its_second_factor_reaches_the_api(client, require_2fa, enrolled):
    log_in_with_password(client)
    client.post("/accounts/two-factor/?next=/admin/", {"code": current_code(enrolled)})

    response = client.get("/api/v1/people/")

    assert response.status_code == 200


def test_without_2fa_required_a_staff_session_reaches_the_api(client, enrolled):
    log_in_with_password(client)

    assert client.get("/api/v1/people/").status_code == 200
