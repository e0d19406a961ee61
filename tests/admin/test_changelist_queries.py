"""The changelists of the long tables (people, enrolments, certificates): a fixed number of
queries whatever the rows, and no COUNT(*) of the whole table where the admin can avoid it."""

import datetime
import re

import pytest
from django.contrib import admin
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from apps.certificates.models import Certificate
from apps.core.admin import EstimatedCountPaginator, LatestRelatedListFilter
from apps.enrolments.models import Enrolment
from apps.people.models import Person
from tests.admin.conftest import LINKED_RECORD
from tests.factories import CourseFactory, EnrolmentFactory, OrganisationFactory, PersonFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def sessions_in_the_database(settings):
    """The counts include reading the session from the database, as without Redis.

    With ``REDIS_URL`` set (CI's PostgreSQL pass) sessions are ``cached_db``: a session read
    from the cache costs no query, and the count would differ between the two passes.
    """
    settings.SESSION_ENGINE = "django.contrib.sessions.backends.db"


# The session and its user; the filters' choices: nationalities, the years of a date and the
# latest courses one query each, organisations and issuers two (which ones the rows point
# to, then those); the count; the page. PostgreSQL asks its statistics for the table's size
# first (EstimatedCountPaginator): one query more.
QUERIES = {Person: 7, Enrolment: 6, Certificate: 8}


def changelist(model: type) -> str:
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")


def _whole_table_counts(queries: list[dict], model: type) -> list[str]:
    table = re.escape(connection.ops.quote_name(model._meta.db_table))
    whole = re.compile(rf'^SELECT COUNT\(\*\) AS "__count" FROM {table}$')
    return [query["sql"] for query in queries if whole.match(query["sql"])]


@pytest.mark.parametrize("model", list(QUERIES), ids=lambda model: model._meta.label)
def test_a_long_changelist_runs_the_same_queries_for_one_row_or_thirty(
    admin_client, django_assert_num_queries, model
):
    LINKED_RECORD[model]()
    expected = QUERIES[model] + (connection.vendor == "postgresql")
    with django_assert_num_queries(expected):
        assert admin_client.get(changelist(model)).status_code == 200
    for _ in range(29):
        LINKED_RECORD[model]()

    with django_assert_num_queries(expected):
        response = admin_client.get(changelist(model))

    assert response.context["cl"].result_count == 30


@pytest.mark.parametrize("model", list(QUERIES), ids=lambda model: model._meta.label)
def test_a_searched_changelist_counts_what_it_found_not_the_whole_table(admin_client, model):
    for _ in range(3):
        LINKED_RECORD[model]()

    with CaptureQueriesContext(connection) as captured:
        response = admin_client.get(changelist(model), {"q": "nobody-is-called-this"})

    assert response.context["cl"].result_count == 0
    assert response.context["cl"].full_result_count is None
    assert _whole_table_counts(captured.captured_queries, model) == []


@pytest.mark.parametrize("model", list(QUERIES), ids=lambda model: model._meta.label)
def test_the_long_changelists_page_with_the_estimating_paginator(model):
    model_admin = admin.site._registry[model]

    assert model_admin.paginator is EstimatedCountPaginator
    assert model_admin.show_full_result_count is False


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's statistics")
def test_a_large_table_is_counted_from_postgresqls_statistics(admin_client, monkeypatch):
    for _ in range(12):
        LINKED_RECORD[Person]()
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE people_person")
    monkeypatch.setattr(EstimatedCountPaginator, "estimate_from", 10)

    with CaptureQueriesContext(connection) as captured:
        response = admin_client.get(changelist(Person))

    assert response.context["cl"].result_count == 12  # ANALYZE read every row of so few
    assert _whole_table_counts(captured.captured_queries, Person) == []


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's statistics")
def test_a_small_table_is_counted_exactly(admin_client):
    for _ in range(3):
        LINKED_RECORD[Person]()
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE people_person")

    with CaptureQueriesContext(connection) as captured:
        response = admin_client.get(changelist(Person))

    assert response.context["cl"].result_count == 3
    assert len(_whole_table_counts(captured.captured_queries, Person)) == 1


def test_a_filtered_changelist_is_counted_exactly(admin_client):
    for _ in range(3):
        LINKED_RECORD[Person]()

    response = admin_client.get(changelist(Person), {"nationality": "AZ"})

    assert response.context["cl"].result_count == 3


