"""The public catalogue's courses as an iCalendar (RFC 5545) calendar.

Only what the public course API shows, and none of its personal data: no trainer, no
participant. Dates keep their precision:

* a course known to the day is an all-day event from its first day to the day after its
  last (``DTEND`` is exclusive), as calendars expect;
* a course known only to the month or the year spans the whole period known, marked
  ``STATUS:TENTATIVE`` and ``TRANSP:TRANSPARENT`` (it does not make anyone busy), with
  ``X-TRAININGDB-DATE-PRECISION`` saying how precise it is and the period written out in
  the description ("Dates to be confirmed: March 2027"): it is not an event on 1 March;
* a course whose dates are unknown is left out; a cancelled one stays, ``STATUS:CANCELLED``,
  so that calendars which copied it learn that it is off.
"""

import datetime
from collections.abc import Iterable
from dataclasses import dataclass
from urllib.parse import urlsplit

from django.conf import settings
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext
from icalendar import Calendar, Event

from apps.core.dates import DatePrecision, date_range_text, period_end, period_start
from apps.core.languages import country_name, localised
from apps.core.sites import absolute_url
from apps.courses.models import Course, CourseStatus

PRODUCT_ID = "-//TrainingDB//Course calendar//EN"
PRECISION_PROPERTY = "X-TRAININGDB-DATE-PRECISION"
# From the least to the most precise: an event is as precise as its least precise date.
PRECISIONS = (DatePrecision.YEAR, DatePrecision.MONTH, DatePrecision.DAY)


def site_domain() -> str:
    """The public address's host name, which makes event UIDs unique across installations."""
    return urlsplit(settings.SITE_BASE_URL).hostname or "localhost"


def course_uid(course: Course) -> str:
    """Stable for the course: its natural key (the slug) at this installation's domain."""
    return f"course-{course.slug}@{site_domain()}"


@dataclass(frozen=True)
class CoursePeriod:
    """The days a course's event spans (inclusive), how precisely, and whether it is firm.

    ``precision`` is its least precise known date's. A period is tentative unless both dates
    are known to the day: with one date unknown the course's length is unknown too.
    """

    first: datetime.date
    last: datetime.date
    precision: str
    tentative: bool


def course_period(course: Course) -> CoursePeriod | None:
    """The period a course's event spans; ``None`` when both its dates are unknown.

    A date known only to the month or the year spans its whole period; an unknown end ends
    with the start's period, and an unknown start begins with the end's period.
    """
    start, end = course.start_date, course.end_date
    known = [
        precision
        for value, precision in ((start, course.start_precision), (end, course.end_precision))
        if value is not None and precision != DatePrecision.UNKNOWN
    ]
    if not known:
        return None
    first = period_start(start, course.start_precision) if start else None
    last = period_end(end, course.end_precision) if end else None
    if first is None:
        first = period_start(last, course.end_precision)
    if last is None:
        last = period_end(first, course.start_precision)
    precision = min(known, key=PRECISIONS.index)
    tentative = precision != DatePrecision.DAY or len(known) == 1
    return CoursePeriod(first=first, last=last, precision=precision, tentative=tentative)


def _dates_text(course: Course, language: str) -> str:
    return date_range_text(
        course.start_date,
        course.start_precision,
        course.end_date,
        course.end_precision,
        language,
    )


def course_event(course: Course, language: str) -> Event | None:
    """The course as an all-day event in ``language``; ``None`` when its dates are unknown."""
    period = course_period(course)
    if period is None:
        return None
    event = Event()
    event.add("uid", course_uid(course))
    event.add("dtstamp", course.updated_at)
    event.add("last-modified", course.updated_at)
    event.add("summary", localised(course, "title", language))
    event.add("dtstart", period.first)
    event.add("dtend", period.last + datetime.timedelta(days=1))
    place = ", ".join(
        part for part in (course.city, country_name(course.country, language)) if part
    )
    if place:
        event.add("location", place)
    programme = localised(course.programme, "title", language)
    event.add("categories", [programme])
    with translation.override(language):
        lines = [gettext("Programme: %(programme)s") % {"programme": programme}]
        if period.tentative:
            lines.append(
                gettext("Dates to be confirmed: %(dates)s")
                % {"dates": _dates_text(course, language)}
            )
    summary = localised(course, "summary", language)
    if summary:
        lines.append(summary)
    event.add("description", "\n\n".join(lines))
    event.add("url", absolute_url(reverse("courses-api:course-detail", args=[course.pk])))
    if course.status == CourseStatus.CANCELLED:
        event.add("status", "CANCELLED")
    elif period.tentative:
        event.add("status", "TENTATIVE")
    else:
        event.add("status", "CONFIRMED")
    if period.tentative:
        event.add("transp", "TRANSPARENT")
    event.add(PRECISION_PROPERTY, str(period.precision))
    return event


def courses_calendar(courses: Iterable[Course], language: str) -> Calendar:
    """A calendar of ``courses`` (with their programmes loaded), in ``language``."""
    calendar = Calendar()
    calendar.add("prodid", PRODUCT_ID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    with translation.override(language):
        calendar.add("x-wr-calname", gettext("TrainingDB courses"))
    for course in courses:
        event = course_event(course, language)
        if event is not None:
            calendar.add_component(event)
    return calendar
