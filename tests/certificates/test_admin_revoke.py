"""Revoking certificates in the admin: the action on several, the button on one."""

from django.test import Client
from django.urls import reverse

from apps.certificates.models import Certificate, CertificateStatus
from apps.certificates.services import certificate_revoke, certificate_supersede
from tests.admin.forms import AdminForm
from tests.certificates.helpers import CERTIFICATES_URL, messages_of


def revoke_action(client: Client, *certificates: Certificate, reason: str | None = None):
    data = {"action": "revoke_selected", "_selected_action": [c.pk for c in certificates]}
    if reason is not None:
        data.update(post="yes", reason=reason)
    return client.post(CERTIFICATES_URL, data, follow=True)


def revoke_url(certificate: Certificate) -> str:
    return reverse("admin:certificates_certificate_revoke", args=[certificate.pk])


def test_revoke_action_asks_for_one_reason_and_changes_nothing_yet(registrar_client, issued):
    response = revoke_action(registrar_client, *issued)

    content = response.content.decode()
    assert 'name="reason"' in content
    assert all(c.serial in content for c in issued)
    assert Certificate.objects.filter(status=CertificateStatus.VALID).count() == 2


def test_revoke_action_refuses_a_blank_reason(registrar_client, issued):
    response = revoke_action(registrar_client, *issued, reason="   ")

    assert response.context["form"].errors == {"reason": ["This field is required."]}
    assert Certificate.objects.filter(status=CertificateStatus.VALID).count() == 2


def test_revoke_action_revokes_several_with_one_reason_recording_who_and_when(
    registrar_client, registrar, issued
):
    response = revoke_action(registrar_client, *issued, reason="Issued in error.")

    assert messages_of(response) == [
        "Revoked 2 certificates: JFCBS-2026-000001, JFCBS-2026-000002."
    ]
    for certificate in Certificate.objects.all():
        assert certificate.status == CertificateStatus.REVOKED
        assert certificate.revocation_reason == "Issued in error."
        assert certificate.revoked_by == registrar
        assert certificate.revoked_at is not None


def test_revoke_action_refuses_a_revoked_certificate_before_asking_for_a_reason(
    registrar_client, superuser, issued
):
    first, second = issued
    certificate_revoke(certificate=first, reason="Duplicate.", user=superuser)

    response = revoke_action(registrar_client, first, second)

    assert "revoke_form" not in response.content.decode()
    assert messages_of(response) == [
        "Nothing was revoked: only valid certificates can be revoked, and these are not: "
        "JFCBS-2026-000001 (revoked)."
    ]
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.revocation_reason, first.revoked_by) == ("Duplicate.", superuser)
    assert second.status == CertificateStatus.VALID


def test_revoke_action_refuses_a_superseded_certificate_before_asking_for_a_reason(
    registrar_client, registrar, issued
):
    certificate_supersede(certificate=issued[0], reason="Name misspelt.", user=registrar)

    response = revoke_action(registrar_client, issued[0])

    assert "revoke_form" not in response.content.decode()
    assert messages_of(response) == [
        "Nothing was revoked: only valid certificates can be revoked, and these are not: "
        "JFCBS-2026-000001 (superseded)."
    ]


def test_revoke_confirmation_says_what_verifiers_are_told(registrar_client, issued):
    content = revoke_action(registrar_client, issued[0]).content.decode()

    assert "revoke_form" in content
    assert "when and why" not in content
    assert "that it was revoked and on which date" in content
    assert "are not shown to the public" in content


def test_certificate_page_has_a_revoke_button_that_revokes_it_with_a_reason(
    registrar_client, registrar, issued
):
    certificate = issued[0]
    page = registrar_client.get(certificate.get_absolute_url()).content.decode()
    assert f'href="{revoke_url(certificate)}"' in page

    form = AdminForm(registrar_client.get(revoke_url(certificate)).content.decode(), "revoke")
    form.fill(reason="Issued in error.")
    response = registrar_client.post(revoke_url(certificate), form.post_data(), follow=True)

    certificate.refresh_from_db()
    assert response.redirect_chain[-1][0] == certificate.get_absolute_url()
    assert messages_of(response) == ["Certificate JFCBS-2026-000001 was revoked."]
    assert certificate.status == CertificateStatus.REVOKED
    assert (certificate.revocation_reason, certificate.revoked_by) == (
        "Issued in error.",
        registrar,
    )
    assert revoke_url(certificate) not in response.content.decode()


def test_revoke_page_without_a_reason_shows_the_error_and_writes_nothing(registrar_client, issued):
    response = registrar_client.post(revoke_url(issued[0]), {"reason": "  "})

    assert response.status_code == 200
    assert "This field is required." in response.content.decode()
    issued[0].refresh_from_db()
    assert issued[0].status == CertificateStatus.VALID


def test_revoke_page_of_a_revoked_certificate_refuses_before_asking(
    registrar_client, registrar, issued
):
    certificate = certificate_revoke(certificate=issued[0], reason="Duplicate.", user=registrar)

    response = registrar_client.get(revoke_url(certificate), follow=True)

    assert response.redirect_chain[-1][0] == certificate.get_absolute_url()
    assert messages_of(response) == [
        "Certificate JFCBS-2026-000001 is revoked: only a valid certificate can be revoked."
    ]


def test_staff_without_the_change_permission_cannot_open_the_revoke_page(
    client, staff_viewer, issued
):
    client.force_login(staff_viewer)
    assert revoke_url(issued[0]) not in client.get(issued[0].get_absolute_url()).content.decode()
    assert client.get(revoke_url(issued[0])).status_code == 403
    assert client.post(revoke_url(issued[0]), {"reason": "x"}).status_code == 403
    issued[0].refresh_from_db()
    assert issued[0].status == CertificateStatus.VALID


def test_staff_without_the_change_permission_cannot_revoke(client, staff_viewer, issued):
    client.force_login(staff_viewer)
    response = revoke_action(client, *issued, reason="Issued in error.")
    assert response.status_code == 200
    assert not Certificate.objects.filter(status=CertificateStatus.REVOKED).exists()
