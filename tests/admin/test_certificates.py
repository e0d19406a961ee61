"""Certificates in the admin: recorded once, then frozen; nobody deletes one."""

import datetime

import pytest
from django.urls import reverse

from apps.certificates.models import Certificate, CertificateStatus
from tests.admin.forms import AdminForm
from tests.factories import CertificateFactory, EnrolmentFactory, OrganisationFactory

CHANGELIST_URL = reverse("admin:certificates_certificate_changelist")
ADD_URL = reverse("admin:certificates_certificate_add")


def change_url(certificate: Certificate) -> str:
    return reverse("admin:certificates_certificate_change", args=[certificate.pk])


def delete_url(certificate: Certificate) -> str:
    return reverse("admin:certificates_certificate_delete", args=[certificate.pk])


@pytest.fixture
def certificate(db) -> Certificate:
    return CertificateFactory()


def test_superuser_cannot_delete_a_certificate(admin_client, certificate):
    assert admin_client.get(delete_url(certificate)).status_code == 403
    assert admin_client.post(delete_url(certificate), {"post": "yes"}).status_code == 403
    assert Certificate.objects.filter(pk=certificate.pk).exists()


def test_certificate_changelist_offers_no_delete_action(admin_client, certificate):
    response = admin_client.get(CHANGELIST_URL)
    assert response.status_code == 200
    action_form = response.context["action_form"]
    actions = [name for name, _label in action_form.fields["action"].choices] if action_form else []
    assert "delete_selected" not in actions


def test_bulk_delete_of_certificates_is_refused(admin_client, certificate):
    response = admin_client.post(
        CHANGELIST_URL, {"action": "delete_selected", "_selected_action": [certificate.pk]}
    )
    assert response.status_code in (200, 302)
    assert Certificate.objects.filter(pk=certificate.pk).exists()


def test_saved_certificate_opens_read_only(admin_client, certificate):
    response = admin_client.get(change_url(certificate))
    content = response.content.decode()
    assert response.status_code == 200
    for field in ("serial", "enrolment", "issued_on", "issued_by", "status", "verification_code"):
        assert f'name="{field}"' not in content, field
    assert certificate.verification_code in content
    assert 'name="_save"' not in content


def test_saved_certificate_cannot_be_changed_by_posting(admin_client, certificate):
    response = admin_client.post(
        change_url(certificate), {"serial": "FORGED-1", "issued_on": "2020-01-01"}
    )
    assert response.status_code == 403
    certificate.refresh_from_db()
    assert certificate.serial != "FORGED-1"
    assert certificate.issued_on == datetime.date(2026, 3, 6)


def test_certificate_page_links_to_enrolment_participant_and_course(admin_client, certificate):
    enrolment = certificate.enrolment
    content = admin_client.get(change_url(certificate)).content.decode()
    for record in (enrolment, enrolment.person, enrolment.course, certificate.issued_by):
        assert f'href="{record.get_absolute_url()}"' in content, record


def test_certificate_changelist_links_to_participant_and_course(admin_client, certificate):
    content = admin_client.get(CHANGELIST_URL).content.decode()
    assert f'href="{certificate.enrolment.person.get_absolute_url()}"' in content
    assert f'href="{certificate.enrolment.course.get_absolute_url()}"' in content


def test_registrar_records_a_certificate_for_a_completed_enrolment(admin_client):
    enrolment = EnrolmentFactory(completed=True)
    team = OrganisationFactory()
    response = admin_client.get(ADD_URL)
    assert "verification_code" not in response.content.decode()
    form = AdminForm(response.content.decode(), "certificate")
    form.fill(enrolment=enrolment.pk, serial="MTT-2026-000001", issued_on="2026-03-06")
    form.fill(issued_by=team.pk)
    data = form.post_data()
    data["status"] = [CertificateStatus.SUPERSEDED]  # shown disabled: a sent value is ignored

    response = admin_client.post(ADD_URL, data)

    assert response.status_code == 302
    certificate = Certificate.objects.get(serial="MTT-2026-000001")
    assert (certificate.enrolment, certificate.issued_by) == (enrolment, team)
    assert certificate.status == CertificateStatus.VALID
    assert len(certificate.verification_code) >= 43


def test_certificate_for_an_unfinished_enrolment_is_refused(admin_client):
    enrolment = EnrolmentFactory()
    form = AdminForm(admin_client.get(ADD_URL).content.decode(), "certificate")
    form.fill(
        enrolment=enrolment.pk,
        serial="MTT-2026-000002",
        issued_on="2026-03-06",
        issued_by=OrganisationFactory().pk,
    )

    response = admin_client.post(ADD_URL, form.post_data())

    assert response.status_code == 200
    assert "A certificate is issued only for a completed enrolment." in response.content.decode()
    assert not Certificate.objects.exists()


def test_second_current_certificate_for_an_enrolment_is_refused(admin_client, certificate):
    form = AdminForm(admin_client.get(ADD_URL).content.decode(), "certificate")
    form.fill(
        enrolment=certificate.enrolment.pk,
        serial="MTT-2026-000003",
        issued_on="2026-03-07",
        issued_by=certificate.issued_by.pk,
    )

    response = admin_client.post(ADD_URL, form.post_data())

    assert response.status_code == 200
    assert "This enrolment already holds a current certificate." in response.content.decode()
    assert list(Certificate.objects.all()) == [certificate]
