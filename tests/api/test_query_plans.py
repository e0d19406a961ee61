"""On PostgreSQL the long lists and their common filters read an index, not the whole table.

The queries are the ones the API really runs (captured from a request), explained by
PostgreSQL's planner over a register of a few thousand people with fresh statistics
(``ANALYZE``), so that it chooses as it would on a live database.
"""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from apps.core.api.pagination import encode_cursor, sort_keys
from apps.demo.services import demo_data_generate
from apps.people.api.views import PersonViewSet
from apps.people.models import Person

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's planner"),
]

WHOLE_PEOPLE_LIST = 'WHERE "people_person"."merged_into_id" IS NULL'
TABLES = ["people_person", "enrolments_enrolment", "certificates_certificate", "courses_course"]
# Rows written to a GIN index wait in its pending list until (auto)vacuum merges them, and
# the planner prices a long pending list high; a live database has it merged.
GIN_INDEXES = ["people_person_full_name_trgm", "people_person_email_upper_trgm"]


@pytest.fixture
def register():
    """About 4,000 people, 4,200 enrolments and 2,400 certificates, as autovacuum leaves them."""
    demo_data_generate(scale=4000, seed=5)
    with connection.cursor() as cursor:
        for index in GIN_INDEXES:
            cursor.execute("SELECT gin_clean_pending_list(%s::regclass)", [index])
        for table in TABLES:
            cursor.execute(f"ANALYZE {table}")


def _plans(client, url: str) -> list[tuple[str, str]]:
    """Each query the request ran on the register's tables, with PostgreSQL's plan for it.

    A ``COUNT(*)`` of a whole table reads every row whatever the indexes: left out, and so
    is the count of the people list's current people (those not merged into another), which
    are nearly all of them.
    """
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, response.content[:300]
    assert response.json()["results"]
    found = []
    for query in captured.captured_queries:
        sql = query["sql"]
        if not any(table in sql for table in TABLES):
            continue
        if sql.startswith("SELECT COUNT(*)") and (
            " WHERE " not in sql or sql.endswith(WHOLE_PEOPLE_LIST)
        ):
            continue
        with connection.cursor() as cursor:
            cursor.execute(f"EXPLAIN {sql}")
            found.append((sql, "\n".join(row[0] for row in cursor.fetchall())))
    return found


def _assert_no_scan_of(table: str, plans: list[tuple[str, str]]) -> None:
    assert plans
    for sql, plan in plans:
        assert f"Seq Scan on {table}" not in plan, f"{sql}\n{plan}"
    assert any(
        "Index Scan using" in plan or "Index Only Scan" in plan or "Bitmap Index Scan" in plan
        for _sql, plan in plans
    )


def _a_family_name() -> str:
    return Person.objects.order_by("id").values_list("family_name", flat=True)[1000]


@pytest.mark.parametrize(
    ("url", "table"),
    [
        ("/api/v1/people/?page_size=100", "people_person"),
        ("/api/v1/people/?page_size=100&nationality=GE", "people_person"),
        ("/api/v1/enrolments/?page_size=100", "enrolments_enrolment"),
        ("/api/v1/certificates/?page_size=100", "certificates_certificate"),
    ],
)
def test_a_long_list_in_its_default_order_reads_an_index(register, api_client_for, url, table):
    _assert_no_scan_of(table, _plans(api_client_for("superuser"), url))


def test_a_search_of_people_by_name_reads_the_folded_name_index(register, api_client_for):
    url = f"/api/v1/people/?page_size=100&search={_a_family_name()}"

    plans = _plans(api_client_for("superuser"), url)

    _assert_no_scan_of("people_person", plans)
    assert any("people_person_full_name_trgm" in plan for _sql, plan in plans)


def test_a_search_of_people_by_the_start_of_a_name_reads_an_index(register, api_client_for):
    url = f"/api/v1/people/?page_size=100&search={_a_family_name()[:4]}"

    _assert_no_scan_of("people_person", _plans(api_client_for("superuser"), url))


def test_a_deep_cursor_page_of_people_reads_an_index_from_the_cursor(register, api_client_for):
    queryset = PersonViewSet.queryset
    record = queryset[queryset.count() - 101]
    url = f"/api/v1/people/?page_size=100&cursor={encode_cursor(record, sort_keys(queryset))}"

    plans = _plans(api_client_for("superuser"), url)

    _assert_no_scan_of("people_person", plans)
    page = next(plan for sql, plan in plans if "LIMIT" in sql and "COUNT" not in sql)
    # The index is entered at the cursor, not read from the start and filtered.
    assert any(
        "Index Cond" in line and "(family_name)::text >=" in line for line in page.splitlines()
    ), page
