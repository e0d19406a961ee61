"""Certificates in French: the admin's pages and messages, the API's refusals, the commands."""

from html import unescape
from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import translation

from apps.certificates.models import Certificate, CertificateStatus
from apps.certificates.services import certificate_revoke, certificates_issue
from apps.courses.models import Course
from apps.enrolments.models import EnrolmentStatus
from tests.certificates.helpers import BAKU, enrol

pytestmark = pytest.mark.django_db

FRENCH = {"HTTP_ACCEPT_LANGUAGE": "fr"}
NBSP = "\u00a0"


@pytest.fixture
def baku(seed) -> Course:
    course = Course.objects.get(slug=BAKU)
    enrol(course, "Aliyev")
    enrol(course, "Babayev")
    enrol(course, "Cavadov", EnrolmentStatus.ATTENDED)
    return course


@pytest.fixture
def issued(baku, django_capture_on_commit_callbacks) -> list[Certificate]:
    with django_capture_on_commit_callbacks(execute=True):
        return certificates_issue(course=baku).issued


@pytest.fixture
def registrar_client(client, registrar):
    client.force_login(registrar)
    return client


def page(response) -> str:
    return unescape(response.content.decode())


def test_a_certificates_admin_page_reads_in_french(registrar_client, issued):
    url = reverse("admin:certificates_certificate_change", args=[issued[0].pk])

    content = page(registrar_client.get(url, **FRENCH))

    for text in (
        "Titulaire",
        "Ce que l’attestation certifie",
        "Numéro de série",
        "Autorité de délivrance (anglais)",
        "Télécharger le PDF",
        "Page de vérification",
        "Rectifier (remplacer)",
        "valide",
    ):
        assert text in content, text
    assert "What the certificate attests" not in content and "Download PDF" not in content


def test_the_certificate_list_reads_in_french(registrar_client, issued):
    certificate_revoke(certificate=issued[0], reason="Erreur de saisie.", user=None)

    content = page(
        registrar_client.get(reverse("admin:certificates_certificate_changelist"), **FRENCH)
    )

    for text in ("Numéro de série", "Titulaire", "Délivrée par", "révoquée", "valide"):
        assert text in content, text
    assert "Révoquer les attestations sélectionnées" in content


def test_the_issue_action_previews_and_reports_in_french(registrar_client, baku):
    courses = reverse("admin:courses_course_changelist")
    data = {"action": "issue_certificates", "_selected_action": [baku.pk]}

    preview = page(registrar_client.post(courses, data, **FRENCH))
    issued = registrar_client.post(courses, {**data, "post": "yes"}, follow=True, **FRENCH)

    assert "Délivrer 2 attestations" in preview
    assert "n’a pas achevé la formation (présent)" in preview
    messages = [str(message) for message in issued.context["messages"]]
    assert any(f"{NBSP}: 2 attestations délivrées (de " in message for message in messages)
    assert Certificate.objects.count() == 2


def test_revoking_twice_through_the_api_is_refused_in_french(api_client_for, issued):
    client = api_client_for("registrar")
    url = f"/api/v1/certificates/{issued[0].pk}/revoke/"
    client.post(url, {"reason": "Première."}, format="json")

    response = client.post(url, {"reason": "Seconde."}, format="json", **FRENCH)

    assert response.status_code == 400
    assert response.json() == {
        "non_field_errors": [f"L’attestation {issued[0].serial} était déjà révoquée."]
    }
    issued[0].refresh_from_db()
    assert issued[0].revocation_reason == "Première."
    assert issued[0].status == CertificateStatus.REVOKED


def test_issuing_for_a_course_not_held_is_refused_in_french(api_client_for, baku):
    baku.status = "planned"
    baku.save(update_fields=["status"])

    response = api_client_for("registrar").post(
        f"/api/v1/courses/{baku.pk}/issue-certificates/", {}, format="json", **FRENCH
    )

    assert response.status_code == 400
    assert "ne sont délivrées que pour une formation tenue" in str(response.json())
    assert not Certificate.objects.exists()


def test_the_issue_command_reports_in_french(baku):
    out = StringIO()
    with translation.override("fr"):
        call_command("issue_certificates", BAKU, "--dry-run", stdout=out)

    output = out.getvalue()
    assert "Simulation" + NBSP + ": 2 attestations seraient délivrées" in output
    assert "en recevrait une" in output
    assert "Participant" in output and "Inscription" in output and "Attestation" in output
    assert not Certificate.objects.exists()
