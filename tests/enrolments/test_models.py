import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import ProtectedError
from django.utils import timezone

from apps.certificates.models import Certificate
from apps.core.dates import DatePrecision
from apps.courses.models import CourseStatus
from apps.enrolments.models import (
    COMPLETED_BEFORE_COURSE_ERROR,
    COMPLETED_BEFORE_NOMINATED_ERROR,
    COMPLETED_IN_FUTURE_ERROR,
    COMPLETED_ON_STATUS_ERROR,
    DUPLICATE_ENROLMENT_ERROR,
    NOMINATED_IN_FUTURE_ERROR,
    PROGRESS_BEFORE_COURSE_ERROR,
    Enrolment,
    EnrolmentStatus,
)
from tests.factories import CertificateFactory, CourseFactory, EnrolmentFactory, PersonFactory

pytestmark = pytest.mark.django_db

NOMINATED_ON = datetime.date(2026, 1, 15)
UNFINISHED_STATUSES = [
    EnrolmentStatus.NOMINATED,
    EnrolmentStatus.CONFIRMED,
    EnrolmentStatus.ATTENDED,
    EnrolmentStatus.WITHDRAWN,
]
FINISHED_STATUSES = [EnrolmentStatus.COMPLETED, EnrolmentStatus.FAILED]


def build_enrolment(**kwargs) -> Enrolment:
    """An unsaved enrolment whose course and person are saved, ready for ``full_clean()``."""
    kwargs.setdefault("course", CourseFactory())
    kwargs.setdefault("person", PersonFactory())
    return EnrolmentFactory.build(**kwargs)


def test_person_is_enrolled_in_a_course_only_once():
    existing = EnrolmentFactory()
    duplicate = build_enrolment(course=existing.course, person=existing.person)

    with pytest.raises(ValidationError) as refused:
        duplicate.full_clean()

    assert refused.value.message_dict == {"__all__": [str(DUPLICATE_ENROLMENT_ERROR)]}


def test_database_refuses_enrolling_a_person_in_a_course_twice():
    existing = EnrolmentFactory()

    with pytest.raises(IntegrityError), transaction.atomic():
        EnrolmentFactory(course=existing.course, person=existing.person)

    assert Enrolment.objects.count() == 1


def test_person_may_be_enrolled_in_several_courses():
    existing = EnrolmentFactory()
    second = build_enrolment(person=existing.person)

    second.full_clean()
    second.save()

    assert existing.person.enrolments.count() == 2


@pytest.mark.parametrize("status", FINISHED_STATUSES)
def test_finished_enrolment_records_when_it_was_completed(status):
    enrolment = build_enrolment(status=status, completed_on=datetime.date(2026, 3, 6))

    enrolment.full_clean()
    enrolment.save()

    assert Enrolment.objects.get(pk=enrolment.pk).completed_on == datetime.date(2026, 3, 6)


@pytest.mark.parametrize("status", UNFINISHED_STATUSES)
def test_only_a_completed_or_failed_enrolment_has_a_completion_date(status):
    enrolment = build_enrolment(status=status, completed_on=datetime.date(2026, 3, 6))

    with pytest.raises(ValidationError) as refused:
        enrolment.full_clean()

    assert refused.value.message_dict == {"completed_on": [str(COMPLETED_ON_STATUS_ERROR)]}
    assert refused.value.error_dict["completed_on"][0].code == "completed_on_status"


@pytest.mark.parametrize("status", UNFINISHED_STATUSES)
def test_database_refuses_a_completion_date_on_an_unfinished_enrolment(status):
    with (
        pytest.raises(IntegrityError, match="enrolments_enrolment_completed_on_only_when_finished"),
        transaction.atomic(),
    ):
        EnrolmentFactory(status=status, completed_on=datetime.date(2026, 3, 6))

    assert not Enrolment.objects.exists()


def test_database_refuses_reopening_a_completed_enrolment_that_keeps_its_completion_date():
    enrolment = EnrolmentFactory(completed=True)

    with (
        pytest.raises(IntegrityError, match="enrolments_enrolment_completed_on_only_when_finished"),
        transaction.atomic(),
    ):
        Enrolment.objects.filter(pk=enrolment.pk).update(status=EnrolmentStatus.ATTENDED)

    enrolment.refresh_from_db()
    assert enrolment.status == EnrolmentStatus.COMPLETED


