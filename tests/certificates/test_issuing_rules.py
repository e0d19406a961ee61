"""Certificates that must never exist: issuing judged by what the course's dates allow."""

import datetime
from io import StringIO

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.html import escape

from apps.certificates.models import Certificate, SerialCounter
from apps.certificates.services import (
    COURSE_DATES_UNKNOWN_ERROR,
    COURSE_NOT_ENDED_ERROR,
    NO_DELIVERER_ERROR,
    NO_ISSUER_ERROR,
    certificate_supersede,
    certificates_issue,
    certificates_preview,
)
from apps.core.dates import DatePrecision, format_day
from apps.courses.models import Course, CourseStatus
from apps.enrolments.models import EnrolmentStatus
from apps.organisations.models import Organisation, OrganisationKind
from tests.certificates.helpers import BAKU, enrol
from tests.factories import (
    CertificateFactory,
    CourseFactory,
    EnrolmentFactory,
    OrganisationFactory,
    PersonFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

COURSES_URL = reverse("admin:courses_course_changelist")


def today() -> datetime.date:
    return timezone.localdate()


@pytest.fixture
def issuer(db) -> Organisation:
    return OrganisationFactory(slug="issuer", serial_prefix="TESTRULES")


def future_course(issuer: Organisation, **kwargs) -> Course:
    """A course that started a week ago and ends in a month: held, but not over yet."""
    defaults = {
        "delivered_by": issuer,
        "start_date": today() - datetime.timedelta(days=7),
        "end_date": today() + datetime.timedelta(days=30),
    }
    return CourseFactory(**{**defaults, **kwargs})


def course_known_to(issuer: Organisation, precision: str, offset_years: int = 0) -> Course:
    """A course known only to the year (or month) of today, plus ``offset_years``."""
    year = today().year + offset_years
    start = datetime.date(year, 1, 1) if precision == DatePrecision.YEAR else today().replace(day=1)
    if precision == DatePrecision.YEAR:
        end = datetime.date(year, 12, 31)
    else:
        end = (start + datetime.timedelta(days=40)).replace(day=1) - datetime.timedelta(days=1)
    return CourseFactory(
        delivered_by=issuer,
        start_date=start,
        start_precision=precision,
        end_date=end,
        end_precision=precision,
    )


def test_issuing_is_refused_while_the_course_can_not_have_ended_and_nothing_is_written(
    issuer, django_capture_on_commit_callbacks
):
    course = future_course(issuer)
    enrol(course, "Aliyev", EnrolmentStatus.COMPLETED)
    Certificate.objects.all().delete()
    earliest = format_day(course.end_date)

    for attempt in (certificates_preview, certificates_issue):
        with pytest.raises(ValidationError) as refused:
            attempt(course=course)
        assert refused.value.message_dict == {
            "course": [COURSE_NOT_ENDED_ERROR.format(earliest=earliest)]
        }
        assert refused.value.error_dict["course"][0].code == "course_not_ended"

    assert not Certificate.objects.exists()
    assert not SerialCounter.objects.exists()
    course.refresh_from_db()
    assert course.certificates_awarded is None


def test_a_course_ending_in_march_next_year_cannot_be_certified_before_the_first_of_march(
    issuer,
):
    next_year = today().year + 1
    course = CourseFactory(
        delivered_by=issuer,
        status=CourseStatus.PLANNED,
        start_date=datetime.date(next_year, 3, 1),
        start_precision=DatePrecision.MONTH,
        end_date=datetime.date(next_year, 3, 31),
        end_precision=DatePrecision.MONTH,
    )
    # Recorded as held before this fix: the issuing rule holds on its own.
    Course.objects.filter(pk=course.pk).update(status=CourseStatus.HELD)
    course.refresh_from_db()

    with pytest.raises(ValidationError) as refused:
        certificates_preview(course=course)

    assert refused.value.messages == [
        COURSE_NOT_ENDED_ERROR.format(earliest=f"1 March {next_year}")
    ]


@pytest.mark.parametrize("precision", [DatePrecision.YEAR, DatePrecision.MONTH])
def test_a_course_known_only_to_end_in_this_period_can_be_certified_now(
    issuer, precision, django_capture_on_commit_callbacks
):
    course = course_known_to(issuer, precision)
    course.full_clean()
    enrol(course, "Aliyev")

    with django_capture_on_commit_callbacks(execute=True):
        issued = certificates_issue(course=course).issued

    assert [certificate.enrolment.course for certificate in issued] == [course]


def test_the_seed_course_known_only_to_end_in_2026_can_be_certified_in_2026(
    seed, django_capture_on_commit_callbacks
):
    course = Course.objects.get(slug=BAKU)
    enrol(course, "Aliyev")

    with django_capture_on_commit_callbacks(execute=True):
        issued = certificates_issue(course=course).issued

    assert len(issued) == 1
    assert Certificate.objects.get().serial == f"JFCBS-{today().year}-000001"


def test_a_course_with_an_unknown_end_is_judged_by_its_start(issuer):
    course = future_course(
        issuer,
        start_date=today() + datetime.timedelta(days=3),
        end_date=None,
        end_precision=DatePrecision.UNKNOWN,
    )

    with pytest.raises(ValidationError) as refused:
        certificates_preview(course=course)

    assert refused.value.error_dict["course"][0].code == "course_not_ended"


def test_a_course_whose_dates_are_unknown_is_not_certified(issuer):
    course = CourseFactory(
        delivered_by=issuer,
        start_date=None,
        start_precision=DatePrecision.UNKNOWN,
        end_date=None,
        end_precision=DatePrecision.UNKNOWN,
    )
    enrol(course, "Aliyev")

    with pytest.raises(ValidationError) as refused:
        certificates_issue(course=course)

    assert refused.value.message_dict == {"course": [COURSE_DATES_UNKNOWN_ERROR]}
    assert not Certificate.objects.exists()


def test_issuing_records_that_certificates_were_awarded_with_a_history_row(
    issuer, django_capture_on_commit_callbacks
):
    course = CourseFactory(delivered_by=issuer, certificates_awarded=None)
    enrol(course, "Aliyev")
    registrar = UserFactory(username="issuing-registrar")

    with django_capture_on_commit_callbacks(execute=True):
        certificates_issue(course=course, user=registrar)

    assert course.certificates_awarded is True
    course.refresh_from_db()
    assert course.certificates_awarded is True
    latest = course.history.latest()
    assert (latest.certificates_awarded, latest.history_user) == (True, registrar)


def test_issuing_nothing_leaves_certificates_awarded_as_it_was(issuer):
    course = CourseFactory(delivered_by=issuer, certificates_awarded=None)
    enrol(course, "Babayev", EnrolmentStatus.ATTENDED)
    history_rows = course.history.count()

    assert certificates_issue(course=course).issued == []

    course.refresh_from_db()
    assert course.certificates_awarded is None
    assert course.history.count() == history_rows


def test_the_preview_notes_completed_enrolments_without_a_completion_date(issuer):
    course = CourseFactory(delivered_by=issuer)
    dated = enrol(course, "Aliyev")
    undated = EnrolmentFactory(
        course=course,
        person=PersonFactory(family_name="Babayev"),
        status=EnrolmentStatus.COMPLETED,
        completed_on=None,
    )

    plan = certificates_preview(course=course)

    assert plan.eligible == [dated, undated]
    assert plan.undated == [undated]


def test_a_course_without_a_delivering_organisation_says_so(db):
    course = CourseFactory(delivered_by=None)

    with pytest.raises(ValidationError) as refused:
        certificates_preview(course=course)

    assert refused.value.message_dict == {"issued_by": [NO_DELIVERER_ERROR]}


def test_a_correction_is_refused_while_the_course_can_not_have_ended(issuer):
    # A certificate issued before the rule existed, for a course not over yet.
    course = future_course(issuer)
    certificate = CertificateFactory(
        enrolment=enrol(course, "Aliyev"), issued_by=issuer, serial="TESTRULES-2026-000001"
    )

    with pytest.raises(ValidationError) as refused:
        certificate_supersede(certificate=certificate, reason="Name misspelt.")

    assert refused.value.error_dict["course"][0].code == "course_not_ended"
    assert list(Certificate.objects.values_list("serial", "status")) == [
        ("TESTRULES-2026-000001", "valid")
    ]


def test_api_dry_run_answers_400_with_the_reason_for_a_course_not_over(api_client_for, issuer):
    course = future_course(issuer)
    enrol(course, "Aliyev")

    response = api_client_for("registrar").post(
        f"/api/v1/courses/{course.pk}/issue-certificates/", {"dry_run": True}, format="json"
    )

    assert response.status_code == 400
    assert response.json() == {
        "course": [COURSE_NOT_ENDED_ERROR.format(earliest=format_day(course.end_date))]
    }
    assert not Certificate.objects.exists()


def test_api_dry_run_lists_who_has_no_completion_date(api_client_for, issuer):
    course = CourseFactory(delivered_by=issuer)
    enrol(course, "Aliyev")
    undated = EnrolmentFactory(course=course, status=EnrolmentStatus.COMPLETED, completed_on=None)

    response = api_client_for("registrar").post(
        f"/api/v1/courses/{course.pk}/issue-certificates/", {"dry_run": True}, format="json"
    )

    assert response.status_code == 200
    assert [row["id"] for row in response.json()["undated"]] == [undated.pk]
    assert not Certificate.objects.exists()


def test_command_refuses_a_course_not_over_with_the_reason(issuer):
    course = future_course(issuer)
    enrol(course, "Aliyev")

    with pytest.raises(CommandError) as refused:
        call_command("issue_certificates", course.slug, stdout=StringIO())

    assert str(refused.value) == COURSE_NOT_ENDED_ERROR.format(earliest=format_day(course.end_date))
    assert not Certificate.objects.exists()


def test_command_notes_who_has_no_completion_date(issuer):
    course = CourseFactory(delivered_by=issuer)
    EnrolmentFactory(
        course=course,
        person=PersonFactory(family_name="Babayev", given_names="Elvin"),
        status=EnrolmentStatus.COMPLETED,
        completed_on=None,
    )
    out = StringIO()

    call_command("issue_certificates", course.slug, "--dry-run", stdout=out)

    assert "Note: no completion date is recorded for Babayev Elvin." in out.getvalue()


def test_admin_preview_shows_why_a_course_not_over_is_refused(admin_client, issuer):
    course = future_course(issuer)
    enrol(course, "Aliyev")

    response = admin_client.post(
        COURSES_URL, {"action": "issue_certificates", "_selected_action": [course.pk]}
    )

    assert response.status_code == 200
    page = response.content.decode()
    assert escape(COURSE_NOT_ENDED_ERROR.format(earliest=format_day(course.end_date))) in page
    assert 'type="submit"' not in page.split('<form method="post">', 1)[1]
    assert not Certificate.objects.exists()


def test_admin_preview_links_to_the_organisation_that_needs_a_serial_prefix(admin_client):
    georgia = OrganisationFactory(
        name_en="Ministry of Defence of Georgia", kind=OrganisationKind.MINISTRY
    )
    course = CourseFactory(delivered_by=georgia)
    enrol(course, "Beridze")

    response = admin_client.post(
        COURSES_URL, {"action": "issue_certificates", "_selected_action": [course.pk]}
    )

    page = response.content.decode()
    assert escape(str(NO_ISSUER_ERROR)) in page
    change_url = reverse("admin:organisations_organisation_change", args=[georgia.pk])
    assert f'href="{change_url}"' in page
    assert not Certificate.objects.exists()


def test_admin_preview_notes_who_has_no_completion_date(admin_client, issuer):
    course = CourseFactory(delivered_by=issuer)
    EnrolmentFactory(
        course=course,
        person=PersonFactory(family_name="Babayev", given_names="Elvin"),
        status=EnrolmentStatus.COMPLETED,
        completed_on=None,
    )

    response = admin_client.post(
        COURSES_URL, {"action": "issue_certificates", "_selected_action": [course.pk]}
    )

    page = response.content.decode()
    assert "no completion date is recorded" in page
    assert "<li>Babayev Elvin</li>" in page


@pytest.mark.parametrize(("language", "end"), [("en", "1 March {year}"), ("fr", "1er mars {year}")])
def test_the_refusal_of_a_course_not_over_gives_its_end_in_the_readers_language(
    issuer, language, end
):
    year = today().year + 1
    course = future_course(issuer, end_date=datetime.date(year, 3, 1))

    with translation.override(language), pytest.raises(ValidationError) as refused:
        certificates_preview(course=course)

    assert end.format(year=year) in refused.value.messages[0]
    assert f"{year}-03-01" not in refused.value.messages[0]
    assert not Certificate.objects.exists()
