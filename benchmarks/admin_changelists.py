"""The admin's changelists of people, enrolments and certificates against the same list
through the API: each is held to 3× the API's time, with a constant number of queries.

Run from the project's root, in a throw-away database of ``--scale`` people, or with
``--reuse`` on the configured one
(as ``list_endpoints.py --reuse`` fills it):

    DEBUG=true DATABASE_URL=sqlite:////tmp/bench.sqlite3 \\
        .venv/bin/python benchmarks/admin_changelists.py --reuse [--requests 20]

A superuser asks for the first page of each changelist (100 rows, the admin's page) and for
the API's first page of 100 (with a token), alternately, through Django's test client with
DEBUG off. Prints the medians, the queries of each, and the changelist's slowest queries:
where its time goes besides rendering its template.
"""

import argparse
import logging
import math
import statistics
from typing import Any

from common import markdown_table, percentile, pin_to_one_core
from list_endpoints import timed
from list_report import load, machine
from list_setup import (
    API_PREFIX,
    BENCH_USER,
    PAGE_SIZE,
    add_data_arguments,
    django_setup,
    measured_database,
    superuser_token,
)

BUDGET = 3.0  # × the API
CHANGELISTS = {
    "people": "people.person",
    "enrolments": "enrolments.enrolment",
    "certificates": "certificates.certificate",
}
ADMIN_PAGE = 100  # rows on a changelist's page (Django's list_per_page)


def captured(get: Any, url: str) -> list[dict[str, str]]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        response = get(url)
    if response.status_code != 200:
        raise SystemExit(f"{url} answered {response.status_code}")
    return queries.captured_queries


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=20, help="timed requests per page")
    parser.add_argument("--slowest", type=int, default=3, help="slowest queries shown per list")
    add_data_arguments(parser, only=False)
    arguments = parser.parse_args()

    django_setup()
    from django.apps import apps
    from django.contrib.auth import get_user_model
    from django.test import Client
    from django.test.utils import override_settings, setup_test_environment

    logging.getLogger("axes").setLevel(logging.WARNING)  # the benchmark's own login
    load_before = load()
    pinned = pin_to_one_core()
    setup_test_environment(debug=False)
    with measured_database(arguments.scale, arguments.reuse) as data:
        token = superuser_token()
        api = Client(HTTP_AUTHORIZATION=f"Token {token}")
        staff = Client()
        staff.force_login(get_user_model().objects.get(username=BENCH_USER))
        rows, slow = [], []
        # The admin's second factor is asked of staff in production; here the login is enough.
        with override_settings(REQUIRE_2FA=False):
            for name, label in CHANGELISTS.items():
                model = apps.get_model(label)
                changelist = f"/admin/{label.replace('.', '/')}/"
                last = max(1, math.ceil(model.objects.count() / ADMIN_PAGE))
                list_url = f"{API_PREFIX}{name}/?page_size={PAGE_SIZE}"
                admin_queries = captured(staff.get, changelist)
                api_queries = captured(api.get, list_url)
                last_queries = captured(staff.get, f"{changelist}?p={last}")
                for _ in range(3):
                    staff.get(changelist)
                    api.get(list_url)

                def get(url: str, list_url: str = list_url) -> Any:
                    return (api if url == list_url else staff).get(url)

                admin_times, api_times = timed(get, [changelist, list_url], arguments.requests)
                admin_p50, api_p50 = statistics.median(admin_times), statistics.median(api_times)
                rows.append(
                    [
                        name,
                        f"{len(admin_queries)} / {len(last_queries)}",
                        f"{admin_p50:.1f} ({percentile(admin_times, 0.95):.1f})",
                        f"{len(api_queries)}",
                        f"{api_p50:.1f} ({percentile(api_times, 0.95):.1f})",
                        f"{admin_p50 / api_p50:.2f}",
                        "yes" if admin_p50 <= BUDGET * api_p50 else "**no**",
                    ]
                )
                for query in sorted(admin_queries, key=lambda q: -float(q["time"]))[
                    : arguments.slowest
                ]:
                    sql = " ".join(query["sql"].split())  # one line in the table
                    slow.append([name, f"{float(query['time']) * 1000:.1f}", sql[:160]])
    about = machine(load_before)
    print(f"## Admin changelists against the API ({about['database']}, {pinned})\n")
    header = [
        "list",
        "admin queries (first / last page)",
        "admin p50 ms (p95)",
        "API queries",
        "API p50 ms (p95)",
        "admin × API",
        f"within {BUDGET:g}×",
    ]
    print(markdown_table(header, rows))
    print(f"\nMedians of {arguments.requests} requests each, alternately, after 3 warm-ups.\n")
    print("### The changelists' slowest queries (one request, first page)\n")
    print(markdown_table(["list", "ms", "SQL (start)"], slow))
    print(f"\nData: {data}.")
    print("\n## Machine\n")
    print(markdown_table(list(about), [list(about.values())]))


if __name__ == "__main__":
    main()
