import datetime

import pytest
from django.utils import translation

from apps.core.dates import (
    DatePrecision,
    clean_date_with_precision,
    date_range_text,
    earliest_day,
    earliest_end,
    format_partial_date,
    iso_partial_date,
    month_name,
    period_end,
    period_start,
)

MAY_17 = datetime.date(2026, 5, 17)


@pytest.mark.parametrize(
    ("precision", "expected"),
    [
        (DatePrecision.DAY, datetime.date(2026, 5, 17)),
        (DatePrecision.MONTH, datetime.date(2026, 5, 1)),
        (DatePrecision.YEAR, datetime.date(2026, 1, 1)),
    ],
)
def test_period_start_is_the_first_day_of_the_period(precision, expected):
    assert period_start(MAY_17, precision) == expected


@pytest.mark.parametrize(
    ("precision", "expected"),
    [
        (DatePrecision.DAY, datetime.date(2026, 5, 17)),
        (DatePrecision.MONTH, datetime.date(2026, 5, 31)),
        (DatePrecision.YEAR, datetime.date(2026, 12, 31)),
    ],
)
def test_period_end_is_the_last_day_of_the_period(precision, expected):
    assert period_end(MAY_17, precision) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (datetime.date(2026, 2, 10), datetime.date(2026, 2, 28)),
        (datetime.date(2024, 2, 10), datetime.date(2024, 2, 29)),
        (datetime.date(2000, 2, 1), datetime.date(2000, 2, 29)),
        (datetime.date(2100, 2, 1), datetime.date(2100, 2, 28)),
        (datetime.date(2026, 4, 30), datetime.date(2026, 4, 30)),
    ],
    ids=["2026", "leap-2024", "leap-2000", "not-leap-2100", "already-last-day"],
)
def test_period_end_of_a_month_knows_its_length_and_leap_years(value, expected):
    assert period_end(value, DatePrecision.MONTH) == expected


@pytest.mark.parametrize(
    ("value", "precision", "expected"),
    [
        (MAY_17, DatePrecision.YEAR, "2026"),
        (MAY_17, DatePrecision.MONTH, "2026-05"),
        (MAY_17, DatePrecision.DAY, "2026-05-17"),
        (MAY_17, DatePrecision.UNKNOWN, ""),
        (None, DatePrecision.UNKNOWN, ""),
        (None, DatePrecision.DAY, ""),
        (datetime.date(987, 3, 4), DatePrecision.YEAR, "0987"),
    ],
)
def test_partial_date_is_written_in_iso_8601_as_far_as_it_is_known(value, precision, expected):
    assert iso_partial_date(value, precision) == expected


@pytest.mark.parametrize(
    ("value", "precision", "english", "french"),
    [
        (datetime.date(2026, 11, 29), DatePrecision.DAY, "29 November 2026", "29 novembre 2026"),
        (datetime.date(2027, 3, 1), DatePrecision.DAY, "1 March 2027", "1er mars 2027"),
        (datetime.date(2027, 3, 1), DatePrecision.MONTH, "March 2027", "mars 2027"),
        (datetime.date(2026, 1, 1), DatePrecision.YEAR, "2026", "2026"),
        (None, DatePrecision.UNKNOWN, "", ""),
    ],
)
def test_partial_date_reads_naturally_in_the_active_language(value, precision, english, french):
    with translation.override("en"):
        assert format_partial_date(value, precision) == english
    with translation.override("fr-fr"):
        assert format_partial_date(value, precision) == french


@pytest.mark.parametrize(
    ("is_end", "expected"),
    [(False, datetime.date(2026, 5, 1)), (True, datetime.date(2026, 5, 31))],
    ids=["start", "end"],
)
def test_cleaning_a_date_normalises_it_to_its_period(is_end, expected):
    assert clean_date_with_precision(MAY_17, DatePrecision.MONTH, is_end=is_end) == (expected, {})


def test_cleaning_an_exact_day_keeps_it():
    assert clean_date_with_precision(MAY_17, DatePrecision.DAY, is_end=True) == (MAY_17, {})


def test_cleaning_an_unknown_date_without_a_value_is_fine():
    assert clean_date_with_precision(None, DatePrecision.UNKNOWN) == (None, {})


def test_cleaning_a_date_with_unknown_precision_asks_for_the_precision():
    value, errors = clean_date_with_precision(MAY_17, DatePrecision.UNKNOWN)

    assert value == MAY_17
    assert list(errors) == ["precision"]
    assert str(errors["precision"]) == "Give the precision of the date, or clear the date."


