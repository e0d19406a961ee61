"""Courses: planned for partner nations over the years, then saved with parts and trainers."""

import datetime

from django.utils.text import slugify

from apps.core.dates import DatePrecision, period_end
from apps.courses.models import Course, CoursePart, CourseStatus, CourseTrainer, TrainerRole
from apps.demo import catalogue
from apps.demo.build.context import ONE_DAY, Build, PlannedCourse
from apps.demo.catalogue import Nation
from apps.demo.selectors import DEMO_SLUG_PREFIX
from apps.people.models import Trainer
from apps.programmes.models import Programme

YEARS_BACK = 9
# The nations that train most, as the registers of the last years show.
BUSY_NATIONS = {"AZ": 4, "GE": 4, "UA": 4, "MD": 3, "AM": 2, "JO": 2, "KZ": 2, "BA": 2}


def courses_plan(build: Build, participants: int) -> list[PlannedCourse]:
    """Courses of 8 to 28 participants until every participant has one."""
    rng = build.rng
    weights = [BUSY_NATIONS.get(nation.code, 1) for nation in catalogue.NATIONS]
    planned, placed = [], 0
    while placed < participants:
        size = min(rng.randint(8, 28), participants - placed)
        nation = rng.choices(catalogue.NATIONS, weights)[0]
        course = _course(build, len(planned), nation)
        planned.append(PlannedCourse(course=course, nation=nation, size=size))
        placed += size
    return planned


def _course(build: Build, number: int, nation: Nation) -> Course:
    rng, today = build.rng, build.today
    year = rng.randint(today.year - YEARS_BACK, today.year + 1)
    precision = DatePrecision.DAY
    if year < today.year:
        precision = rng.choices(
            [DatePrecision.DAY, DatePrecision.MONTH, DatePrecision.YEAR], [90, 6, 4]
        )[0]
    if precision == DatePrecision.DAY:
        start = build.day_between(datetime.date(year, 1, 8), datetime.date(year, 12, 10))
        end = start + datetime.timedelta(days=rng.randint(2, 11))
        if start <= today <= end:  # none is under way today: this one ended yesterday
            start, end = today - (end - start) - ONE_DAY, today - ONE_DAY
    else:
        start = datetime.date(year, rng.randint(1, 12) if precision == "month" else 1, 1)
        end = period_end(start, precision)
    if start > today:
        status = CourseStatus.PLANNED
        awarded = None
    elif rng.random() < 0.03:
        status, awarded = CourseStatus.CANCELLED, False
    else:
        status = CourseStatus.HELD
        awarded = True if rng.random() < 0.85 else None
    title_en, title_fr = rng.choice(catalogue.COURSES)
    deliverer = rng.choice(catalogue.TEACHING_DELIVERERS)
    slug = f"{DEMO_SLUG_PREFIX}{year}-{nation.code.lower()}-{number:06d}-{slugify(title_en)}"
    return Course(
        slug=slug[:120],
        title_en=title_en,
        title_fr=title_fr,
        pcm_activity=f"{nation.code}-{year}-{rng.randint(1, 999):03d}"
        if rng.random() < 0.5
        else "",
        city=nation.capital,
        country=nation.code,
        start_date=start,
        start_precision=precision,
        end_date=end,
        end_precision=precision,
        delivered_by=build.organisations[deliverer],
        organised_by=build.ministries[nation.code],
        status=status,
        summary_en=f"{title_en} for the armed forces of {nation.name_en}, "
        f"held in {nation.capital}.",
        summary_fr=f"{title_fr}, pour les forces armées ({nation.name_fr}), à {nation.capital}.",
        certificates_awarded=awarded,
        **build.stamps(),
    )


def courses_make(
    build: Build,
    planned: list[PlannedCourse],
    programmes: dict[tuple[str, int], Programme],
    trainers: dict[str, list[Trainer]],
) -> None:
    """Save the planned courses in their programmes, with 1 to 4 parts and 1 to 3 trainers."""
    rng = build.rng
    for item in planned:
        item.course.programme = programmes[item.nation.code, item.course.start_date.year]
    build.save(Course, [item.course for item in planned])
    parts, roles = [], []
    for item in planned:
        course = item.course
        chosen = sorted(rng.sample(range(len(catalogue.PARTS)), rng.randint(1, 4)))
        scenario = rng.choice(catalogue.SCENARIOS)
        audience = rng.choice(catalogue.AUDIENCES)
        for position, index in enumerate(chosen, start=1):
            kind, title_en, title_fr = catalogue.PARTS[index]
            exercise = kind == "practical_exercise"
            parts.append(
                CoursePart(
                    course=course,
                    position=position,
                    kind=kind,
                    title_en=title_en,
                    title_fr=title_fr,
                    scenario_en=scenario[0] if exercise else "",
                    scenario_fr=scenario[1] if exercise else "",
                    audience_en=audience[0],
                    audience_fr=audience[1],
                )
            )
        team = trainers[course.delivered_by.slug.removeprefix(DEMO_SLUG_PREFIX)]
        for number, trainer in enumerate(rng.sample(team, min(len(team), rng.randint(1, 3)))):
            role = (
                TrainerRole.LEAD
                if number == 0
                else rng.choice(
                    [TrainerRole.INSTRUCTOR, TrainerRole.INSTRUCTOR, TrainerRole.GUEST_SPEAKER]
                )
            )
            roles.append(CourseTrainer(course=course, trainer=trainer, role=role))
    build.save(CoursePart, parts)
    build.save(CourseTrainer, roles)
