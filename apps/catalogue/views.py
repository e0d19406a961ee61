"""``/calendar.ics``: the public catalogue's courses for desktop calendars (see ``calendar``)."""

import hashlib

from django.db.models import Count, Max, QuerySet
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest
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
    filterset = CalendarFilterSet(request.GET, queryset=Course.objects.all())
    if not filterset.is_valid():
        return "\n".join(
            f"{name}: {' '.join(messages)}" for name, messages in filterset.errors.items()
        )
    return filterset.qs


def calendar_etag(request: HttpRequest) -> str | None:
    """Changes when a listed course or its programme changes, or one comes or goes."""
    courses = _filtered_courses(request)
    if isinstance(courses, str):
        return None
    state = courses.aggregate(
        count=Count("pk"), courses=Max("updated_at"), programmes=Max("programme__updated_at")
    )
    key = f"{CALENDAR_VERSION}|{_language()}|{sorted(request.GET.lists())}|{state}"
    return hashlib.sha256(key.encode()).hexdigest()[:32]


@require_safe
@cache_control(public=True, max_age=MAX_AGE_SECONDS)
@condition(etag_func=calendar_etag)
def course_calendar(request: HttpRequest) -> HttpResponse:
    """Every public course with known dates, as all-day events; 400 on a bad filter."""
    courses = _filtered_courses(request)
    if isinstance(courses, str):
        return HttpResponseBadRequest(courses, content_type="text/plain; charset=utf-8")
    courses = courses.select_related("programme").order_by("start_date", "slug")
    calendar = courses_calendar(courses, _language())
    response = HttpResponse(calendar.to_ical(), content_type=CONTENT_TYPE)
    response["Content-Disposition"] = 'inline; filename="trainingdb-courses.ics"'
    return response
