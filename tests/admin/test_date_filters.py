"""The enrolment and certificate lists narrow to a year and a month of their date, offering
only the years and months that hold records, as the date hierarchy they replace did."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from apps.certificates.models import Certificate
from apps.core.index_scans import dates_with_records
from apps.core.list_filters import YearMonthListFilter
from apps.enrolments.models import Enrolment
from tests.factories import CertificateFactory, EnrolmentFactory

pytestmark = pytest.mark.django_db

ENROLMENTS = reverse("admin:enrolments_enrolment_changelist")
CERTIFICATES = reverse("admin:certificates_certificate_changelist")


@pytest.fixture(autouse=True)
def sessions_in_the_database(settings):
    settings.SESSION_ENGINE = "django.contrib.sessions.backends.db"


def nominated(*days: datetime.date) -> list[Enrolment]:
    return [EnrolmentFactory(nominated_on=day) for day in days]


def date_filter(response) -> YearMonthListFilter:
    return next(
        spec
        for spec in response.context["cl"].filter_specs
        if isinstance(spec, YearMonthListFilter)
    )


def offered(response) -> list[tuple[str, bool, list[tuple[str, bool]]]]:
    """The filter's choices as shown: (label, selected, [(month label, selected)])."""
    choices = date_filter(response).choices(response.context["cl"])
    return [
        (
            str(choice["display"]),
            choice["selected"],
            [(month["display"], month["selected"]) for month in choice["months"]],
        )
        for choice in choices
    ]


def listed(response) -> set[int]:
    return {obj.pk for obj in response.context["cl"].result_list}


def test_the_enrolment_list_offers_only_the_years_holding_nominations(admin_client):
    nominated(datetime.date(2019, 5, 2), datetime.date(2023, 1, 9), datetime.date(2023, 11, 30))
    EnrolmentFactory(nominated_on=None)

    response = admin_client.get(ENROLMENTS)

    assert offered(response) == [("All", True, []), ("2023", False, []), ("2019", False, [])]


def test_a_chosen_year_lists_its_records_and_offers_its_months_holding_records(admin_client):
    march, november, other_year = nominated(
        datetime.date(2023, 3, 9), datetime.date(2023, 11, 30), datetime.date(2022, 3, 1)
    )

    response = admin_client.get(ENROLMENTS, {"nominated_on__year": "2023"})

    assert listed(response) == {march.pk, november.pk}
    assert offered(response) == [
        ("All", False, []),
        ("2023", True, [("March 2023", False), ("November 2023", False)]),
        ("2022", False, []),
    ]


def test_a_chosen_month_lists_that_months_records_only(admin_client):
    first, last, _other_month = nominated(
        datetime.date(2023, 3, 1), datetime.date(2023, 3, 31), datetime.date(2023, 4, 1)
    )

    response = admin_client.get(ENROLMENTS, {"nominated_on__year": 2023, "nominated_on__month": 3})

    assert listed(response) == {first.pk, last.pk}
    assert offered(response)[1] == ("2023", False, [("March 2023", True), ("April 2023", False)])


def test_each_choice_links_to_its_own_period_and_drops_a_finer_one(admin_client):
    nominated(datetime.date(2023, 3, 9), datetime.date(2022, 3, 1))
    response = admin_client.get(
        ENROLMENTS, {"nominated_on__year": 2023, "nominated_on__month": 3, "status__exact": "x"}
    )

    choices = date_filter(response).choices(response.context["cl"])

    assert [choice["query_string"] for choice in choices] == [
        "?status__exact=x",
        "?nominated_on__year=2023&status__exact=x",
        "?nominated_on__year=2022&status__exact=x",
    ]
    assert choices[1]["months"][0]["query_string"] == (
        "?nominated_on__month=3&nominated_on__year=2023&status__exact=x"
    )


def test_the_certificate_list_narrows_by_year_of_issue_as_the_dashboards_link_does(admin_client):
    this_year = CertificateFactory(issued_on=datetime.date(2026, 3, 6))
    CertificateFactory(issued_on=datetime.date(2025, 12, 31))

    response = admin_client.get(CERTIFICATES, {"issued_on__year": 2026})

    assert listed(response) == {this_year.pk}
    assert offered(response) == [
        ("All", False, []),
        ("2026", True, [("March 2026", False)]),
        ("2025", False, []),
    ]


def test_a_chosen_year_without_records_is_shown_selected_and_lists_nothing(admin_client):
    CertificateFactory(issued_on=datetime.date(2025, 6, 1))

    response = admin_client.get(CERTIFICATES, {"issued_on__year": 2021})

    assert listed(response) == set()
    assert offered(response) == [("All", False, []), ("2025", False, []), ("2021", True, [])]


