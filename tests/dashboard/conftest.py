import datetime

import pytest
from django.utils import timezone

from apps.core.dates import DatePrecision
from apps.courses.models import CourseStatus
from apps.organisations.models import Organisation, OrganisationKind
from tests.factories import CourseFactory, OrganisationFactory

DAY, MONTH, YEAR, UNKNOWN = (
    DatePrecision.DAY,
    DatePrecision.MONTH,
    DatePrecision.YEAR,
    DatePrecision.UNKNOWN,
)


@pytest.fixture
def sessions_in_the_database(settings):
    """Query counts include reading the session, with or without REDIS_URL (cached_db)."""
    settings.SESSION_ENGINE = "django.contrib.sessions.backends.db"


@pytest.fixture
def issuer(db) -> Organisation:
    """A training team with a serial prefix: courses it delivers can be certified."""
    return OrganisationFactory(kind=OrganisationKind.TRAINING_TEAM, serial_prefix="MTT")


def held_course_ended_last_month(**fields):
    """A held course, known to the day, that ended about a month ago."""
    today = timezone.localdate()
    fields = {
        "status": CourseStatus.HELD,
        "start_date": today - datetime.timedelta(days=40),
        "end_date": today - datetime.timedelta(days=35),
        **fields,
    }
    return CourseFactory(**fields)
