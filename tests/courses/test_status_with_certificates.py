"""A course whose participants hold valid certificates stays held: revoke them first."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from apps.certificates.models import CertificateStatus
from apps.certificates.services import COURSE_HOLDS_CERTIFICATES_ERROR, course_status_check
from apps.courses.models import Course, CourseStatus
from tests.admin.forms import AdminForm
from tests.factories import CertificateFactory, CourseFactory, UserFactory

pytestmark = pytest.mark.django_db

LEFT_STATUSES = [CourseStatus.CANCELLED, CourseStatus.PLANNED]


@pytest.fixture
def certified_course() -> Course:
    """A held course with two valid certificates and one revoked."""
    course = CourseFactory(status=CourseStatus.HELD)
    for serial in ("TEST-2026-000002", "TEST-2026-000001"):
        CertificateFactory(enrolment__course=course, serial=serial)
    CertificateFactory(
        enrolment__course=course,
        serial="TEST-2026-000003",
        status=CertificateStatus.REVOKED,
        revoked_at=timezone.now(),
        revocation_reason="Issued in error.",
        revoked_by=UserFactory(),
    )
    return course


def refusal() -> str:
    return COURSE_HOLDS_CERTIFICATES_ERROR.format(serials="TEST-2026-000001, TEST-2026-000002")


@pytest.mark.parametrize("status", LEFT_STATUSES)
def test_api_refuses_to_move_a_course_holding_valid_certificates_away_from_held(
    api_client_for, certified_course, status
):
    response = api_client_for("registrar").patch(
        f"/api/v1/courses/{certified_course.pk}/", {"status": status}, format="json"
    )

    assert response.status_code == 400
    assert response.json() == {"status": [refusal()]}
    certified_course.refresh_from_db()
    assert certified_course.status == CourseStatus.HELD


@pytest.mark.parametrize("status", LEFT_STATUSES)
def test_admin_refuses_to_move_a_course_holding_valid_certificates_away_from_held(
    admin_client, certified_course, status
):
    url = reverse("admin:courses_course_change", args=[certified_course.pk])
    form = AdminForm(admin_client.get(url).content.decode(), "course")
    form.fill(status=status)

    response = admin_client.post(url, form.post_data())

    assert response.status_code == 200
    assert refusal() in [
        str(error) for error in response.context["adminform"].form.errors["status"]
    ]
    certified_course.refresh_from_db()
    assert certified_course.status == CourseStatus.HELD


def test_course_whose_certificates_were_all_revoked_can_be_cancelled(api_client_for):
    course = CourseFactory(status=CourseStatus.HELD)
    CertificateFactory(
        enrolment__course=course,
        status=CertificateStatus.REVOKED,
        revoked_at=timezone.now(),
        revocation_reason="The course was cancelled.",
        revoked_by=UserFactory(),
    )

    response = api_client_for("registrar").patch(
        f"/api/v1/courses/{course.pk}/", {"status": CourseStatus.CANCELLED}, format="json"
    )

    assert response.status_code == 200
    course.refresh_from_db()
    assert course.status == CourseStatus.CANCELLED


def test_course_holding_valid_certificates_may_still_be_edited_otherwise(
    api_client_for, certified_course
):
    response = api_client_for("registrar").patch(
        f"/api/v1/courses/{certified_course.pk}/",
        {"city": "Ganja", "status": CourseStatus.HELD},
        format="json",
    )

    assert response.status_code == 200
    certified_course.refresh_from_db()
    assert (certified_course.city, certified_course.status) == ("Ganja", CourseStatus.HELD)


def test_refusal_names_at_most_ten_serials_and_counts_the_rest():
    course = CourseFactory(status=CourseStatus.HELD)
    for number in range(1, 13):
        CertificateFactory(enrolment__course=course, serial=f"TEST-2026-{number:06d}")

    with pytest.raises(ValidationError) as refused:
        course_status_check(course=course, status=CourseStatus.CANCELLED)

    message = refused.value.message_dict["status"][0]
    assert "TEST-2026-000010 and 2 more" in message
    assert "TEST-2026-000011" not in message