def test_enrolment_cannot_be_completed_before_its_nomination():
    enrolment = build_enrolment(
        status=EnrolmentStatus.COMPLETED,
        nominated_on=NOMINATED_ON,
        completed_on=NOMINATED_ON - datetime.timedelta(days=1),
    )

    with pytest.raises(ValidationError) as refused:
        enrolment.full_clean()

    assert refused.value.message_dict == {"completed_on": [str(COMPLETED_BEFORE_NOMINATED_ERROR)]}
    assert refused.value.error_dict["completed_on"][0].code == "completed_before_nominated"


def test_database_refuses_an_enrolment_completed_before_its_nomination():
    with (
        pytest.raises(IntegrityError, match="enrolments_enrolment_completed_not_before_nominated"),
        transaction.atomic(),
    ):
        EnrolmentFactory(
            completed=True,
            nominated_on=NOMINATED_ON,
            completed_on=NOMINATED_ON - datetime.timedelta(days=1),
        )

    assert not Enrolment.objects.exists()


def test_database_refuses_moving_a_nomination_after_the_completion():
    enrolment = EnrolmentFactory(completed=True)

    with (
        pytest.raises(IntegrityError, match="enrolments_enrolment_completed_not_before_nominated"),
        transaction.atomic(),
    ):
        Enrolment.objects.filter(pk=enrolment.pk).update(
            nominated_on=enrolment.completed_on + datetime.timedelta(days=1)
        )

    enrolment.refresh_from_db()
    assert enrolment.nominated_on == NOMINATED_ON


@pytest.mark.parametrize(
    ("nominated_on", "completed_on"),
    [(NOMINATED_ON, NOMINATED_ON), (None, datetime.date(2026, 3, 6))],
    ids=["same-day", "nomination-unknown"],
)
def test_enrolment_may_be_completed_on_its_nomination_day_or_without_a_known_nomination(
    nominated_on, completed_on
):
    enrolment = build_enrolment(
        course=CourseFactory(start_date=NOMINATED_ON, end_date=datetime.date(2026, 3, 6)),
        status=EnrolmentStatus.COMPLETED,
        nominated_on=nominated_on,
        completed_on=completed_on,
    )

    enrolment.full_clean()
    enrolment.save()

    assert Enrolment.objects.filter(pk=enrolment.pk, completed_on=completed_on).exists()


def test_enrolment_shows_participant_course_and_status():
    enrolment = EnrolmentFactory(
        person__rank="Major",
        person__family_name="Aliyev",
        person__given_names="Rashad",
        course__title_en="Logistics course",
        completed=True,
    )

    assert str(enrolment) == "Major Aliyev Rashad – Logistics course (completed)"


def test_enrolment_is_found_by_its_natural_key():
    enrolment = EnrolmentFactory(course__slug="logistics-baku-2026")

    assert enrolment.natural_key() == ("logistics-baku-2026", str(enrolment.person.uid))
    assert Enrolment.objects.get_by_natural_key(*enrolment.natural_key()) == enrolment


def test_enrolment_with_a_certificate_cannot_be_deleted():
    certificate = CertificateFactory()
    enrolment = certificate.enrolment

    with pytest.raises(ProtectedError):
        enrolment.delete()

    assert Enrolment.objects.filter(pk=enrolment.pk).exists()
    assert Certificate.objects.filter(pk=certificate.pk).exists()


def test_enrolment_with_a_malformed_completion_date_is_refused_without_crashing():
    enrolment = build_enrolment(status=EnrolmentStatus.COMPLETED, completed_on="06/03/2026")

    with pytest.raises(ValidationError) as refused:
        enrolment.full_clean()

    assert "completed_on" in refused.value.message_dict


@pytest.mark.parametrize(
    ("field", "new_value"),
    [
        ("status", EnrolmentStatus.WITHDRAWN),
        ("person", "another person"),
        ("course", "another course"),
    ],
)
def test_a_certified_enrolment_keeps_its_course_participant_and_completion(field, new_value):
    enrolment = CertificateFactory().enrolment
    if new_value == "another person":
        new_value = PersonFactory()
    elif new_value == "another course":
        new_value = CourseFactory()
    setattr(enrolment, field, new_value)

    with pytest.raises(ValidationError) as refused:
        enrolment.full_clean()

    assert refused.value.error_dict[field][0].code == "certified"
    enrolment.refresh_from_db()
    assert enrolment.status == EnrolmentStatus.COMPLETED


