"""A certificate stores its printed names folded, whichever way it was issued."""

import importlib

import pytest
from django.apps import apps as django_apps

from apps.certificates.models import Certificate
from apps.certificates.services import certificate_supersede, certificates_issue
from apps.courses.models import Course, CourseStatus
from tests.certificates.helpers import enrol
from tests.factories import CourseFactory, OrganisationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def course() -> Course:
    issuer = OrganisationFactory(serial_prefix="TESTCMD")
    return CourseFactory(delivered_by=issuer, status=CourseStatus.HELD)


def test_issuing_stores_the_holders_names_folded(course):
    enrol(course, "Əliyev")

    certificates_issue(course=course)

    certificate = Certificate.objects.get()
    assert (certificate.holder_family_name_folded, certificate.holder_name_folded) == (
        "aliav",
        "aliav saxriar",
    )
    assert certificate.history.get().holder_family_name_folded == "aliav"


def test_a_correction_folds_the_corrected_name(course):
    enrol(course, "Əliyev")
    old = certificates_issue(course=course).issued[0]

    new = certificate_supersede(
        certificate=old, reason="Misspelt.", corrections={"holder_family_name": "Vəliyev"}
    )

    assert Certificate.objects.get(pk=new.pk).holder_family_name_folded == "valiav"


def test_the_data_migration_folds_the_names_of_issued_certificates(course):
    enrol(course, "Əliyev")
    certificates_issue(course=course)
    Certificate.objects.update(holder_name_folded="", holder_family_name_folded="")
    migration = importlib.import_module("apps.certificates.migrations.0003_folded_names")

    migration.fold_existing_names(django_apps, None)

    certificate = Certificate.objects.get()
    assert (certificate.holder_family_name_folded, certificate.holder_name_folded) == (
        "aliav",
        "aliav saxriar",
    )
