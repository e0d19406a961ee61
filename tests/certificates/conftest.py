import datetime

import pytest
from django.contrib.auth.models import Group
from django.core.cache import cache
from django.test import Client

from apps.accounts.roles import VIEWER
from apps.certificates.models import Certificate
from apps.certificates.services import certificates_issue
from apps.courses.models import Course, CourseStatus
from apps.enrolments.models import EnrolmentStatus
from apps.organisations.models import Organisation
from apps.people.models import Person
from tests.certificates.helpers import BAKU, enrol
from tests.factories import CourseFactory, OrganisationFactory, PersonFactory, UserFactory

# What a holder's record holds that no certificate prints: never in a public answer.
PRIVATE_EMAIL = "s.aliyev@example.az"
PRIVATE_BIRTH_DATE = datetime.date(1988, 5, 17)
PRIVATE_UNIT = "Secret Unit 777"


@pytest.fixture
def fresh_throttle_counts():
    """Throttle counts live in the cache: each test starts with a full allowance."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def private_holder(db) -> Person:
    """An Azerbaijani holder whose record holds private data besides the printed name."""
    return PersonFactory(
        family_name="Əliyev",
        given_names="Şəhriyar",
        patronymic="Ağa oğlu",
        email=PRIVATE_EMAIL,
        birth_date=PRIVATE_BIRTH_DATE,
        unit=PRIVATE_UNIT,
        nationality="TR",
    )


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


@pytest.fixture
def issuer(db) -> Organisation:
    return OrganisationFactory(slug="issuer", serial_prefix="TESTCMD", acronym="TC")


@pytest.fixture
def course(issuer) -> Course:
    return CourseFactory(delivered_by=issuer, status=CourseStatus.HELD)
