"""Dates known only to a day, a month or a year.

A press report often gives only a year. Such a date is stored as a ``DateField`` plus a
precision. The stored day is normalised so that a range stays comparable in SQL:

* a start (or a single date) is stored as the *first* day of its period (2026 -> 2026-01-01);
* an end is stored as the *last* day of its period (2026 -> 2026-12-31).

"End not before start" then means ``end_date >= start_date``: the latest day the end can be
is not before the earliest day the start can be. An unknown date is NULL with precision
``unknown``. ``format_partial_date`` writes a date as far as it is known for a reader, in the
active language ("2026", "March 2026", "29 novembre 2026"); ``iso_partial_date`` for machines
(the API, files): "2026", "2026-03", "2026-11-29".

Rules that compare a partial date with *today* judge by what the date allows: the earliest
day it can be (``earliest_day``) is the first day of its period, whether it is a start or an
end. A course known only to end in "2026" may have ended on 1 January 2026.
"""

import calendar
import datetime
import functools

from django.db import models
from django.db.models import Q
from django.utils import timezone, translation
from django.utils.dates import MONTHS
from django.utils.translation import gettext_lazy as _


class DatePrecision(models.TextChoices):
    DAY = "day", _("exact day")
    MONTH = "month", _("month")
    YEAR = "year", _("year")
    UNKNOWN = "unknown", _("unknown")


def period_start(value: datetime.date, precision: str) -> datetime.date:
    """The first day of the period that ``value`` stands for at ``precision``."""
    if precision == DatePrecision.YEAR:
        return value.replace(month=1, day=1)
    if precision == DatePrecision.MONTH:
        return value.replace(day=1)
    return value


def period_end(value: datetime.date, precision: str) -> datetime.date:
    """The last day of the period that ``value`` stands for at ``precision``."""
    if precision == DatePrecision.YEAR:
        return value.replace(month=12, day=31)
    if precision == DatePrecision.MONTH:
        return value.replace(day=calendar.monthrange(value.year, value.month)[1])
    return value


def earliest_day(value: datetime.date | None, precision: str) -> datetime.date | None:
    """The earliest day a date known to ``precision`` can be; ``None`` when it is unknown.

    For a start this is the stored day; for an end (stored as the last day of its period)
    it is the first day of that period: an end "2027-03" can be 1 March 2027 at the earliest.
    """
    if value is None or precision == DatePrecision.UNKNOWN:
        return None
    return period_start(value, precision)


def earliest_end(
    start: datetime.date | None,
    start_precision: str,
    end: datetime.date | None,
    end_precision: str,
) -> datetime.date | None:
    """The earliest day a range can have ended; ``None`` when both its dates are unknown.

    A range cannot end before it starts: a start "2027-03" and an end "2027" end on 1 March
    2027 at the earliest, and an unknown end at the earliest day of the start.
    """
    known = [
        day
        for day in (earliest_day(start, start_precision), earliest_day(end, end_precision))
        if day is not None
    ]
    return max(known) if known else None


def ended_by(day: datetime.date, *, prefix: str = "") -> Q:
    """Ranges whose earliest possible end (``earliest_end``) is on or before ``day``, in SQL.

    For querysets over ``start_date`` and ``end_date`` with ``end_precision`` (``prefix``
    reaches them through a relation, e.g. ``"course__"``). A range with neither date is never
    ended. A start is stored as the first day of its period, so it is compared as stored; an
    end is stored as the last day of its period, whose first day is on or before ``day``
    exactly when the stored end is on or before the last day of ``day``'s period.
    """
    start, end, precision = (
        f"{prefix}{name}" for name in ("start_date", "end_date", "end_precision")
    )
    some_date = Q(**{f"{start}__isnull": False}) | Q(**{f"{end}__isnull": False})
    start_by = Q(**{f"{start}__isnull": True}) | Q(**{f"{start}__lte": day})
    end_by = Q(**{f"{end}__isnull": True}) | Q(**{precision: DatePrecision.DAY, f"{end}__lte": day})
    for coarse in (DatePrecision.MONTH, DatePrecision.YEAR):
        end_by |= Q(**{precision: coarse, f"{end}__lte": period_end(day, coarse)})
    return some_date & start_by & end_by


def format_partial_date(value: datetime.date | None, precision: str) -> str:
    """A date as far as it is known, for a reader, in the active language; "" when unknown.

    "2026"; "March 2026" / "mars 2026"; "29 November 2026" / "29 novembre 2026".
    """
    language = (translation.get_language() or "en").split("-")[0]
    return date_text(value, precision, "fr" if language == "fr" else "en")


