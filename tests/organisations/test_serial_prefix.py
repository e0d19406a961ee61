"""An organisation's certificate serial prefix: editable, validated, frozen once used."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from apps.certificates.services import certificates_preview
from apps.organisations.models import (
    SERIAL_PREFIX_FORMAT_ERROR,
    SERIAL_PREFIX_IN_USE_ERROR,
    SERIAL_PREFIX_TAKEN_ERROR,
    Organisation,
    OrganisationKind,
)
from tests.admin.forms import AdminForm
from tests.factories import CertificateFactory, CourseFactory, OrganisationFactory

pytestmark = pytest.mark.django_db


def detail(organisation: Organisation) -> str:
    return f"/api/v1/organisations/{organisation.pk}/"


@pytest.fixture
def georgia() -> Organisation:
    """A new organisation delivering its first course: no serial prefix yet."""
    return OrganisationFactory(
        slug="georgia-mod", name_en="Ministry of Defence of Georgia", kind=OrganisationKind.MINISTRY
    )


def test_registrar_sets_a_serial_prefix_in_the_admin_and_the_course_can_then_be_certified(
    client, registrar, georgia
):
    course = CourseFactory(delivered_by=georgia)
    client.force_login(registrar)
    url = reverse("admin:organisations_organisation_change", args=[georgia.pk])
    form = AdminForm(client.get(url).content.decode(), "organisation")
    form.fill(serial_prefix="GEOMOD")

    response = client.post(url, form.post_data())

    assert response.status_code == 302
    georgia.refresh_from_db()
    assert georgia.serial_prefix == "GEOMOD"
    assert certificates_preview(course=course).issuer == georgia


def test_registrar_sets_a_serial_prefix_through_the_api(api_client_for, georgia):
    response = api_client_for("registrar").patch(
        detail(georgia), {"serial_prefix": "GEOMOD"}, format="json"
    )

    assert response.status_code == 200
    assert response.json()["serial_prefix"] == "GEOMOD"
    georgia.refresh_from_db()
    assert georgia.serial_prefix == "GEOMOD"


@pytest.mark.parametrize("prefix", ["geomod", "GEO-MOD", "1GEO", "G", "ABCDEFGHIJKLM"])
def test_serial_prefix_must_be_capital_letters_and_digits_of_sensible_length(
    api_client_for, georgia, prefix
):
    response = api_client_for("registrar").patch(
        detail(georgia), {"serial_prefix": prefix}, format="json"
    )

    assert response.status_code == 400
    assert list(response.json()) == ["serial_prefix"]
    georgia.refresh_from_db()
    assert georgia.serial_prefix == ""


def test_serial_prefix_format_error_carries_its_code(georgia):
    georgia.serial_prefix = "geo"

    with pytest.raises(ValidationError) as refused:
        georgia.full_clean()

    assert refused.value.message_dict == {"serial_prefix": [SERIAL_PREFIX_FORMAT_ERROR]}
    assert refused.value.error_dict["serial_prefix"][0].code == "serial_prefix_format"


def test_serial_prefix_is_unique(api_client_for, georgia):
    OrganisationFactory(serial_prefix="GEOMOD")

    response = api_client_for("registrar").patch(
        detail(georgia), {"serial_prefix": "GEOMOD"}, format="json"
    )

    assert response.status_code == 400
    assert response.json() == {"serial_prefix": [SERIAL_PREFIX_TAKEN_ERROR]}
    georgia.refresh_from_db()
    assert georgia.serial_prefix == ""


def test_several_organisations_may_have_no_serial_prefix(georgia):
    other = OrganisationFactory.build(serial_prefix="")

    other.full_clean()
    other.save()

    assert Organisation.objects.filter(serial_prefix="").count() >= 2


@pytest.mark.parametrize("new_prefix", ["GEOMOD2", ""], ids=["renamed", "cleared"])
def test_serial_prefix_cannot_change_once_a_certificate_was_issued_under_it(
    api_client_for, georgia, new_prefix
):
    Organisation.objects.filter(pk=georgia.pk).update(serial_prefix="GEOMOD")
    CertificateFactory(issued_by=georgia, serial="GEOMOD-2026-000001")

    response = api_client_for("registrar").patch(
        detail(georgia), {"serial_prefix": new_prefix}, format="json"
    )

    assert response.status_code == 400
    assert response.json() == {
        "serial_prefix": [SERIAL_PREFIX_IN_USE_ERROR.format(prefix="GEOMOD")]
    }
    georgia.refresh_from_db()
    assert georgia.serial_prefix == "GEOMOD"


def test_serial_prefix_may_change_while_no_certificate_was_issued_under_it(georgia):
    Organisation.objects.filter(pk=georgia.pk).update(serial_prefix="GEOMOD")
    georgia.refresh_from_db()
    georgia.serial_prefix = "GEO"

    georgia.full_clean()
    georgia.save()

    assert Organisation.objects.get(pk=georgia.pk).serial_prefix == "GEO"


def test_organisation_that_issued_certificates_stays_editable_otherwise(georgia):
    Organisation.objects.filter(pk=georgia.pk).update(serial_prefix="GEOMOD")
    CertificateFactory(issued_by=georgia, serial="GEOMOD-2026-000001")
    georgia.refresh_from_db()
    georgia.website = "https://mod.gov.ge"

    georgia.full_clean()
    georgia.save()

    georgia.refresh_from_db()
    assert (georgia.website, georgia.serial_prefix) == ("https://mod.gov.ge", "GEOMOD")
