"""Issuing certificates from the admin's course list, as a registrar would."""

from django.contrib.auth.models import Permission
from django.test import Client
from django.urls import reverse

from apps.certificates.models import Certificate
from apps.courses.models import Course, CourseStatus
from apps.organisations.models import Organisation
from tests.certificates.helpers import enrol, messages_of
from tests.factories import CourseFactory, UserFactory

COURSES_URL = reverse("admin:courses_course_changelist")


def issue_action(client: Client, *courses: Course, confirm: bool = False):
    data = {"action": "issue_certificates", "_selected_action": [c.pk for c in courses]}
    if confirm:
        data["post"] = "yes"
    return client.post(COURSES_URL, data, follow=confirm)


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