def format_day(value: datetime.date) -> str:
    """A known day, for a reader, in the active language: "1 March 2026" / "1er mars 2026"."""
    return format_partial_date(value, DatePrecision.DAY)


def format_moment(value: datetime.datetime) -> str:
    """A moment, for a reader, in the active language and the local time zone.

    "1 March 2026, 14:05" / "1er mars 2026, 14:05".
    """
    local = timezone.localtime(value) if timezone.is_aware(value) else value
    return f"{format_day(local.date())}, {local:%H:%M}"


def iso_partial_date(value: datetime.date | None, precision: str) -> str:
    """ISO 8601 as far as the date is known: "2026", "2026-03", "2026-03-05" or ""."""
    if value is None or precision == DatePrecision.UNKNOWN:
        return ""
    if precision == DatePrecision.YEAR:
        return f"{value.year:04d}"
    if precision == DatePrecision.MONTH:
        return f"{value.year:04d}-{value.month:02d}"
    return value.isoformat()


def precision_matches_date(date_field: str, precision_field: str) -> Q:
    """A date is NULL exactly when its precision is ``unknown`` (for a CheckConstraint)."""
    return Q(**{f"{date_field}__isnull": True, precision_field: DatePrecision.UNKNOWN}) | Q(
        Q(**{f"{date_field}__isnull": False}) & ~Q(**{precision_field: DatePrecision.UNKNOWN})
    )


def clean_date_with_precision(
    value: datetime.date | None, precision: str, *, is_end: bool = False
) -> tuple[datetime.date | None, dict[str, str]]:
    """Normalise a date to its period and report what does not fit its precision.

    Returns the normalised date and errors keyed ``"date"`` or ``"precision"``.
    """
    if precision == DatePrecision.UNKNOWN:
        if value is not None:
            return value, {"precision": _("Give the precision of the date, or clear the date.")}
        return None, {}
    if value is None:
        return None, {"date": _("Give the date, or set its precision to unknown.")}
    if not isinstance(value, datetime.date):
        return value, {}  # not a date: clean_fields() has already reported it
    return (period_end if is_end else period_start)(value, precision), {}


def date_text(value: datetime.date | None, precision: str, language: str) -> str:
    """A date as far as it is known, for a reader: "2026", "March 2026", "5 mars 2026"."""
    return " ".join(_date_parts(value, precision, language))


def date_range_text(
    start: datetime.date | None,
    start_precision: str,
    end: datetime.date | None,
    end_precision: str,
    language: str,
) -> str:
    """A period as far as it is known: "2026", "2–6 March 2026", "mars–mai 2026".

    What the start shares with the end (its year, its month) is written once, after the end.
    An unknown start or end is left out: the known one is written alone.
    """
    start_parts = _date_parts(start, start_precision, language)
    end_parts = _date_parts(end, end_precision, language)
    if not start_parts or not end_parts or start_parts == end_parts:
        return " ".join(end_parts or start_parts)
    same_precision = start_precision == end_precision
    if same_precision:
        while start_parts[-1] == end_parts[len(start_parts) - 1]:
            start_parts = start_parts[:-1]
    start_text, end_text = " ".join(start_parts), " ".join(end_parts)
    # An en dash, closed up between single words ("2–6 March", "2025–2026"), else spaced.
    dash = "–" if same_precision and " " not in start_text else " – "
    return f"{start_text}{dash}{end_text}"


@functools.lru_cache(maxsize=64)
def month_name(month: int, language: str) -> str:
    """A month's name in ``language`` ("March", "mars"), from Django's own catalogue.

    Remembered: activating a language for each date was most of a date's cost, and a
    changelist writes one or two on each of its 100 rows.
    """
    with translation.override(language):
        return str(MONTHS[month])


def _date_parts(value: datetime.date | None, precision: str, language: str) -> list[str]:
    """Day, month and year (as far as known), in reading order for English and French."""
    if value is None or precision == DatePrecision.UNKNOWN:
        return []
    year = f"{value.year:d}"
    if precision == DatePrecision.YEAR:
        return [year]
    month = month_name(value.month, language)
    if precision == DatePrecision.MONTH:
        return [month, year]
    day = "1er" if language == "fr" and value.day == 1 else str(value.day)
    return [day, month, year]