def test_an_enrolment_whose_certificate_was_superseded_only_is_free_to_change():
    certificate = CertificateFactory(status="superseded")
    enrolment = certificate.enrolment
    enrolment.status = EnrolmentStatus.FAILED

    enrolment.full_clean()
    enrolment.save()

    enrolment.refresh_from_db()
    assert enrolment.status == EnrolmentStatus.FAILED


def test_completion_date_cannot_be_after_today():
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    enrolment = build_enrolment(status=EnrolmentStatus.COMPLETED, completed_on=tomorrow)

    with pytest.raises(ValidationError) as refused:
        enrolment.full_clean()

    assert refused.value.message_dict == {"completed_on": [COMPLETED_IN_FUTURE_ERROR]}
    assert refused.value.error_dict["completed_on"][0].code == "completed_in_future"


@pytest.mark.parametrize(
    ("completed_on", "refused"),
    [(datetime.date(2026, 2, 28), True), (datetime.date(2026, 3, 1), False)],
    ids=["day-before-the-month", "first-day-of-the-month"],
)
def test_completion_date_cannot_be_before_the_earliest_day_the_course_can_have_started(
    completed_on, refused
):
    course = CourseFactory(
        start_date=datetime.date(2026, 3, 1),
        start_precision=DatePrecision.MONTH,
        end_date=datetime.date(2026, 3, 31),
        end_precision=DatePrecision.MONTH,
    )
    enrolment = build_enrolment(
        course=course,
        status=EnrolmentStatus.COMPLETED,
        nominated_on=None,
        completed_on=completed_on,
    )

    if not refused:
        enrolment.full_clean()
        return
    with pytest.raises(ValidationError) as error:
        enrolment.full_clean()
    assert error.value.message_dict == {
        "completed_on": [COMPLETED_BEFORE_COURSE_ERROR.format(start="March 2026")]
    }
    assert error.value.error_dict["completed_on"][0].code == "completed_before_course"


def test_completed_enrolment_without_a_completion_date_is_allowed():
    enrolment = build_enrolment(status=EnrolmentStatus.COMPLETED, completed_on=None)

    enrolment.full_clean()
    enrolment.save()

    assert Enrolment.objects.filter(pk=enrolment.pk, completed_on__isnull=True).exists()


def test_api_refuses_a_completion_date_in_the_future_and_writes_nothing(api_client_for):
    enrolment = EnrolmentFactory(completed=True)
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)

    response = api_client_for("registrar").patch(
        f"/api/v1/enrolments/{enrolment.pk}/", {"completed_on": tomorrow.isoformat()}, format="json"
    )

    assert response.status_code == 400
    assert response.json() == {"completed_on": [COMPLETED_IN_FUTURE_ERROR]}
    enrolment.refresh_from_db()
    assert enrolment.completed_on == datetime.date(2026, 3, 6)


def test_nomination_date_cannot_be_after_today():
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    enrolment = build_enrolment(nominated_on=tomorrow)

    with pytest.raises(ValidationError) as refused:
        enrolment.full_clean()

    assert refused.value.message_dict == {"nominated_on": [NOMINATED_IN_FUTURE_ERROR]}
    assert refused.value.error_dict["nominated_on"][0].code == "nominated_in_future"


def future_course():
    start = timezone.localdate() + datetime.timedelta(days=30)
    return CourseFactory(
        status=CourseStatus.PLANNED,
        start_date=start,
        end_date=start + datetime.timedelta(days=4),
    )


@pytest.mark.parametrize(
    "status", [EnrolmentStatus.ATTENDED, EnrolmentStatus.COMPLETED, EnrolmentStatus.FAILED]
)
def test_nobody_attends_completes_or_fails_a_course_before_it_can_have_started(status):
    course = future_course()
    enrolment = build_enrolment(course=course, status=status, completed_on=None)

    with pytest.raises(ValidationError) as refused:
        enrolment.full_clean()

    assert refused.value.message_dict == {
        "status": [PROGRESS_BEFORE_COURSE_ERROR.format(start=course.start_display)]
    }


@pytest.mark.parametrize(
    "status",
    [EnrolmentStatus.NOMINATED, EnrolmentStatus.CONFIRMED, EnrolmentStatus.WITHDRAWN],
)
def test_participants_are_nominated_confirmed_or_withdrawn_before_a_course_starts(status):
    enrolment = build_enrolment(course=future_course(), status=status)

    enrolment.full_clean()
    enrolment.save()

    assert Enrolment.objects.get(pk=enrolment.pk).status == status
