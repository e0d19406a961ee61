"""Correcting a certificate in the admin: a new one supersedes it."""

from django.urls import reverse

from apps.certificates.models import Certificate, CertificateStatus
from apps.certificates.services import certificate_revoke
from tests.admin.forms import AdminForm
from tests.certificates.helpers import messages_of


def supersede_url(certificate: Certificate) -> str:
    return reverse("admin:certificates_certificate_supersede", args=[certificate.pk])


def test_certificate_page_offers_the_correction_of_a_valid_certificate(registrar_client, issued):
    certificate = issued[0]
    content = registrar_client.get(certificate.get_absolute_url()).content.decode()
    assert f'href="{supersede_url(certificate)}"' in content
    assert certificate.pdf_sha256 in content


def test_supersede_page_is_prefilled_with_what_the_new_certificate_will_print(
    registrar_client, issued
):
    certificate = issued[0]
    response = registrar_client.get(supersede_url(certificate))

    form = AdminForm(response.content.decode(), "supersede")
    assert form.data["holder_name"] == [certificate.holder_name]
    assert form.data["course_title_fr"] == [certificate.course_title_fr]
    assert form.data["course_start_date"] == ["2026-01-01"]
    assert form.data["course_start_precision"] == ["year"]
    assert form.data["course_country"] == ["AZ"]
    assert form.data["reason"] == [""]
    assert response.context["record_differences"] == []


def test_supersede_page_shows_the_records_as_they_are_now_and_what_differs(
    registrar_client, issued, django_capture_on_commit_callbacks
):
    old = issued[0]
    person = old.enrolment.person
    person.family_name = "Əliyev"
    person.save()
    course = old.enrolment.course
    course.city = "Bakı"
    course.save()

    response = registrar_client.get(supersede_url(old))

    form = AdminForm(response.content.decode(), "supersede")
    assert form.data["holder_name"] == [person.full_name]
    assert form.data["holder_family_name"] == ["Əliyev"]
    assert form.data["course_city"] == ["Bakı"]
    differences = {
        d["label"]: (d["printed"], d["records"]) for d in response.context["record_differences"]
    }
    assert differences["course city"] == ("Baku", "Bakı")
    assert differences["holder's family name"] == (old.holder_family_name, "Əliyev")

    form.fill(reason="Name and city as the ministry spells them.")
    with django_capture_on_commit_callbacks(execute=True):
        registrar_client.post(supersede_url(old), form.post_data())

    new = Certificate.objects.get(supersedes=old)
    assert (new.holder_name, new.holder_family_name, new.course_city) == (
        person.full_name,
        "Əliyev",
        "Bakı",
    )


def test_superseding_with_a_corrected_name_issues_a_new_certificate(
    registrar_client, issued, django_capture_on_commit_callbacks
):
    old = issued[0]
    form = AdminForm(registrar_client.get(supersede_url(old)).content.decode(), "supersede")
    form.fill(holder_name="Əliyev Şəhriyar Ağa oğlu", reason="Name misspelt.")

    with django_capture_on_commit_callbacks(execute=True):
        response = registrar_client.post(supersede_url(old), form.post_data())

    old.refresh_from_db()
    new = old.superseded_by
    assert response.status_code == 302
    assert response["Location"] == new.get_absolute_url()
    assert old.status == CertificateStatus.SUPERSEDED
    assert (new.serial, new.holder_name) == ("JFCBS-2026-000003", "Əliyev Şəhriyar Ağa oğlu")
    assert new.supersession_reason == "Name misspelt."
    assert new.course_title_en == old.course_title_en
    assert new.pdf_sha256
    page = registrar_client.get(old.get_absolute_url()).content.decode()
    assert f'href="{new.get_absolute_url()}"' in page


def test_superseding_without_a_reason_shows_the_error_and_writes_nothing(registrar_client, issued):
    old = issued[0]
    form = AdminForm(registrar_client.get(supersede_url(old)).content.decode(), "supersede")
    form.fill(holder_name="Aliyev Corrected")

    response = registrar_client.post(supersede_url(old), form.post_data())

    assert response.status_code == 200
    assert response.context["form"].errors == {"reason": ["This field is required."]}
    assert Certificate.objects.count() == 2


def test_correction_page_of_a_revoked_certificate_refuses_before_asking(
    registrar_client, registrar, issued
):
    old = certificate_revoke(certificate=issued[0], reason="Duplicate.", user=registrar)

    response = registrar_client.get(supersede_url(old), follow=True)

    assert response.redirect_chain[-1][0] == old.get_absolute_url()
    assert messages_of(response) == [
        "Certificate JFCBS-2026-000001 is revoked: only a valid certificate can be corrected."
    ]
    assert registrar_client.post(supersede_url(old), {"reason": "x"}).status_code == 302
    assert Certificate.objects.count() == 2


def test_staff_without_the_change_permission_cannot_supersede(client, staff_viewer, issued):
    client.force_login(staff_viewer)
    page = client.get(issued[0].get_absolute_url()).content.decode()
    assert supersede_url(issued[0]) not in page
    assert client.get(supersede_url(issued[0])).status_code == 403
    assert client.post(supersede_url(issued[0]), {"reason": "x"}).status_code == 403
    assert Certificate.objects.count() == 2