def test_the_course_filter_lists_the_latest_courses_and_the_one_chosen(admin_client, monkeypatch):
    monkeypatch.setattr(LatestRelatedListFilter, "limit", 2)
    old, older, newer, newest = (
        EnrolmentFactory(course=CourseFactory(start_date=datetime.date(year, 3, 1))).course
        for year in (2021, 2020, 2025, 2026)
    )

    unfiltered = admin_client.get(changelist(Enrolment))
    chosen = admin_client.get(changelist(Enrolment), {"course__id__exact": older.pk})

    assert _course_choices(unfiltered) == [newest.pk, newer.pk]
    assert _course_choices(chosen) == [newest.pk, newer.pk, older.pk]
    assert [enrolment.course for enrolment in chosen.context["cl"].result_list] == [older]
    assert old.pk not in _course_choices(chosen)


def _course_choices(response) -> list[int]:
    course_filter = next(
        spec
        for spec in response.context["cl"].filter_specs
        if isinstance(spec, LatestRelatedListFilter)
    )
    return [pk for pk, _title in course_filter.lookup_choices]


def test_the_people_changelist_names_each_persons_nationality(admin_client):
    PersonFactory(family_name="Aliyev", nationality="AZ")
    PersonFactory(family_name="Beridze", nationality="")

    response = admin_client.get(changelist(Person))

    rows = response.content.decode()
    assert '<td class="field-nationality_name">Azerbaijan</td>' in rows
    assert '<td class="field-nationality_name">-</td>' in rows


def test_the_nationality_filter_offers_the_nationalities_held_and_filters_by_one(admin_client):
    aliyev = PersonFactory(nationality="AZ")
    beridze = PersonFactory(nationality="GE")
    PersonFactory(nationality="GE")
    PersonFactory(nationality="")

    # Each list's choices read at once: their labels are in the language of its request.
    unfiltered = _nationality_choices(admin_client.get(changelist(Person)))
    georgians = admin_client.get(changelist(Person), {"nationality": "GE"})
    chosen = _nationality_choices(georgians)
    french = _nationality_choices(
        admin_client.get(changelist(Person), headers={"accept-language": "fr"})
    )

    assert unfiltered == [
        ("All", True),
        ("Azerbaijan", False),
        ("Georgia", False),
    ]
    assert chosen[2] == ("Georgia", True)
    assert beridze in georgians.context["cl"].result_list
    assert aliyev not in georgians.context["cl"].result_list
    assert georgians.context["cl"].result_count == 2
    assert french == [
        ("Tout", True),
        ("Azerbaïdjan", False),
        ("Géorgie", False),
    ]


def test_the_nationality_filter_reads_the_index_not_every_person(admin_client):
    PersonFactory(nationality="AZ")

    with CaptureQueriesContext(connection) as captured:
        admin_client.get(changelist(Person))

    sql = [query["sql"] for query in captured.captured_queries]
    assert not [query for query in sql if '"nationality"' in query and "DISTINCT" in query]
    assert [query for query in sql if "WITH RECURSIVE" in query and '"nationality"' in query]


def _nationality_choices(response) -> list[tuple[str, bool]]:
    spec = next(
        spec
        for spec in response.context["cl"].filter_specs
        if getattr(spec, "field_path", "") == "nationality"
    )
    return [
        (str(choice["display"]), choice["selected"])
        for choice in spec.choices(response.context["cl"])
    ]


def test_the_organisation_filter_offers_the_organisations_people_belong_to(admin_client):
    ministry = PersonFactory(organisation=OrganisationFactory(name_en="Ministry")).organisation
    PersonFactory(organisation=ministry)
    PersonFactory(organisation=None)
    OrganisationFactory(name_en="Nobody's agency")

    with CaptureQueriesContext(connection) as captured:
        response = admin_client.get(changelist(Person))

    organisation_filter = next(
        spec
        for spec in response.context["cl"].filter_specs
        if getattr(spec, "field_path", "") == "organisation"
    )
    assert [pk for pk, _title in organisation_filter.lookup_choices] == [ministry.pk]
    assert not [query for query in captured.captured_queries if "DISTINCT" in query["sql"]]
