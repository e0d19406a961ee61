"""Programmes in French: NATO's French names of the kinds, statuses, the API's refusals."""

import pytest
from django.urls import reverse

from tests.factories import ProgrammeFactory

pytestmark = pytest.mark.django_db

FRENCH = {"HTTP_ACCEPT_LANGUAGE": "fr"}


def test_the_programme_list_in_french_gives_nato_s_french_names(client, registrar):
    ProgrammeFactory()
    client.force_login(registrar)

    page = client.get(reverse("admin:programmes_programme_changelist"), **FRENCH).content.decode()

    assert "Programmes de coopération" in page
    assert "Programme de coopération de partenariat individuel (IPCP)" in page
    assert "Programme de partenariat individualisé (ITPP)" in page
    assert "en projet" in page and "en vigueur" in page and "achevé" in page
    assert "Partie partenaire" in page and "Partie OTAN" in page
    assert "Individually Tailored" not in page and "in force" not in page


def test_a_programme_s_page_in_french_shows_french_labels(client, registrar):
    programme = ProgrammeFactory()
    client.force_login(registrar)

    page = client.get(
        reverse("admin:programmes_programme_change", args=[programme.pk]), **FRENCH
    ).content.decode()

    assert "Première année" in page and "Dernière année" in page
    assert "Description (français)" in page
    assert "Sources justificatives" in page
    assert "First year" not in page


def test_a_programme_with_one_organisation_on_both_sides_is_refused_in_french(api_client_for):
    programme = ProgrammeFactory()

    response = api_client_for("registrar").patch(
        f"/api/v1/programmes/{programme.pk}/",
        {"nato_side": programme.partner_id},
        HTTP_ACCEPT_LANGUAGE="fr",
    )

    assert response.status_code == 400
    assert response.json()["nato_side"] == [
        "La partie partenaire et la partie OTAN doivent être des organisations différentes."
    ]
    programme.refresh_from_db()
    assert programme.nato_side_id != programme.partner_id