def test_an_address_with_the_hierarchys_day_lists_that_day(admin_client):
    day, _next_day = nominated(datetime.date(2023, 3, 9), datetime.date(2023, 3, 10))

    response = admin_client.get(
        ENROLMENTS,
        {"nominated_on__year": 2023, "nominated_on__month": 3, "nominated_on__day": 9},
    )

    assert listed(response) == {day.pk}
    month = date_filter(response).choices(response.context["cl"])[1]["months"][0]
    assert (month["selected"], month["day"]["display"], month["day"]["selected"]) == (
        False,
        "March 9",
        True,
    )


@pytest.mark.parametrize(
    ("parameters", "narrowed_to"),
    [
        ({"nominated_on__year": "abc"}, "all"),
        ({"nominated_on__year": "0"}, "all"),
        ({"nominated_on__year": "99999999999999999999"}, "all"),
        ({"nominated_on__year": "２０２３"}, "all"),
        ({"nominated_on__month": "3"}, "all"),
        ({"nominated_on__year": "2023", "nominated_on__month": "13"}, "2023"),
        (
            {"nominated_on__year": "2023", "nominated_on__month": "2", "nominated_on__day": "30"},
            "February 2023",
        ),
    ],
)
def test_a_value_that_is_no_year_month_or_day_is_ignored(admin_client, parameters, narrowed_to):
    february, march, last_year = nominated(
        datetime.date(2023, 2, 3), datetime.date(2023, 3, 4), datetime.date(2022, 2, 3)
    )
    expected = {
        "all": {february.pk, march.pk, last_year.pk},
        "2023": {february.pk, march.pk},
        "February 2023": {february.pk},
    }[narrowed_to]

    response = admin_client.get(ENROLMENTS, parameters)

    assert response.status_code == 200
    assert listed(response) == expected


def test_the_filter_speaks_french(admin_client):
    CertificateFactory(issued_on=datetime.date(2026, 3, 6))

    response = admin_client.get(
        CERTIFICATES, {"issued_on__year": 2026}, headers={"accept-language": "fr"}
    )

    html = response.content.decode()
    assert offered(response) == [("Tout", False, []), ("2026", True, [("Mars 2026", False)])]
    assert "Par date de délivrance" in html


def test_the_filter_counts_each_year_and_month_when_asked_to(admin_client):
    nominated(datetime.date(2023, 3, 9), datetime.date(2023, 3, 10), datetime.date(2022, 1, 1))

    response = admin_client.get(ENROLMENTS, {"nominated_on__year": 2023, "_facets": "True"})

    assert offered(response) == [
        ("All", False, []),
        ("2023 (2)", True, [("March 2023 (2)", False)]),
        ("2022 (1)", False, []),
    ]


@pytest.mark.parametrize(
    ("url", "parameters", "queries"),
    [
        # The session and its user; the filters' choices (the date's years, and the chosen
        # year's months: one query each; issuers: two); the count; the page. (A narrowed
        # list is counted exactly: PostgreSQL's statistics are not asked.)
        (ENROLMENTS, {"nominated_on__year": 2023}, 7),
        (CERTIFICATES, {"issued_on__year": 2023, "issued_on__month": 3}, 9),
    ],
)
def test_a_narrowed_list_runs_the_same_queries_for_one_row_or_thirty(
    admin_client, django_assert_num_queries, url, parameters, queries
):
    make = (
        (lambda: EnrolmentFactory(nominated_on=datetime.date(2023, 3, 9)))
        if url == ENROLMENTS
        else (lambda: CertificateFactory(issued_on=datetime.date(2023, 3, 9)))
    )
    make()
    with django_assert_num_queries(queries):
        assert admin_client.get(url, parameters).status_code == 200
    for _ in range(29):
        make()

    with django_assert_num_queries(queries):
        response = admin_client.get(url, parameters)

    assert response.context["cl"].result_count == 30


def test_the_years_are_found_without_reading_the_whole_table(admin_client):
    nominated(datetime.date(2023, 3, 9))

    with CaptureQueriesContext(connection) as captured:
        admin_client.get(ENROLMENTS, {"nominated_on__year": 2023})

    sql = " ".join(query["sql"] for query in captured.captured_queries)
    assert "DISTINCT" not in sql
    assert "WITH RECURSIVE" in sql


@pytest.mark.parametrize(
    ("model", "field"), [(Enrolment, "nominated_on"), (Certificate, "issued_on")]
)
def test_the_index_scan_finds_the_same_years_and_months_as_distinct(model, field):
    days = [datetime.date(2019, 12, 31), datetime.date(2020, 1, 1), datetime.date(2020, 7, 4)]
    for day in days:
        if model is Enrolment:
            EnrolmentFactory(nominated_on=day)
        else:
            CertificateFactory(issued_on=day)
    year_2020 = (datetime.date(2020, 1, 1), datetime.date(2020, 12, 31))

    years = dates_with_records(model, field, "year")
    months = dates_with_records(model, field, "month", within=year_2020)

    assert years == list(model.objects.dates(field, "year"))
    assert months == list(model.objects.filter(**{f"{field}__year": 2020}).dates(field, "month"))
    assert months == [datetime.date(2020, 1, 1), datetime.date(2020, 7, 1)]
