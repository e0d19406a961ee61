"""Issuing, revoking and correcting certificates from the admin, as a registrar would."""

import hashlib

import pytest
from django.contrib.auth.models import Group, Permission
from django.test import Client
from django.urls import reverse

from apps.accounts.roles import VIEWER
from apps.certificates.models import Certificate, CertificateStatus
from apps.certificates.services import (
    certificate_pdf_failure_record,
    certificate_pdf_store,
    certificate_revoke,
    certificate_supersede,
    certificates_issue,
)
from apps.courses.models import Course, CourseStatus
from apps.enrolments.models import EnrolmentStatus
from apps.organisations.models import Organisation
from tests.admin.forms import AdminForm
from tests.certificates.helpers import BAKU, enrol
from tests.factories import CertificateFactory, CourseFactory, EnrolmentFactory, UserFactory

COURSES_URL = reverse("admin:courses_course_changelist")
CERTIFICATES_URL = reverse("admin:certificates_certificate_changelist")


@pytest.fixture
def baku(seed) -> Course:
    """The seed course with two graduates, one who attended only and one who withdrew."""
    course = Course.objects.get(slug=BAKU)
    enrol(course, "Aliyev")
    enrol(course, "Babayev")
    enrol(course, "Cavadov", EnrolmentStatus.ATTENDED)
    enrol(course, "Dadashov", EnrolmentStatus.WITHDRAWN)
    return course


@pytest.fixture
def registrar_client(client: Client, registrar) -> Client:
    client.force_login(registrar)
    return client


@pytest.fixture
def staff_viewer(db):
    """Staff who may open the admin but only view records."""
    user = UserFactory(username="staff-viewer", is_staff=True)
    user.groups.add(Group.objects.get(name=VIEWER))
    return user


@pytest.fixture
def issued(baku, django_capture_on_commit_callbacks) -> list[Certificate]:
    with django_capture_on_commit_callbacks(execute=True):
        return certificates_issue(course=baku).issued


def messages_of(response) -> list[str]:
    return [str(message) for message in response.context["messages"]]


def issue_action(client: Client, *courses: Course, confirm: bool = False):
    data = {"action": "issue_certificates", "_selected_action": [c.pk for c in courses]}
    if confirm:
        data["post"] = "yes"
    return client.post(COURSES_URL, data, follow=confirm)


def revoke_action(client: Client, *certificates: Certificate, reason: str | None = None):
    data = {"action": "revoke_selected", "_selected_action": [c.pk for c in certificates]}
    if reason is not None:
        data.update(post="yes", reason=reason)
    return client.post(CERTIFICATES_URL, data, follow=True)


def revoke_url(certificate: Certificate) -> str:
    return reverse("admin:certificates_certificate_revoke", args=[certificate.pk])


def supersede_url(certificate: Certificate) -> str:
    return reverse("admin:certificates_certificate_supersede", args=[certificate.pk])


def test_issue_action_previews_who_receives_a_certificate_and_who_not_and_writes_nothing(
    registrar_client, baku
):
    response = issue_action(registrar_client, baku)

    content = response.content.decode()
    assert response.status_code == 200
    issuer = Organisation.objects.get(slug="jfc-brunssum")
    assert f"<strong>{issuer}</strong> (serials JFCBS-…)" in content
    assert [e.person.family_name for e in response.context["previews"][0].plan.eligible] == [
        "Aliyev",
        "Babayev",
    ]
    for text in ("Aliyev Şəhriyar", "Babayev Şəhriyar", "has not completed the course", "withdrew"):
        assert text in content, text
    assert 'name="post" value="yes"' in content
    assert "Issue 2 certificates" in content
    assert not Certificate.objects.exists()