@pytest.mark.parametrize("precision", [DatePrecision.DAY, DatePrecision.MONTH, DatePrecision.YEAR])
def test_cleaning_a_missing_date_with_a_known_precision_asks_for_the_date(precision):
    value, errors = clean_date_with_precision(None, precision, is_end=True)

    assert value is None
    assert list(errors) == ["date"]
    assert str(errors["date"]) == "Give the date, or set its precision to unknown."


@pytest.mark.parametrize(
    ("start", "start_precision", "end", "end_precision", "english", "french"),
    [
        ("2026-01-01", "year", "2026-12-31", "year", "2026", "2026"),
        ("2025-01-01", "year", "2026-12-31", "year", "2025–2026", "2025–2026"),
        ("2026-03-01", "month", "2026-03-31", "month", "March 2026", "mars 2026"),
        ("2026-03-01", "month", "2026-05-31", "month", "March–May 2026", "mars–mai 2026"),
        ("2026-03-05", "day", "2026-03-05", "day", "5 March 2026", "5 mars 2026"),
        ("2026-03-02", "day", "2026-03-06", "day", "2–6 March 2026", "2–6 mars 2026"),
        ("2026-03-01", "day", "2026-03-06", "day", "1–6 March 2026", "1er–6 mars 2026"),
        ("2026-05-29", "day", "2026-06-02", "day", "29 May – 2 June 2026", "29 mai – 2 juin 2026"),
        (
            "2025-12-29",
            "day",
            "2026-01-02",
            "day",
            "29 December 2025 – 2 January 2026",
            "29 décembre 2025 – 2 janvier 2026",
        ),
        ("2026-01-01", "year", "2026-03-06", "day", "2026 – 6 March 2026", "2026 – 6 mars 2026"),
        ("2026-03-02", "day", None, "unknown", "2 March 2026", "2 mars 2026"),
        (None, "unknown", "2026-03-31", "month", "March 2026", "mars 2026"),
        (None, "unknown", None, "unknown", "", ""),
    ],
)
def test_course_dates_read_as_far_as_known(
    start, start_precision, end, end_precision, english, french
):
    start_date = datetime.date.fromisoformat(start) if start else None
    end_date = datetime.date.fromisoformat(end) if end else None

    assert date_range_text(start_date, start_precision, end_date, end_precision, "en") == english
    assert date_range_text(start_date, start_precision, end_date, end_precision, "fr") == french


@pytest.mark.parametrize(
    ("value", "precision", "expected"),
    [
        (datetime.date(2026, 12, 31), DatePrecision.YEAR, datetime.date(2026, 1, 1)),
        (datetime.date(2027, 3, 31), DatePrecision.MONTH, datetime.date(2027, 3, 1)),
        (datetime.date(2027, 3, 7), DatePrecision.DAY, datetime.date(2027, 3, 7)),
        (None, DatePrecision.UNKNOWN, None),
    ],
    ids=["end-2026", "end-2027-03", "day", "unknown"],
)
def test_earliest_day_of_a_partial_date_is_the_first_day_of_its_period(value, precision, expected):
    assert earliest_day(value, precision) == expected


@pytest.mark.parametrize(
    ("start", "end", "expected"),
    [
        ((datetime.date(2026, 1, 1), "year"), (datetime.date(2026, 12, 31), "year"), "2026-01-01"),
        ((datetime.date(2027, 3, 1), "month"), (datetime.date(2027, 12, 31), "year"), "2027-03-01"),
        ((datetime.date(2027, 3, 3), "day"), (None, "unknown"), "2027-03-03"),
        ((None, "unknown"), (datetime.date(2027, 3, 7), "day"), "2027-03-07"),
        ((None, "unknown"), (None, "unknown"), None),
    ],
    ids=["seed-2026", "not-before-the-start", "unknown-end", "unknown-start", "unknown"],
)
def test_earliest_end_of_a_range_is_never_before_its_earliest_start(start, end, expected):
    result = earliest_end(*start, *end)

    assert (result.isoformat() if result else None) == expected


@pytest.mark.parametrize(
    ("month", "language", "name"),
    [(3, "en", "March"), (3, "fr", "mars"), (8, "fr", "août"), (12, "en", "December")],
)
def test_a_months_name_is_djangos_in_the_language_asked_whatever_is_active(month, language, name):
    with translation.override("fr" if language == "en" else "en"):
        assert month_name(month, language) == name
