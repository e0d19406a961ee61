"""``/calendar.ics``: the public courses as iCalendar events, read back with icalendar."""

import datetime

import pytest
from django.core.cache import cache
from django.urls import reverse
from icalendar import Calendar

from apps.catalogue import views
from apps.core.dates import DatePrecision
from apps.courses.models import CourseStatus
from tests.factories import (
    CourseFactory,
    CourseTrainerFactory,
    EnrolmentFactory,
    OrganisationFactory,
    PersonFactory,
    ProgrammeFactory,
    TrainerFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def listed_from_2025(monkeypatch):
    """The calendar lists courses from 1 January of last year: 2025, whatever today is."""
    monkeypatch.setattr(views, "first_day_listed", lambda: datetime.date(2025, 1, 1))
    cache.clear()
    yield
    cache.clear()


URL = "/calendar.ics"
DAY, MONTH, YEAR, UNKNOWN = (
    DatePrecision.DAY,
    DatePrecision.MONTH,
    DatePrecision.YEAR,
    DatePrecision.UNKNOWN,
)


def dated_course(start, start_precision, end, end_precision, **fields):
    return CourseFactory(
        start_date=start,
        start_precision=start_precision,
        end_date=end,
        end_precision=end_precision,
        **fields,
    )


def events(response) -> dict[str, dict]:
    """The calendar's events by UID, parsed by icalendar."""
    assert response.status_code == 200, response.content
    calendar = Calendar.from_ical(response.content)
    return {str(event["UID"]): event for event in calendar.walk("VEVENT")}


def uid(course) -> str:
    return f"course-{course.slug}@trainingdb.example.org"


def test_the_calendar_is_an_icalendar_file_anyone_can_read(client):
    course = CourseFactory(
        title_en="Logistics Planning in NATO",
        title_fr="Planification logistique au sein de l'OTAN",
        city="Baku",
        country="AZ",
        start_date=datetime.date(2026, 3, 2),
        end_date=datetime.date(2026, 3, 6),
        programme=ProgrammeFactory(title_en="IPCP 2026"),
    )

    response = client.get(URL)

    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert reverse("course-calendar") == URL
    calendar = Calendar.from_ical(response.content)
    assert str(calendar["VERSION"]) == "2.0"
    assert str(calendar["PRODID"]) == "-//TrainingDB//Course calendar//EN"
    event = events(response)[uid(course)]
    assert str(event["SUMMARY"]) == "Logistics Planning in NATO"
    assert str(event["LOCATION"]) == "Baku, Azerbaijan"
    assert event.decoded("DTSTART") == datetime.date(2026, 3, 2)
    assert event.decoded("DTEND") == datetime.date(2026, 3, 7)  # exclusive: the day after
    assert event["DTSTART"].params["VALUE"] == "DATE"
    assert str(event["STATUS"]) == "CONFIRMED"
    assert "TRANSP" not in event
    assert str(event["X-TRAININGDB-DATE-PRECISION"]) == "day"
    assert "Programme: IPCP 2026" in str(event["DESCRIPTION"])
    assert event["CATEGORIES"].cats == ["IPCP 2026"]
    assert str(event["URL"]).endswith(f"/api/v1/courses/{course.pk}/")


def test_an_event_keeps_its_uid_when_the_course_changes(client):
    course = CourseFactory(slug="logistics-baku-2026")
    before = set(events(client.get(URL)))

    course.title_en = "Renamed"
    course.save()

    assert (
        set(events(client.get(URL)))
        == before
        == {"course-logistics-baku-2026@trainingdb.example.org"}
    )


@pytest.mark.parametrize(
    ("start", "end", "first", "after_last", "precision", "period_text"),
    [
        (  # "March 2027": the whole month, not 1 March
            (datetime.date(2027, 3, 1), MONTH),
            (datetime.date(2027, 3, 31), MONTH),
            datetime.date(2027, 3, 1),
            datetime.date(2027, 4, 1),
            "month",
            "Dates to be confirmed: March 2027",
        ),
        (  # "2027": the whole year
            (datetime.date(2027, 1, 1), YEAR),
            (datetime.date(2027, 12, 31), YEAR),
            datetime.date(2027, 1, 1),
            datetime.date(2028, 1, 1),
            "year",
            "Dates to be confirmed: 2027",
        ),
        (  # a known first day, an end known to the month: as precise as the end
            (datetime.date(2027, 3, 2), DAY),
            (datetime.date(2027, 4, 30), MONTH),
            datetime.date(2027, 3, 2),
            datetime.date(2027, 5, 1),
            "month",
            "Dates to be confirmed: 2 March 2027 – April 2027",
        ),
        (  # a known first day and no end: its length is unknown
            (datetime.date(2027, 3, 2), DAY),
            (None, UNKNOWN),
            datetime.date(2027, 3, 2),
            datetime.date(2027, 3, 3),
            "day",
            "Dates to be confirmed: 2 March 2027",
        ),
    ],
)
def test_a_date_known_only_to_the_month_or_year_spans_its_period_tentatively(
    client, start, end, first, after_last, precision, period_text
):
    course = dated_course(*start, *end, status=CourseStatus.PLANNED)

    event = events(client.get(URL))[uid(course)]

    assert event.decoded("DTSTART") == first
    assert event.decoded("DTEND") == after_last
    assert event["DTEND"].params["VALUE"] == "DATE"
    assert str(event["STATUS"]) == "TENTATIVE"
    assert str(event["TRANSP"]) == "TRANSPARENT"
    assert str(event["X-TRAININGDB-DATE-PRECISION"]) == precision
    assert period_text in str(event["DESCRIPTION"])


def test_a_course_with_unknown_dates_is_left_out_and_a_cancelled_one_says_so(client):
    undated = dated_course(None, UNKNOWN, None, UNKNOWN, status=CourseStatus.PLANNED)
    cancelled = CourseFactory(status=CourseStatus.CANCELLED)

    found = events(client.get(URL))

    assert uid(undated) not in found
    assert str(found[uid(cancelled)]["STATUS"]) == "CANCELLED"


def test_the_calendar_lists_courses_from_the_first_of_january_of_last_year(client):
    ended_before = dated_course(datetime.date(2024, 3, 2), DAY, datetime.date(2024, 12, 31), DAY)
    month_before = dated_course(datetime.date(2024, 12, 1), MONTH, None, UNKNOWN)
    ending_in = dated_course(datetime.date(2024, 12, 30), DAY, datetime.date(2025, 1, 2), DAY)
    year_listed = dated_course(datetime.date(2025, 1, 1), YEAR, None, UNKNOWN)

    found = set(events(client.get(URL)))

    assert found == {uid(ending_in), uid(year_listed)}
    assert uid(ended_before) not in found and uid(month_before) not in found


def test_the_french_calendar_writes_french_and_falls_back_to_english(client):
    translated = dated_course(
        datetime.date(2027, 3, 1),
        MONTH,
        datetime.date(2027, 3, 31),
        MONTH,
        title_en="Logistics Planning in NATO",
        title_fr="Planification logistique au sein de l'OTAN",
        status=CourseStatus.PLANNED,
        programme=ProgrammeFactory(title_en="Programme", title_fr="Programme de coopération"),
    )
    untranslated = CourseFactory(title_en="Only in English", title_fr="")

    by_parameter = events(client.get(URL, {"lang": "fr"}))
    by_header = events(client.get(URL, headers={"accept-language": "fr-FR,fr;q=0.9"}))

    for found in (by_parameter, by_header):
        event = found[uid(translated)]
        assert str(event["SUMMARY"]) == "Planification logistique au sein de l'OTAN"
        assert str(event["LOCATION"]) == "Baku, Azerbaïdjan"
        assert "Dates à confirmer\u00a0: mars 2027" in str(event["DESCRIPTION"])
        assert "Programme\u00a0: Programme de coopération" in str(event["DESCRIPTION"])
        assert str(found[uid(untranslated)]["SUMMARY"]) == "Only in English"
    english = events(client.get(URL, headers={"accept-language": "en"}))
    assert str(english[uid(translated)]["SUMMARY"]) == "Logistics Planning in NATO"


def test_filters_select_by_programme_and_partner_as_the_api_does(client):
    partner = OrganisationFactory(slug="mod-azerbaijan")
    programme = ProgrammeFactory(slug="ipcp-2026", partner=partner)
    of_programme = CourseFactory(programme=programme)
    of_partner = CourseFactory(programme=ProgrammeFactory(partner=partner))
    other = CourseFactory()

    def selected(parameters: dict) -> set[str]:
        return set(events(client.get(URL, parameters)))

    assert selected({}) == {uid(of_programme), uid(of_partner), uid(other)}
    assert selected({"programme": programme.pk}) == {uid(of_programme)}
    assert selected({"programme_slug": "ipcp-2026"}) == {uid(of_programme)}
    assert selected({"partner": partner.pk}) == {uid(of_programme), uid(of_partner)}
    assert selected({"partner_slug": "mod-azerbaijan"}) == {uid(of_programme), uid(of_partner)}
    assert selected({"partner": partner.pk, "programme": programme.pk}) == {uid(of_programme)}
    assert selected({"programme": 999999}) == set()
    assert selected({"programme_slug": "nothing-of-that-name"}) == set()
    api = client.get("/api/v1/courses/", {"programme": programme.pk}).json()
    assert [course["id"] for course in api["results"]] == [of_programme.pk]


@pytest.mark.parametrize(
    "parameters",
    [
        {"programme": "abc"},
        {"programme": "0"},
        {"programme": "99999999999999999999999"},
        {"partner": "1.5"},
        {"programme_slug": "nul\x00byte"},
        {"programe": "1"},
    ],
)
def test_a_bad_filter_is_a_plain_text_400(client, parameters):
    response = client.get(URL, parameters)

    assert response.status_code == 400
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert response.content


def test_no_personal_data_appears_in_the_calendar(client):
    course = CourseFactory()
    trainer = TrainerFactory(person=PersonFactory(family_name="Trainername", given_names="Tara"))
    CourseTrainerFactory(course=course, trainer=trainer)
    EnrolmentFactory(
        course=course, person=PersonFactory(family_name="Participantname", given_names="Pat")
    )

    text = client.get(URL).content.decode()

    for name in ("Trainername", "Tara", "Participantname", "Pat"):
        assert name not in text


def test_the_calendar_costs_two_queries_whatever_the_courses(client, django_assert_num_queries):
    CourseFactory()
    with django_assert_num_queries(2):  # the ETag's aggregate, then the courses
        assert client.get(URL).status_code == 200
    for _ in range(20):
        CourseFactory()

    with django_assert_num_queries(2):
        assert len(events(client.get(URL))) == 21
    with django_assert_num_queries(1):  # unchanged: the rendered calendar from the cache
        assert len(events(client.get(URL))) == 21


def test_an_unchanged_calendar_answers_304_and_a_changed_one_does_not(client):
    course = CourseFactory()
    first = client.get(URL)
    assert "max-age=3600" in first["Cache-Control"]
    assert "public" in first["Cache-Control"]

    again = client.get(URL, headers={"if-none-match": first["ETag"]})
    french = client.get(URL, {"lang": "fr"}, headers={"if-none-match": first["ETag"]})
    course.title_en = "Changed"
    course.save()
    changed = client.get(URL, headers={"if-none-match": first["ETag"]})

    assert again.status_code == 304
    assert french.status_code == 200
    assert changed.status_code == 200


def test_the_calendar_refuses_writes(client):
    assert client.post(URL).status_code == 405
