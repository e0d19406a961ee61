"""Organisations in French: the admin's labels and kinds, the API's refusals."""

import pytest
from django.urls import reverse

from apps.organisations.models import Organisation
from tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db

FRENCH = {"HTTP_ACCEPT_LANGUAGE": "fr"}


def test_an_organisation_s_page_in_french_shows_french_labels_and_kinds(client, registrar):
    organisation = OrganisationFactory()
    client.force_login(registrar)

    page = client.get(
        reverse("admin:organisations_organisation_change", args=[organisation.pk]), **FRENCH
    ).content.decode()

    assert "Place dans la structure" in page
    assert "Préfixe des numéros de série des attestations" in page
    assert "équipe de formation" in page and "agence de presse" in page
    assert "Serial prefix" not in page and "training team" not in page


def test_a_malformed_serial_prefix_is_refused_in_french(api_client_for):
    organisation = OrganisationFactory()

    response = api_client_for("registrar").patch(
        f"/api/v1/organisations/{organisation.pk}/",
        {"serial_prefix": "jfc"},
        HTTP_ACCEPT_LANGUAGE="fr",
    )

    assert response.status_code == 400
    assert response.json()["serial_prefix"] == [
        "2 à 12 lettres majuscules ou chiffres, en commençant par une lettre, p. ex. JFCBS."
    ]
    assert Organisation.objects.get().serial_prefix == ""


def test_an_organisation_under_its_own_unit_is_refused_in_french(api_client_for):
    parent = OrganisationFactory()
    unit = OrganisationFactory(parent=parent)

    response = api_client_for("registrar").patch(
        f"/api/v1/organisations/{parent.pk}/", {"parent": unit.pk}, HTTP_ACCEPT_LANGUAGE="fr"
    )

    assert response.status_code == 400
    assert response.json()["parent"] == [
        "Une organisation ne peut relever ni d’elle-même ni de l’une de ses propres unités."
    ]
    parent.refresh_from_db()
    assert parent.parent is None
