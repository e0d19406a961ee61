"""``/calendar.ics``: the public catalogue's courses for desktop calendars (see ``calendar``)."""

import datetime
import hashlib

from django.core.cache import cache
from django.db.models import Count, Max, Q, QuerySet
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest
from django.utils import timezone
from django.utils.translation import get_language, gettext
from django.views.decorators.cache import cache_control
from django.views.decorators.http import condition, require_safe

from apps.catalogue.calendar import courses_calendar
from apps.catalogue.filters import CalendarFilterSet
from apps.core.languages import FALLBACK_LANGUAGE, LANGUAGE_CODES
from apps.courses.models import Course

CONTENT_TYPE = "text/calendar; charset=utf-8"
# Parameters the calendar reads besides its filters (``lang`` is read by the middleware).
OTHER_PARAMETERS = ("lang",)
# Calendars poll a subscription; an hour old is fresh enough, and the ETag answers a 304
# when nothing changed. Raise it with a new release if the calendar's shape changes.
MAX_AGE_SECONDS = 60 * 60
CALENDAR_VERSION = "1"
# A rendered calendar is kept in the shared cache under its ETag: writing thousands of events
# with icalendar takes seconds, and the same answer is asked for by every subscriber.
CACHE_SECONDS = 24 * 60 * 60


def first_day_listed() -> datetime.date:
    """1 January of last year: older courses are history, read from the API, not a calendar."""
    return datetime.date(timezone.localdate().year - 1, 1, 1)


def _language() -> str:
    code = (get_language() or FALLBACK_LANGUAGE).split("-")[0].lower()
    return code if code in LANGUAGE_CODES else FALLBACK_LANGUAGE


def _filtered_courses(request: HttpRequest) -> QuerySet[Course] | str:
    """The courses the request's filters select, or the reason they are refused."""
    unknown = sorted(set(request.GET) - set(CalendarFilterSet.base_filters) - {*OTHER_PARAMETERS})
    if unknown:
        known = ", ".join([*CalendarFilterSet.base_filters, *OTHER_PARAMETERS])
        return gettext("Unknown parameter: %(names)s. The calendar reads %(known)s.") % {
            "names": ", ".join(unknown),
            "known": known,
        }
    # A course is listed while its period can reach ``first_day_listed()``: an end is stored
    # as its period's last day, and a start without an end as its period's first day.
    first = first_day_listed()
    listed = Course.objects.filter(Q(end_date__gte=first) | Q(start_date__gte=first))
    filterset = CalendarFilterSet(request.GET, queryset=listed)
    if not filterset.is_valid():
        return "\n".join(
            f"{name}: {' '.join(messages)}" for name, messages in filterset.errors.items()
        )
    return filterset.qs


def calendar_etag(request: HttpRequest) -> str | None:
    """Changes when a listed course or its programme changes, or one comes or goes.

    Worked out once per request (the decorator asks for it, then the view's cache).
    """
    if not hasattr(request, "calendar_etag"):
        request.calendar_etag = _calendar_etag(request)
    return request.calendar_etag


def _calendar_etag(request: HttpRequest) -> str | None:
    courses = _filtered_courses(request)
    if isinstance(courses, str):
        return None
    state = courses.aggregate(
        count=Count("pk"), courses=Max("updated_at"), programmes=Max("programme__updated_at")
    )
    listed = first_day_listed()
    key = f"{CALENDAR_VERSION}|{listed}|{_language()}|{sorted(request.GET.lists())}|{state}"
    return hashlib.sha256(key.encode()).hexdigest()[:32]


@require_safe
@cache_control(public=True, max_age=MAX_AGE_SECONDS)
@condition(etag_func=calendar_etag)
def course_calendar(request: HttpRequest) -> HttpResponse:
    """Every public course with known dates, as all-day events; 400 on a bad filter."""
    courses = _filtered_courses(request)
    if isinstance(courses, str):
        return HttpResponseBadRequest(courses, content_type="text/plain; charset=utf-8")
    etag = calendar_etag(request)
    cache_key = f"catalogue:calendar:{etag}"
    content = cache.get(cache_key) if etag else None
    if content is None:
        courses = courses.select_related("programme").order_by("start_date", "slug")
        content = courses_calendar(courses, _language()).to_ical()
        cache.set(cache_key, content, CACHE_SECONDS)
    response = HttpResponse(content, content_type=CONTENT_TYPE)
    response["Content-Disposition"] = 'inline; filename="trainingdb-courses.ics"'
    return response
