"""The participants, each enrolled on a course of their nation; one in eight on a second."""

import datetime
from collections import defaultdict

from apps.core.dates import DatePrecision
from apps.courses.models import Course, CourseStatus
from apps.demo import catalogue
from apps.demo.build.context import Build, PlannedCourse
from apps.demo.build.people import person_build
from apps.enrolments.models import Enrolment, EnrolmentStatus
from apps.people.models import Person, Service

PASSED = ("Passed", "Passed", "Passed", "Passed with distinction")
FAILED_RESULT = "Did not pass the final assessment"


def enrolments_make(build: Build, planned: list[PlannedCourse]) -> list[Enrolment]:
    """The participants, each on a course of their nation; one in eight on a second."""
    rng = build.rng
    people = []
    for item in planned:
        nation = item.nation
        cyrillic = rng.random() < nation.cyrillic_share
        style = catalogue.NAME_STYLES[nation.cyrillic_names if cyrillic else nation.names]
        for _place in range(item.size):
            service = rng.choices(list(Service), [40, 15, 15, 15, 5, 10])[0]
            person = person_build(
                build,
                style,
                nation.code,
                rank="" if service == Service.CIVILIAN else rng.choice(catalogue.RANKS),
                service=service,
                unit=rng.choice(catalogue.UNITS) if service != Service.CIVILIAN else "",
                organisation=build.ministries[nation.code] if rng.random() < 0.9 else None,
            )
            item.participants.append(person)
            people.append(person)
    build.save(Person, people)
    by_nation: dict[str, list[PlannedCourse]] = defaultdict(list)
    for item in planned:
        by_nation[item.nation.code].append(item)
    enrolments = []
    for item in planned:
        for person in item.participants:
            enrolments.append(_enrolment(build, item.course, person))
            others = by_nation[item.nation.code]
            if len(others) > 1 and rng.random() < 0.125:
                other = rng.choice(others)
                if other is not item:
                    enrolments.append(_enrolment(build, other.course, person))
    return build.save(Enrolment, enrolments)


def _enrolment(build: Build, course: Course, person: Person) -> Enrolment:
    rng = build.rng
    if course.status == CourseStatus.PLANNED:
        statuses, weights = ["nominated", "confirmed", "withdrawn"], [60, 35, 5]
    elif course.status == CourseStatus.CANCELLED:
        statuses, weights = ["nominated", "withdrawn"], [30, 70]
    else:
        statuses = ["completed", "attended", "failed", "withdrawn", "confirmed", "nominated"]
        weights = [80, 4, 4, 6, 4, 2]
    status = rng.choices(statuses, weights)[0]
    start = course.start_date
    nominated = min(build.today, start - datetime.timedelta(days=rng.randint(14, 90)))
    completed, result = None, ""
    if status in (EnrolmentStatus.COMPLETED, EnrolmentStatus.FAILED):
        known = course.start_precision == DatePrecision.DAY or rng.random() < 0.7
        completed = course.end_date if known else None
        result = rng.choice(PASSED) if status == EnrolmentStatus.COMPLETED else FAILED_RESULT
    return Enrolment(
        course=course,
        person=person,
        status=status,
        nominated_on=nominated,
        completed_on=completed,
        result=result,
        **build.stamps(),
    )
