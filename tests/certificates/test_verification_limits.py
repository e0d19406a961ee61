"""The verification throttle counts clients as they are, and serials cannot be walked."""

import pytest
from django.test import Client

from apps.certificates.models import Certificate
from tests.certificates.test_verification import LOOKUP, page, without_form_values
from tests.factories import CertificateFactory, EnrolmentFactory, PersonFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("fresh_throttle_counts")]


@pytest.fixture
def certificate() -> Certificate:
    person = PersonFactory(family_name="Əliyev")
    return CertificateFactory(
        enrolment=EnrolmentFactory(person=person, completed=True), serial="TESTCMD-2026-000500"
    )


@pytest.fixture
def three_a_minute(settings):
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {"verification": "3/minute"},
    }


def test_addresses_of_one_ipv6_64_share_one_allowance(three_a_minute, certificate):
    answers = [
        Client(REMOTE_ADDR=f"2001:db8:7:1::{host:x}").get(page(certificate)).status_code
        for host in range(1, 6)
    ]

    assert answers == [200, 200, 200, 429, 429]
    assert Client(REMOTE_ADDR="2001:db8:7:2::1").get(page(certificate)).status_code == 200


def test_ipv4_clients_are_counted_per_address(three_a_minute, certificate):
    for _ in range(3):
        Client(REMOTE_ADDR="192.0.2.10").get(page(certificate))

    assert Client(REMOTE_ADDR="192.0.2.10").get(page(certificate)).status_code == 429
    assert Client(REMOTE_ADDR="192.0.2.11").get(page(certificate)).status_code == 200


def test_behind_a_proxy_each_forwarded_client_has_its_own_allowance(
    settings, three_a_minute, certificate
):
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "NUM_PROXIES": 1}

    answers = [
        Client(REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR=f"192.0.2.{n}")
        .get(page(certificate))
        .status_code
        for n in range(1, 10)
    ]

    assert answers == [200] * 9


def test_five_failed_lookups_of_a_serial_from_anywhere_close_its_lookup_for_the_hour(
    certificate,
):
    for n, surname in enumerate(["Mammadov", "Hasanov", "Huseynov", "Guliyev", "Ismayilov"]):
        miss = Client(REMOTE_ADDR=f"192.0.2.{n}").post(
            LOOKUP, {"serial": certificate.serial, "family_name": surname}
        )
        assert miss.status_code == 200

    right_name = Client(REMOTE_ADDR="198.51.100.1").post(
        LOOKUP, {"serial": certificate.serial, "family_name": "Əliyev"}
    )
    unknown = Client(REMOTE_ADDR="198.51.100.2").post(
        LOOKUP, {"serial": "TESTCMD-2026-000777", "family_name": "Əliyev"}
    )

    assert right_name.status_code == unknown.status_code == 200
    assert without_form_values(right_name.content.decode()) == without_form_values(
        unknown.content.decode()
    )
    assert "No certificate matches" in right_name.content.decode()
    assert certificate.verification_code not in right_name.content.decode()
    assert Client().get(page(certificate)).status_code == 200  # the QR code's address


def test_four_failed_lookups_leave_the_right_name_working(certificate):
    for surname in ["Mammadov", "Hasanov", "Huseynov", "Guliyev"]:
        Client().post(LOOKUP, {"serial": certificate.serial, "family_name": surname})

    response = Client().post(LOOKUP, {"serial": certificate.serial, "family_name": "Aliyev"})

    assert response.status_code == 303
    assert response["Location"] == page(certificate)


def test_the_failures_of_one_serial_do_not_close_another(certificate):
    other = CertificateFactory(
        enrolment=EnrolmentFactory(person=PersonFactory(family_name="Vəliyev"), completed=True),
        serial="TESTCMD-2026-000501",
    )
    for _ in range(5):
        Client().post(LOOKUP, {"serial": certificate.serial, "family_name": "Mammadov"})

    response = Client().post(LOOKUP, {"serial": other.serial, "family_name": "Vəliyev"})

    assert response.status_code == 303
