"""Cursor (keyset) pagination beside page numbers on the long lists: people, enrolments,
certificates. A cursor walks the list in its default order, every row once, both ways."""

import base64
import datetime
import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from apps.core.api.pagination import (
    CURSOR_ERROR,
    CURSOR_WITH_ORDERING_ERROR,
    CURSOR_WITH_PAGE_ERROR,
)
from apps.core.dates import DatePrecision
from tests.factories import CertificateFactory, CourseFactory, EnrolmentFactory, PersonFactory

pytestmark = pytest.mark.django_db

CURSOR_LISTS = ["people", "enrolments", "certificates"]


def _page_numbered_ids(client, url: str) -> list[int]:
    response = client.get(url, {"page_size": 100})
    assert response.json()["next"] is None
    return [row["id"] for row in response.json()["results"]]


def _walk(client, first: str) -> tuple[list[list[int]], str | None]:
    """The pages a client reads following ``next`` from ``first``; the last page's address."""
    pages, url, last = [], first, None
    while url:
        response = client.get(url)
        assert response.status_code == 200, response.content
        pages.append([row["id"] for row in response.json()["results"]])
        last, url = url, response.json()["next"]
    return pages, last


def _walk_back(client, last: str) -> list[list[int]]:
    pages, url = [], last
    while url:
        response = client.get(url)
        assert response.status_code == 200, response.content
        pages.append([row["id"] for row in response.json()["results"]])
        url = response.json()["previous"]
    return list(reversed(pages))


@pytest.fixture
def people():
    # Namesakes, so that the cursor must tell rows apart by given names and then by id.
    return [
        *PersonFactory.create_batch(3, family_name="Aliyev", given_names="Rashad"),
        *PersonFactory.create_batch(2, family_name="Aliyev", given_names="Anar"),
        PersonFactory(family_name="Beridze", given_names="Nino"),
        PersonFactory(family_name="Abbasov", given_names="Elvin"),
    ]


def test_a_cursor_walks_people_in_the_lists_order_every_person_once(api_client_for, people):
    client = api_client_for("viewer")
    expected = _page_numbered_ids(client, "/api/v1/people/")

    pages, _last = _walk(client, "/api/v1/people/?cursor=&page_size=2")

    assert [len(page) for page in pages] == [2, 2, 2, 1]
    assert [person for page in pages for person in page] == expected


def test_previous_cursors_lead_back_through_the_same_pages(api_client_for, people):
    client = api_client_for("viewer")
    pages, last = _walk(client, "/api/v1/people/?cursor=&page_size=3")

    assert _walk_back(client, last) == pages


def test_a_cursor_page_keeps_the_lists_shape_and_its_count(api_client_for, people):
    response = api_client_for("viewer").get("/api/v1/people/", {"cursor": "", "page_size": 5})

    answer = response.json()
    assert list(answer) == ["count", "next", "previous", "results"]
    assert answer["count"] == len(people)
    assert answer["previous"] is None
    assert "cursor=" in answer["next"] and "page_size=5" in answer["next"]
    assert "page=" not in answer["next"].replace("page_size", "")


def test_a_cursor_follows_filters(api_client_for, people):
    client = api_client_for("viewer")

    pages, _last = _walk(client, "/api/v1/people/?cursor=&page_size=2&family_name=Aliyev")

    assert sorted(person for page in pages for person in page) == sorted(
        person.pk for person in people if person.family_name == "Aliyev"
    )


def test_a_cursor_walks_enrolments_through_unknown_course_dates_and_namesakes(api_client_for):
    dated = CourseFactory(start_date=datetime.date(2026, 3, 1), title_en="Logistics")
    same_day = CourseFactory(start_date=datetime.date(2026, 3, 1), title_en="Logistics")
    undated = CourseFactory(
        start_date=None,
        start_precision=DatePrecision.UNKNOWN,
        end_date=None,
        end_precision=DatePrecision.UNKNOWN,
    )
    for course in (dated, same_day, undated, undated):
        for given in ("Anar", "Anar", "Nino"):
            EnrolmentFactory(
                course=course, person=PersonFactory(family_name="Aliyev", given_names=given)
            )
    client = api_client_for("viewer")
    expected = _page_numbered_ids(client, "/api/v1/enrolments/")

    pages, last = _walk(client, "/api/v1/enrolments/?cursor=&page_size=4")

    assert [enrolment for page in pages for enrolment in page] == expected
    assert _walk_back(client, last) == pages