def test_confirming_the_issue_action_issues_and_stores_the_pdfs(
    registrar_client, baku, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = issue_action(registrar_client, baku, confirm=True)

    assert response.status_code == 200
    assert messages_of(response) == [
        f"{baku}: 2 certificates issued (JFCBS-2026-000001 to JFCBS-2026-000002)."
    ]
    certificates = Certificate.objects.order_by("serial")
    assert [c.holder_family_name for c in certificates] == ["Aliyev", "Babayev"]
    assert all(c.pdf and c.pdf_sha256 for c in certificates)


def test_issuing_again_from_the_admin_issues_nothing(registrar_client, baku, issued):
    response = issue_action(registrar_client, baku)
    assert "already holds certificate JFCBS-2026-000001" in response.content.decode()

    response = issue_action(registrar_client, baku, confirm=True)

    assert messages_of(response) == [f"{baku}: no certificate issued; nobody else is eligible."]
    assert Certificate.objects.count() == 2


def test_a_course_not_held_cannot_be_confirmed_and_nothing_is_issued(registrar_client, baku):
    planned = CourseFactory(status=CourseStatus.PLANNED, delivered_by=baku.delivered_by)
    enrol(planned, "Eldarov")

    response = issue_action(registrar_client, baku, planned)
    content = response.content.decode()
    assert "this course is planned" in content
    assert 'value="Issue' not in content

    response = issue_action(registrar_client, baku, planned, confirm=True)

    assert messages_of(response) == [
        f"{planned}: nothing was issued. Certificates are issued only for a course that was "
        "held; this course is planned."
    ]
    assert not Certificate.objects.exists()


def test_issuing_in_the_admin_needs_the_same_permissions_as_in_the_api(client, baku):
    """Adding certificates without viewing them is not enough, as in the API (view + add)."""
    user = UserFactory(username="adder", is_staff=True)
    user.user_permissions.add(
        Permission.objects.get(codename="view_course"),
        Permission.objects.get(codename="add_certificate"),
    )
    client.force_login(user)

    changelist = client.get(COURSES_URL)
    response = issue_action(client, baku, confirm=True)

    assert changelist.status_code == 200
    assert "issue_certificates" not in changelist.content.decode()
    assert "previews" not in response.context
    assert not Certificate.objects.exists()


def test_staff_without_the_add_certificate_permission_cannot_issue(client, staff_viewer, baku):
    client.force_login(staff_viewer)
    changelist = client.get(COURSES_URL)
    assert changelist.status_code == 200
    assert changelist.context["action_form"] is None

    response = issue_action(client, baku, confirm=True)

    assert response.status_code == 200
    assert "previews" not in response.context
    assert not Certificate.objects.exists()


def test_a_viewer_who_is_not_staff_is_sent_to_the_login(client, viewer, baku):
    client.force_login(viewer)
    response = issue_action(client, baku)
    assert response.status_code == 302
    assert "/login/" in response["Location"]
    assert not Certificate.objects.exists()


def test_course_page_links_to_its_certificates_and_their_zip(registrar_client, baku, issued):
    other = CourseFactory()
    content = registrar_client.get(reverse("admin:courses_course_change", args=[baku.pk]))
    content = content.content.decode()
    listed = f"{CERTIFICATES_URL}?enrolment__course__id__exact={baku.pk}"
    assert f'href="{listed}"' in content
    assert f'href="/api/v1/courses/{baku.pk}/certificates.zip"' in content
    assert (
        "certificates.zip"
        not in registrar_client.get(
            reverse("admin:courses_course_change", args=[other.pk])
        ).content.decode()
    )

    response = registrar_client.get(listed)
    assert set(response.context["cl"].result_list) == set(issued)


def test_course_page_counts_pdfs_pending_and_failed_and_lists_them(registrar_client, baku):
    pending, failed, stored = (
        CertificateFactory(enrolment=EnrolmentFactory(course=baku, completed=True))
        for _ in range(3)
    )
    certificate_pdf_failure_record(certificate=failed)
    certificate_pdf_store(certificate=stored)

    content = registrar_client.get(reverse("admin:courses_course_change", args=[baku.pk]))
    content = content.content.decode()

    listed = f"{CERTIFICATES_URL}?enrolment__course__id__exact={baku.pk}"
    assert f'<a href="{listed}">3 certificates</a>' in content
    for status, label, certificate in (
        ("pending", "1 PDF pending", pending),
        ("failed", "1 PDF failed", failed),
    ):
        url = f"{listed}&amp;pdf_status={status}"
        assert f'<a href="{url}">{label}</a>' in content
        response = registrar_client.get(url.replace("&amp;", "&"))
        assert list(response.context["cl"].result_list) == [certificate]
        assert f"PDF</a> ({status})" in response.content.decode()
    assert "PDFs stored" not in content and "PDF stored" not in content


def test_certificate_changelist_links_each_pdf(registrar_client, issued):
    content = registrar_client.get(CERTIFICATES_URL).content.decode()
    for certificate in issued:
        assert f'href="/api/v1/certificates/{certificate.pk}/pdf/"' in content


def test_registrar_downloads_the_pdf_and_the_zip_through_the_admins_links(
    registrar_client, baku, issued
):
    certificate = Certificate.objects.get(pk=issued[0].pk)
    pdf_url = f"/api/v1/certificates/{certificate.pk}/pdf/"
    assert (
        f'href="{pdf_url}"' in registrar_client.get(certificate.get_absolute_url()).content.decode()
    )

    response = registrar_client.get(pdf_url)

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert (
        hashlib.sha256(b"".join(response.streaming_content)).hexdigest() == certificate.pdf_sha256
    )
    response = registrar_client.get(f"/api/v1/courses/{baku.pk}/certificates.zip")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"


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
