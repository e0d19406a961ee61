"""On PostgreSQL the long changelists find their filters' choices (nationalities, years,
months) by probing an index, not by reading the whole table.

The queries are the ones the admin really runs (captured from a request), explained by
PostgreSQL's planner over a register of a few thousand people with fresh statistics.
"""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from apps.demo.services import demo_data_generate

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's planner"),
]

TABLES = ["people_person", "enrolments_enrolment", "certificates_certificate"]


@pytest.fixture
def register(settings):
    """About 3,000 people, 3,300 enrolments and 2,000 certificates, analysed."""
    settings.SESSION_ENGINE = "django.contrib.sessions.backends.db"
    demo_data_generate(scale=3000, seed=5)
    with connection.cursor() as cursor:
        for table in TABLES:
            cursor.execute(f"ANALYZE {table}")


def _choice_plans(client, url: str) -> dict[str, str]:
    """The plan of each query the request ran to find a filter's choices."""
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    plans = {}
    for query in captured.captured_queries:
        if query["sql"].lstrip().startswith("WITH RECURSIVE"):
            with connection.cursor() as cursor:
                # Run, not only planned: PostgreSQL 15 shows the recursive probe's plan then.
                cursor.execute(f"EXPLAIN (ANALYZE, COSTS OFF) {query['sql']}")
                plans[query["sql"]] = "\n".join(row[0] for row in cursor.fetchall())
    return plans


@pytest.mark.parametrize(
    ("url", "table", "queries"),
    [
        # Nationalities and organisations.
        ("/admin/people/person/", "people_person", 2),
        # The years, and the chosen year's months.
        ("/admin/enrolments/enrolment/?nominated_on__year=2025", "enrolments_enrolment", 2),
        # The years, the chosen year's months, and the issuers.
        ("/admin/certificates/certificate/?issued_on__year=2025", "certificates_certificate", 3),
    ],
)
def test_a_filters_choices_are_found_in_an_index(admin_client, register, url, table, queries):
    plans = _choice_plans(admin_client, url)

    assert len(plans) == queries
    for sql, plan in plans.items():
        assert f"Seq Scan on {table}" not in plan, f"{sql}\n{plan}"
        # Both probes, the first one and the recursive one, read an index of the table.
        probes = re.findall(rf"Index (?:Only )?Scan (?:Backward )?using \S+ on {table}\b", plan)
        assert len(probes) == 2, f"{sql}\n{plan}"