def test_a_cursor_walks_certificates_issued_on_the_same_day(api_client_for):
    for _ in range(5):
        CertificateFactory(issued_on=datetime.date(2026, 6, 1))
    CertificateFactory(issued_on=datetime.date(2026, 7, 1))
    client = api_client_for("viewer")
    expected = _page_numbered_ids(client, "/api/v1/certificates/")

    pages, last = _walk(client, "/api/v1/certificates/?cursor=&page_size=2")

    assert [certificate for page in pages for certificate in page] == expected
    assert _walk_back(client, last) == pages


def _cursor(payload: object) -> str:
    return base64.urlsafe_b64encode(json.dumps(payload).encode()).decode().rstrip("=")


@pytest.mark.parametrize(
    "cursor",
    [
        "not-a-cursor",
        "%%%",
        _cursor(["n", ["Aliyev"]]),  # too few values
        _cursor(["x", ["Aliyev", "Anar", 1]]),
        _cursor(["n", ["Aliyev", "Anar", 2**70]]),
        _cursor(["n", ["Ali\x00yev", "Anar", 1]]),
        _cursor(["n", ["Aliyev", "Anar", "one"]]),
        _cursor(["n", [["Aliyev"], "Anar", 1]]),
        _cursor({"n": 1}),
    ],
)
def test_a_cursor_the_list_did_not_give_is_a_400(api_client_for, people, cursor):
    response = api_client_for("viewer").get("/api/v1/people/", {"cursor": cursor})

    assert response.status_code == 400
    assert response.json() == {"cursor": [CURSOR_ERROR]}


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        ({"page": 2}, CURSOR_WITH_PAGE_ERROR),
        ({"ordering": "created_at"}, CURSOR_WITH_ORDERING_ERROR),
    ],
)
def test_a_cursor_with_page_numbers_or_another_order_is_a_400(
    api_client_for, people, extra, message
):
    response = api_client_for("viewer").get("/api/v1/people/", {"cursor": "", **extra})

    assert response.status_code == 400
    assert response.json() == {"cursor": [message]}


def test_page_numbers_still_work_beside_cursors(api_client_for, people):
    response = api_client_for("viewer").get("/api/v1/people/", {"page": 2, "page_size": 3})

    assert response.status_code == 200
    assert response.json()["count"] == len(people)
    assert "page=3" in response.json()["next"]


@pytest.mark.parametrize("resource", CURSOR_LISTS)
def test_the_schema_documents_the_cursor_beside_page_numbers(api_client, resource):
    schema = api_client.get("/api/schema/?format=json").json()

    parameters = {
        parameter["name"]: parameter
        for parameter in schema["paths"][f"/api/v1/{resource}/"]["get"]["parameters"]
    }
    assert {"cursor", "page", "page_size"} <= set(parameters)
    assert "keyset" in parameters["cursor"]["description"]


def test_only_the_long_lists_offer_a_cursor(api_client):
    schema = api_client.get("/api/schema/?format=json").json()

    offering = {
        path
        for path, operations in schema["paths"].items()
        if any(p["name"] == "cursor" for p in operations.get("get", {}).get("parameters", []))
    }
    assert offering == {f"/api/v1/{resource}/" for resource in CURSOR_LISTS}


@pytest.mark.parametrize("resource", CURSOR_LISTS)
def test_a_deep_cursor_page_runs_the_queries_of_the_first(api_client_for, resource):
    for _ in range(6):
        CertificateFactory()
    client = api_client_for("superuser")
    pages_read = []
    url = f"/api/v1/{resource}/?cursor=&page_size=2"
    while url:
        with CaptureQueriesContext(connection) as captured:
            response = client.get(url)
        pages_read.append(len(captured))
        url = response.json()["next"]

    assert len(pages_read) >= 3
    assert set(pages_read) == {pages_read[0]}
