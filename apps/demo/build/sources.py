"""The sources: the ministry announces each programme and most held courses; agencies report."""

import datetime

from apps.core.dates import DatePrecision
from apps.courses.models import CourseStatus
from apps.demo import catalogue
from apps.demo.build.context import ONE_DAY, Build, PlannedCourse
from apps.programmes.models import Programme
from apps.sources.models import CourseSource, ProgrammeSource, Source, SourceKind


def sources_make(
    build: Build, programmes: dict[tuple[str, int], Programme], planned: list[PlannedCourse]
) -> None:
    """The ministry announces each programme and most held courses; agencies report them."""
    rng, today = build.rng, build.today
    nations = {nation.code: nation for nation in catalogue.NATIONS}
    announcements, programme_links = [], []
    for (code, year), programme in programmes.items():
        nation = nations[code]
        published = min(today, datetime.date(year, 1, 10) + rng.randint(0, 60) * ONE_DAY)
        source = Source(
            slug=f"{programme.slug}-announcement",
            kind=SourceKind.ANNOUNCEMENT,
            publisher=programme.partner,
            title=f"{nation.name_en} and NATO agree their cooperation for {year}",
            language=nation.language,
            published_on=published,
            published_precision=DatePrecision.DAY,
            url=f"https://mod-{code.lower()}.example.org/news/{year}/programme",
            **build.stamps(),
        )
        announcements.append(source)
        programme_links.append((source, programme))
    course_announcements, reports, course_links = [], [], []
    for item in planned:
        course = item.course
        if course.status != CourseStatus.HELD or rng.random() < 0.3:
            continue
        known = course.end_precision == DatePrecision.DAY
        announcement = Source(
            slug=f"{course.slug[:100]}-announcement",
            kind=SourceKind.ANNOUNCEMENT,
            publisher=course.organised_by,
            title=f"{course.title_en} held in {course.city}",
            language=item.nation.language,
            published_on=course.end_date if known else None,
            published_precision=DatePrecision.DAY if known else DatePrecision.UNKNOWN,
            url=f"https://mod-{item.nation.code.lower()}.example.org/news/{course.slug}",
            excerpt=course.summary_en,
            **build.stamps(),
        )
        course_announcements.append(announcement)
        course_links.append((announcement, course))
        if rng.random() < 0.5:
            agency, (key, _name, _country, language) = rng.choice(build.agencies)
            report = Source(
                slug=f"{course.slug[:100]}-{key}",
                kind=SourceKind.NEWS_REPORT,
                publisher=agency,
                title=f"NATO trainers teach {course.title_en.lower()} in {course.city}",
                language=language,
                published_on=announcement.published_on,
                published_precision=announcement.published_precision,
                url=f"https://{key}.example.org/{course.slug}",
                reported_from=announcement,
                **build.stamps(),
            )
            reports.append(report)
            course_links.append((report, course))
    build.save(Source, announcements + course_announcements)
    build.save(Source, reports)
    build.save(
        ProgrammeSource, [ProgrammeSource(source=s, programme=p) for s, p in programme_links]
    )
    build.save(CourseSource, [CourseSource(source=s, course=c) for s, c in course_links])
