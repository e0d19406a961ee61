"""Helpers shared by the course model tests."""

from apps.core.dates import DatePrecision
from apps.courses.models import Course
from tests.factories import CourseFactory, ProgrammeFactory

DAY = DatePrecision.DAY
MONTH = DatePrecision.MONTH
YEAR = DatePrecision.YEAR
UNKNOWN = DatePrecision.UNKNOWN


def build_course(**kwargs) -> Course:
    """An unsaved course whose programme is saved, ready for ``full_clean()``."""
    kwargs.setdefault("programme", ProgrammeFactory())
    return CourseFactory.build(**kwargs)
