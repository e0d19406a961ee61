"""Records are permanent and their changes traceable: who changed what, and when."""

import pytest
from django.contrib.admin.models import ADDITION, CHANGE, LogEntry
from django.urls import reverse

from apps.certificates.models import Certificate
from apps.certificates.services import (
    certificate_revoke,
    certificate_supersede,
    certificates_issue,
)
from apps.courses.models import Course
from apps.enrolments.models import EnrolmentStatus
from tests.admin.forms import AdminForm
from tests.factories import CourseFactory, EnrolmentFactory

pytestmark = pytest.mark.django_db

BAKU = "ipcp-2026-logistics-planning-in-nato-baku"


def test_a_change_through_the_api_is_kept_with_its_author_and_the_old_value(
    api_client_for, registrar
):
    course = CourseFactory(city="Baku")

    response = api_client_for("registrar").patch(
        f"/api/v1/courses/{course.pk}/", {"city": "Bakı"}, format="json"
    )

    assert response.status_code == 200
    latest, before = course.history.order_by("-history_id")[:2]
    assert (latest.history_type, latest.city, latest.history_user) == ("~", "Bakı", registrar)
    assert before.city == "Baku"


def test_a_change_in_the_admin_is_kept_and_its_history_page_shows_it(admin_client, superuser):
    course = CourseFactory(pcm_activity="")
    url = reverse("admin:courses_course_change", args=[course.pk])
    form = AdminForm(admin_client.get(url).content.decode(), "course")
    form.fill(pcm_activity="PCM-2026-LOG")

    saved = admin_client.post(url, form.post_data())

    assert saved.status_code == 302
    response = admin_client.get(reverse("admin:courses_course_history", args=[course.pk]))

    assert response.status_code == 200
    page = response.content.decode()
    assert "PCM-2026-LOG" in page
    assert superuser.username in page
    assert course.history.latest().history_user == superuser


def test_issuing_and_revoking_through_the_api_record_who_did_it(
    api_client_for, registrar, seed, django_capture_on_commit_callbacks
):
    course = Course.objects.get(slug=BAKU)
    EnrolmentFactory(course=course, status=EnrolmentStatus.COMPLETED, completed_on="2026-03-06")
    client = api_client_for("registrar")

    with django_capture_on_commit_callbacks(execute=True):
        issued = client.post(f"/api/v1/courses/{course.pk}/issue-certificates/", {}, format="json")
    certificate = Certificate.objects.get()
    revoked = client.post(
        f"/api/v1/certificates/{certificate.pk}/revoke/", {"reason": "Issued in error."}
    )

    assert (issued.status_code, revoked.status_code) == (201, 200)
    history = list(certificate.history.order_by("history_id"))
    assert history[0].history_type == "+"
    assert history[0].history_user == registrar
    assert (history[-1].status, history[-1].history_user) == ("revoked", registrar)


def test_issuing_revoking_and_correcting_record_their_reasons_in_history_and_recent_actions(
    admin_client, superuser, seed, django_capture_on_commit_callbacks
):
    course = Course.objects.get(slug=BAKU)
    EnrolmentFactory(course=course, status=EnrolmentStatus.COMPLETED)
    EnrolmentFactory(course=course, status=EnrolmentStatus.COMPLETED)
    with django_capture_on_commit_callbacks(execute=True):
        first, second = certificates_issue(course=course, user=superuser).issued
    certificate_revoke(certificate=first, reason="Issued in error.", user=superuser)
    with django_capture_on_commit_callbacks(execute=True):
        new = certificate_supersede(certificate=second, reason="Name misspelt.", user=superuser)

    assert [h.history_change_reason for h in first.history.order_by("history_id")] == [
        f"Issued for {course}.",
        "PDF rendered and stored.",
        "Revoked: Issued in error.",
    ]
    assert second.history.latest().history_change_reason == (
        f"Superseded by {new.serial}: Name misspelt."
    )
    assert [h.history_change_reason for h in new.history.order_by("history_id")] == [
        f"Issued to correct {second.serial}: Name misspelt.",
        "PDF rendered and stored.",
    ]
    entries = {
        (entry.object_repr, entry.action_flag, entry.get_change_message())
        for entry in LogEntry.objects.filter(user=superuser)
    }
    assert entries == {
        (first.serial, ADDITION, f"Issued for {course}."),
        (second.serial, ADDITION, f"Issued for {course}."),
        (first.serial, CHANGE, "Revoked: Issued in error."),
        (second.serial, CHANGE, f"Superseded by {new.serial}: Name misspelt."),
        (new.serial, ADDITION, f"Issued to correct {second.serial}: Name misspelt."),
    }
    index = admin_client.get(reverse("admin:index")).content.decode()
    assert new.serial in index  # the "Recent actions" box
    history_page = admin_client.get(
        reverse("admin:certificates_certificate_history", args=[first.pk])
    ).content.decode()
    assert "Revoked: Issued in error." in history_page
