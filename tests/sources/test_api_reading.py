"""Reading sources in the API: who may, the chain of reports, the records each names."""

import datetime

import pytest

from apps.courses.models import Course
from apps.programmes.models import Programme
from apps.sources.models import Source, SourceKind
from tests.factories import SourceFactory
from tests.sources.helpers import (
    ANNOUNCEMENT,
    FRENCH_REPORT,
    LIST,
    NOVA_REPORT,
    SEED_COURSE,
    TREND_REPORT,
    detail,
)

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("role", "read", "create", "update", "delete"),
    [
        ("anonymous", 200, 401, 401, 401),
        ("viewer", 200, 403, 403, 403),
        ("registrar", 200, 201, 200, 403),
        ("superuser", 200, 201, 200, 204),
    ],
)
def test_sources_are_public_to_read_and_need_permissions_to_write(
    api_client_for, role, read, create, update, delete
):
    client = api_client_for(role)
    source = SourceFactory(title="Before")
    new = {"slug": f"new-{role}", "kind": SourceKind.OTHER}

    assert client.get(LIST).status_code == read
    assert client.get(detail(source)).status_code == read
    assert client.post(LIST, new).status_code == create
    assert client.patch(detail(source), {"title": "Patched"}).status_code == update
    assert client.put(detail(source), {**new, "slug": "put", "title": "Put"}).status_code == update
    assert client.delete(detail(source)).status_code == delete
    assert Source.objects.filter(slug=f"new-{role}").exists() == (create == 201)
    assert Source.objects.filter(pk=source.pk).exists() == (delete != 204)
    if delete != 204:
        assert Source.objects.get(pk=source.pk).title == ("Put" if update == 200 else "Before")


def test_the_french_report_shows_its_chain_back_to_the_ministry(api_client, seed):
    report = Source.objects.get(slug=FRENCH_REPORT)

    body = api_client.get(detail(report)).json()

    assert (body["kind"], body["language"], body["publisher"]) == ("news_report", "fr", None)
    assert body["title"].startswith("À Bakou, le ministère de la Défense")
    assert body["reported_from"]["slug"] == NOVA_REPORT
    assert [source["slug"] for source in body["reporting_chain"]] == [
        NOVA_REPORT,
        TREND_REPORT,
        ANNOUNCEMENT,
    ]
    assert [source["publisher"]["slug"] for source in body["reporting_chain"]] == [
        "agenzia-nova",
        "trend",
        "azerbaijan-mod",
    ]
    assert [programme["slug"] for programme in body["programmes"]] == ["ipcp-2026-azerbaijan-nato"]
    assert body["courses"][0]["slug"] == SEED_COURSE
    assert (body["courses"][0]["start"], body["courses"][0]["city"]) == ("2026", "Baku")


def test_an_original_source_has_an_empty_chain(api_client, seed):
    announcement = Source.objects.get(slug=ANNOUNCEMENT)

    body = api_client.get(detail(announcement)).json()

    assert (body["reported_from"], body["reporting_chain"], body["published"]) == (None, [], None)


def test_the_list_gives_the_first_step_of_the_chain_only(api_client, seed):
    [row] = api_client.get(f"{LIST}?search=Bakou").json()["results"]

    assert row["slug"] == FRENCH_REPORT
    assert row["reported_from"]["slug"] == NOVA_REPORT
    assert "reporting_chain" not in row


def test_the_seed_sources_are_reachable_by_programme_and_course(slugs, seed):
    programme = Programme.objects.get(slug="ipcp-2026-azerbaijan-nato")
    course = Course.objects.get(slug=SEED_COURSE)

    assert slugs(f"programme={programme.pk}") == [FRENCH_REPORT, NOVA_REPORT, TREND_REPORT]
    assert slugs("programme_slug=ipcp-2026-azerbaijan-nato&ordering=-slug") == [
        TREND_REPORT,
        NOVA_REPORT,
        FRENCH_REPORT,
    ]
    assert len(slugs(f"course={course.pk}")) == 4
    assert slugs(f"course_slug={SEED_COURSE}&kind=announcement") == [ANNOUNCEMENT]


SEED_IN = {
    "en": ("Logistics Planning in NATO", "Individual Partnership", "Ministry of Defence"),
    "fr": ("Planification logistique au sein de l'OTAN", "Programme de coopération", "Ministère"),
}


@pytest.mark.parametrize(
    ("headers", "query", "language"),
    [
        ({}, "?lang=fr", "fr"),
        ({"HTTP_ACCEPT_LANGUAGE": "fr"}, "", "fr"),
        ({"HTTP_ACCEPT_LANGUAGE": "fr"}, "?lang=en", "en"),
        ({}, "", "en"),
    ],
)
def test_a_source_shows_its_records_in_the_language_asked_for(
    api_client, seed, headers, query, language
):
    report = Source.objects.get(slug=FRENCH_REPORT)
    course_title, programme_title, ministry_name = SEED_IN[language]

    body = api_client.get(f"{detail(report)}{query}", **headers).json()

    assert body["courses"][0]["title"] == course_title
    assert body["programmes"][0]["title"].startswith(programme_title)
    assert body["reporting_chain"][2]["publisher"]["name"].startswith(ministry_name)
    assert body["title"].startswith("À Bakou")  # a source keeps the language it was written in


@pytest.mark.parametrize(
    ("published_on", "precision", "stored", "shown"),
    [
        ("2026-03-05", "year", datetime.date(2026, 1, 1), "2026"),
        ("2026-03-05", "month", datetime.date(2026, 3, 1), "2026-03"),
        ("2026-01-01", "day", datetime.date(2026, 1, 1), "2026-01-01"),
        (None, "unknown", None, None),
    ],
)
def test_a_publication_date_keeps_its_precision(
    api_client_for, published_on, precision, stored, shown
):
    response = api_client_for("registrar").post(
        LIST,
        {
            "slug": "dated",
            "kind": "news_report",
            "published_on": published_on,
            "published_precision": precision,
        },
    )

    assert response.status_code == 201, response.json()
    assert response.json()["published"] == shown
    assert Source.objects.get(slug="dated").published_on == stored
