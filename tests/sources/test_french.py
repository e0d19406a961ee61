"""Sources in French: the admin's labels and kinds, the API's refusals."""

import pytest
from django.urls import reverse

from apps.sources.models import Source
from tests.factories import SourceFactory

pytestmark = pytest.mark.django_db

FRENCH = {"HTTP_ACCEPT_LANGUAGE": "fr"}


def test_a_source_s_page_in_french_shows_french_labels_and_kinds(client, registrar):
    source = SourceFactory()
    client.force_login(registrar)

    page = client.get(
        reverse("admin:sources_source_change", args=[source.pk]), **FRENCH
    ).content.decode()

    assert "Chaîne de reprise" in page and "Contenu" in page
    assert "Précision de la date de publication" in page
    assert "annonce officielle" in page and "dépêche" in page
    assert "Formations étayées par cette source" in page
    assert "Chain of reporting" not in page and "news report" not in page


def test_a_source_reported_from_what_reports_it_is_refused_in_french(api_client_for):
    original = SourceFactory()
    report = SourceFactory(reported_from=original)

    response = api_client_for("registrar").patch(
        f"/api/v1/sources/{original.pk}/", {"reported_from": report.pk}, HTTP_ACCEPT_LANGUAGE="fr"
    )

    assert response.status_code == 400
    assert response.json()["reported_from"] == [
        "Une source ne peut être reprise ni d’elle-même ni d’une source qui la cite."
    ]
    assert Source.objects.get(pk=original.pk).reported_from is None
