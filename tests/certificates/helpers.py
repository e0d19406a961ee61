import datetime

from django.urls import reverse

from apps.certificates.models import Certificate
from apps.certificates.services import certificates_issue
from apps.courses.models import Course
from apps.enrolments.models import Enrolment, EnrolmentStatus
from tests.factories import EnrolmentFactory, PersonFactory

BAKU = "ipcp-2026-logistics-planning-in-nato-baku"


def enrol(course: Course, family_name: str, status: str = EnrolmentStatus.COMPLETED) -> Enrolment:
    """Enrol a new person in ``course``; a completed enrolment gets its completion date."""
    completed_on = datetime.date(2026, 3, 6) if status == EnrolmentStatus.COMPLETED else None
    return EnrolmentFactory(
        course=course,
        person=PersonFactory(family_name=family_name, given_names="Şəhriyar"),
        status=status,
        completed_on=completed_on,
    )


CERTIFICATES_URL = reverse("admin:certificates_certificate_changelist")


def messages_of(response) -> list[str]:
    return [str(message) for message in response.context["messages"]]


def issue(course: Course, django_capture_on_commit_callbacks, **kwargs) -> list[Certificate]:
    with django_capture_on_commit_callbacks(execute=True):
        return certificates_issue(course=course, **kwargs).issued
