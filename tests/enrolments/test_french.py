"""Enrolments in French: their admin pages and the API's refusals."""

from html import unescape

import pytest
from django.urls import reverse

from apps.enrolments.models import Enrolment
from tests.factories import EnrolmentFactory

pytestmark = pytest.mark.django_db

FRENCH = {"HTTP_ACCEPT_LANGUAGE": "fr"}
NBSP = "\u00a0"


def test_an_enrolments_admin_page_reads_in_french(admin_client):
    enrolment = EnrolmentFactory(status="nominated")

    response = admin_client.get(
        reverse("admin:enrolments_enrolment_change", args=[enrolment.pk]), **FRENCH
    )

    content = unescape(response.content.decode())
    for text in ("Déroulement", "Désigné le", "Achevé le", "Résultat", "non validé", "désigné"):
        assert text in content, text
    assert "Progress" not in content and "Nominated on" not in content


def test_the_enrolment_list_reads_in_french(admin_client):
    EnrolmentFactory(status="completed", completed_on=None)

    response = admin_client.get(reverse("admin:enrolments_enrolment_changelist"), **FRENCH)

    content = unescape(response.content.decode())
    for text in ("Participant", "Formation", "Statut", "achevé", "inscriptions"):
        assert text in content, text


def test_a_second_enrolment_of_a_person_is_refused_in_french(api_client_for):
    existing = EnrolmentFactory()

    response = api_client_for("registrar").post(
        "/api/v1/enrolments/",
        {"course": existing.course.pk, "person": existing.person.pk},
        **FRENCH,
    )

    assert response.status_code == 400
    assert response.json() == {"person": ["Cette personne est déjà inscrite à cette formation."]}
    assert Enrolment.objects.count() == 1


def test_a_completion_date_without_completion_is_refused_in_french(api_client_for):
    enrolment = EnrolmentFactory()

    response = api_client_for("registrar").patch(
        f"/api/v1/enrolments/{enrolment.pk}/", {"completed_on": "2026-03-06"}, **FRENCH
    )

    assert response.status_code == 400
    assert response.json() == {
        "completed_on": ["Seule une inscription achevée ou non validée a une date d’achèvement."]
    }
    enrolment.refresh_from_db()
    assert enrolment.completed_on is None
