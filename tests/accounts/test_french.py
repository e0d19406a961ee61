"""What staff read of the accounts in French: the lockout, the second factor, the commands."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import translation

from tests.factories import UserFactory, api_token_for

pytestmark = pytest.mark.django_db


def test_the_locked_out_page_speaks_the_visitor_language(client):
    UserFactory(username="registrar-on-duty", is_staff=True)
    for _ in range(5):
        response = client.post(
            reverse("admin:login"),
            {"username": "registrar-on-duty", "password": "wrong-password"},
            HTTP_ACCEPT_LANGUAGE="fr-FR,fr;q=0.9",
        )

    html = response.content.decode()
    assert response.status_code == 429
    assert '<html lang="fr">' in html
    assert "Connexion bloquée" in html
    assert "La connexion est bloquée pendant 15 minutes" in html
    assert "Login locked" not in html


def test_the_api_lockout_answers_in_french(api_client):
    UserFactory(username="registrar-on-duty", is_staff=True)
    for _ in range(5):
        response = api_client.post(
            "/api/v1/auth/login/?lang=fr",
            {"username": "registrar-on-duty", "password": "wrong-password"},
            format="json",
        )

    assert response.status_code == 429
    assert response.json()["detail"].startswith("Trop de tentatives de connexion ont échoué")


def test_the_second_factor_page_is_in_french(client):
    client.force_login(UserFactory(username="registrar-on-duty", is_staff=True))

    html = client.get(reverse("two-factor-setup"), HTTP_ACCEPT_LANGUAGE="fr").content.decode()

    assert "Connexion à deux facteurs" in html
    assert "Saisissez le code à six chiffres qu’affiche l’application." in html
    assert 'value="Confirmer"' in html


def test_the_revoke_command_reports_in_french():
    api_token_for(UserFactory(username="viewer"))
    api_token_for(UserFactory(username="viewer-2"))
    output = StringIO()

    with translation.override("fr"):
        call_command("revoke_api_tokens", "viewer", stdout=output)

    assert output.getvalue() == "1 jeton d’API de « viewer » révoqué.\n"
