"""Issuing certificates and storing their PDFs, through the services."""

import datetime
import hashlib
import zoneinfo

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError

from apps.certificates.models import Certificate, CertificateStatus, SerialCounter
from apps.certificates.services import (
    Exclusion,
    certificate_issuer_for,
    certificate_pdf_store,
    certificates_issue,
    certificates_preview,
    pdfs,
)
from apps.courses.models import Course, CourseStatus
from apps.enrolments.models import EnrolmentStatus
from apps.organisations.models import Organisation
from tests.certificates.helpers import BAKU, enrol, issue

pytestmark = pytest.mark.django_db


def test_the_preview_lists_who_receives_a_certificate_and_who_does_not_and_why(
    course, django_capture_on_commit_callbacks
):
    already = enrol(course, "Aliyev")
    issue(course, django_capture_on_commit_callbacks)
    enrol(course, "Babayev")
    enrol(course, "Cavadov")
    enrol(course, "Dadashov", EnrolmentStatus.ATTENDED)
    enrol(course, "Eldarov", EnrolmentStatus.WITHDRAWN)

    plan = certificates_preview(course=course)

    assert [e.person.family_name for e in plan.eligible] == ["Babayev", "Cavadov"]
    assert [(e.enrolment.person.family_name, e.reason) for e in plan.excluded] == [
        ("Aliyev", Exclusion.ALREADY_CERTIFIED),
        ("Dadashov", Exclusion.NOT_COMPLETED),
        ("Eldarov", Exclusion.WITHDRAWN),
    ]
    assert plan.excluded[0].message == f"already holds certificate {already.certificates.get()}"
    assert plan.excluded[1].message == "has not completed the course (attended)"
    assert Certificate.objects.count() == 1


def test_issuing_gives_each_completed_enrolment_one_certificate_with_sequential_serials(
    course, django_capture_on_commit_callbacks
):
    for name in ("Cavadov", "Aliyev", "Babayev"):
        enrol(course, name)
    enrol(course, "Dadashov", EnrolmentStatus.FAILED)

    issued = issue(course, django_capture_on_commit_callbacks)

    year = datetime.date.today().year
    assert [(c.holder_family_name, c.serial) for c in issued] == [
        ("Aliyev", f"TESTCMD-{year}-000001"),
        ("Babayev", f"TESTCMD-{year}-000002"),
        ("Cavadov", f"TESTCMD-{year}-000003"),
    ]
    assert SerialCounter.objects.get(issuer=course.delivered_by, year=year).last_number == 3
    assert Certificate.objects.filter(status=CertificateStatus.VALID).count() == 3


def test_issuing_twice_issues_nothing_the_second_time(course, django_capture_on_commit_callbacks):
    enrol(course, "Aliyev")
    issue(course, django_capture_on_commit_callbacks)

    second = issue(course, django_capture_on_commit_callbacks)

    assert second == []
    assert Certificate.objects.count() == 1
    assert SerialCounter.objects.get().last_number == 1


@pytest.mark.parametrize("status", [CourseStatus.PLANNED, CourseStatus.CANCELLED])
def test_a_course_that_was_not_held_gets_no_certificates(course, status):
    enrol(course, "Aliyev")
    Course.objects.filter(pk=course.pk).update(status=status)
    course.refresh_from_db()

    for service in (certificates_preview, certificates_issue):
        with pytest.raises(ValidationError) as refused:
            service(course=course)
        assert refused.value.error_dict["course"][0].code == "course_not_held"
    assert not Certificate.objects.exists()
    assert not SerialCounter.objects.exists()


def test_an_issuer_without_a_serial_prefix_is_refused(course):
    enrol(course, "Aliyev")
    Organisation.objects.filter(pk=course.delivered_by_id).update(serial_prefix="")
    course.refresh_from_db()

    with pytest.raises(ValidationError) as refused:
        certificates_issue(course=course)

    assert refused.value.error_dict["issued_by"][0].code == "no_issuer"
    assert not Certificate.objects.exists()


def test_the_mobile_training_team_issues_under_jfc_brunssums_prefix(seed):
    course = Course.objects.get(slug=BAKU)

    assert certificate_issuer_for(course) == Organisation.objects.get(slug="jfc-brunssum")


