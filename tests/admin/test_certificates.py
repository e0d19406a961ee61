"""Certificates in the admin: recorded once, then frozen; nobody deletes one."""

import datetime

import pytest
from django.urls import reverse

from apps.certificates.models import Certificate
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


def test_certificate_changelist_shows_the_name_as_printed_linking_to_the_person(admin_client):
    certificate = CertificateFactory(
        enrolment__person__family_name="Aliyev", enrolment__person__given_names="Sahriyar"
    )
    person = certificate.enrolment.person
    person.family_name = "Əliyev"
    person.save()

    content = admin_client.get(CHANGELIST_URL).content.decode()

    assert certificate.holder_name == "Aliyev Sahriyar"
    assert f'<a href="{person.get_absolute_url()}">Aliyev Sahriyar</a>' in content
    assert "Əliyev" not in content


@pytest.mark.parametrize("user", ["superuser", "registrar"])
def test_nobody_adds_a_certificate_in_the_admin(db, client, request, user):
    client.force_login(request.getfixturevalue(user))
    enrolment = EnrolmentFactory(completed=True)

    assert client.get(ADD_URL).status_code == 403
    response = client.post(
        ADD_URL,
        {
            "enrolment": enrolment.pk,
            "serial": "MTT-2026-000001",
            "issued_on": "2026-03-06",
            "issued_by": OrganisationFactory().pk,
        },
    )

    assert response.status_code == 403
    assert not Certificate.objects.exists()


def test_certificate_changelist_offers_no_add_button(admin_client, certificate):
    content = admin_client.get(CHANGELIST_URL).content.decode()
    assert ADD_URL not in content


def test_registrar_cannot_delete_a_certificate(client, registrar, certificate):
    client.force_login(registrar)
    assert client.post(delete_url(certificate), {"post": "yes"}).status_code == 403
    client.post(CHANGELIST_URL, {"action": "delete_selected", "_selected_action": [certificate.pk]})
    assert Certificate.objects.filter(pk=certificate.pk).exists()


def test_certificate_page_shows_what_it_attests_and_links_pdf_and_verification(
    admin_client, certificate
):
    content = admin_client.get(change_url(certificate)).content.decode()
    for value in (certificate.holder_name, certificate.course_title_en, certificate.issuer_name_en):
        assert value in content
    assert f'href="/api/v1/certificates/{certificate.pk}/pdf/"' in content
    assert f'href="/verify/{certificate.verification_code}/"' in content