def test_a_failure_while_issuing_writes_nothing_and_leaves_no_gap(
    course, django_capture_on_commit_callbacks, monkeypatch
):
    enrol(course, "Aliyev")
    enrol(course, "Babayev")

    def fail(*args, **kwargs):
        raise IntegrityError("simulated failure")

    with monkeypatch.context() as patched:
        patched.setattr(Certificate.objects, "bulk_create", fail)
        with pytest.raises(IntegrityError):
            certificates_issue(course=course)
    assert not Certificate.objects.exists()
    assert not SerialCounter.objects.filter(last_number__gt=0).exists()

    issued = issue(course, django_capture_on_commit_callbacks)

    assert [c.serial[-6:] for c in issued] == ["000001", "000002"]


def test_an_issued_certificate_is_a_frozen_copy_of_the_records(
    seed, django_capture_on_commit_callbacks
):
    course = Course.objects.get(slug=BAKU)
    enrolment = enrol(course, "Əliyev")
    certificate = issue(course, django_capture_on_commit_callbacks)[0]
    stored = certificate.pdf.read()
    certificate.pdf.close()

    enrolment.person.family_name = "Renamed"
    enrolment.person.save()
    Course.objects.filter(pk=course.pk).update(title_en="Renamed course", city="Ganja")

    certificate.refresh_from_db()
    assert certificate.holder_name == "Əliyev Şəhriyar"
    assert certificate.holder_family_name == "Əliyev"
    assert certificate.course_title_en == "Logistics Planning in NATO"
    assert certificate.course_title_fr == "Planification logistique au sein de l'OTAN"
    assert (certificate.course_start_display, certificate.course_end_display) == ("2026", "2026")
    assert certificate.course_city == "Baku"
    assert certificate.programme_title_en.startswith("Individual Partnership Cooperation")
    assert certificate.issuer_name_en == "Allied Joint Force Command Brunssum"
    assert certificate.languages == ["en", "fr"]
    assert certificate.pdf.read() == stored
    assert hashlib.sha256(stored).hexdigest() == certificate.pdf_sha256


def test_the_issue_date_is_the_calendar_date_in_the_configured_time_zone(
    course, settings, django_capture_on_commit_callbacks
):
    settings.TIME_ZONE = "Pacific/Kiritimati"  # UTC+14: often a day ahead of UTC
    enrol(course, "Aliyev")

    certificate = issue(course, django_capture_on_commit_callbacks)[0]

    zone = zoneinfo.ZoneInfo("Pacific/Kiritimati")
    assert certificate.issued_on == datetime.datetime.now(zone).date()


def test_the_pdf_is_stored_after_commit_with_its_sha256(course, django_capture_on_commit_callbacks):
    enrol(course, "Aliyev")

    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        certificate = certificates_issue(course=course).issued[0]
    assert not Certificate.objects.get(pk=certificate.pk).pdf  # nothing rendered under the lock
    for callback in callbacks:
        callback()

    certificate.refresh_from_db()
    content = certificate.pdf.read()
    assert content.startswith(b"%PDF")
    assert certificate.pdf_sha256 == hashlib.sha256(content).hexdigest()
    assert (
        certificate.pdf.name == f"certificates/{certificate.issued_on:%Y}/{certificate.serial}.pdf"
    )


def test_a_failed_rendering_leaves_the_pdf_pending_until_it_is_stored_once(
    course, django_capture_on_commit_callbacks, monkeypatch
):
    enrol(course, "Aliyev")
    render = pdfs.certificate_pdf_render

    def broken(certificate):
        raise RuntimeError("renderer unavailable")

    monkeypatch.setattr(pdfs, "certificate_pdf_render", broken)
    certificate = issue(course, django_capture_on_commit_callbacks)[0]
    certificate.refresh_from_db()
    assert not certificate.pdf and certificate.pdf_sha256 == ""

    monkeypatch.setattr(pdfs, "certificate_pdf_render", render)
    certificate_pdf_store(certificate=certificate)
    first = (certificate.pdf.name, certificate.pdf_sha256)
    certificate_pdf_store(certificate=Certificate.objects.get(pk=certificate.pk))

    certificate.refresh_from_db()
    assert certificate.pdf_sha256
    assert (certificate.pdf.name, certificate.pdf_sha256) == first
