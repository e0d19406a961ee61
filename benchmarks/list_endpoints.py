"""How fast the API's lists are, against a floor: each list is held to 2× the floor's time.

Run from the project's root:

    DEBUG=true .venv/bin/python benchmarks/list_endpoints.py [--scale 10000] [--requests 60]

In a throw-away test database (SQLite in memory, or ``test_<name>`` on PostgreSQL when
``DATABASE_URL`` names one) filled with the demonstration data of ``--scale`` people (and the
enrolments, certificates, courses … that ``generate_demo_data`` makes with them), every list
endpoint is asked for ``?page_size=100`` through Django's test client, and so is its floor: a plain
Django view that fetches the same table's first 100 rows (its own columns) and its
``COUNT(*)`` with raw SQL and answers ``json.dumps`` of them. Both go through the same client,
middleware and headers, alternately, after warm-ups; each is timed ``--requests`` times.
The budget: each list's median within 2× its floor's.

Prints markdown tables (paste them into the issue).
"""

import argparse
import gc
import json
import os
import platform
import statistics
import sys
import time
import types
import warnings
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from common import markdown_table, percentile, pin_to_one_core
from list_data import fill

PROJECT_ROOT = Path(__file__).resolve().parent.parent
BUDGET = 2.0  # × floor
PAGE_SIZE = 100
FLOOR_PREFIX = "/__floor__/"
URLCONF = "benchmarks_list_endpoints_urls"
# Every date in the data is fixed, so that two runs serve the same pages.


@dataclass(frozen=True)
class Endpoint:
    """A list endpoint, and how its floor reads the same table.

    ``floor_order`` is the endpoint's ordering on the table's own columns; where the endpoint
    orders by a joined table's column, the floor orders by the id (the floor has no joins).
    """

    name: str
    model: str  # "app_label.ModelName"
    personal: bool  # needs the view permission: asked with a superuser's token
    floor_order: tuple[Any, ...]

    @property
    def path(self) -> str:
        return f"/api/v1/{self.name}/?page_size={PAGE_SIZE}"

    @property
    def floor_path(self) -> str:
        return f"{FLOOR_PREFIX}{self.name}/"


def endpoints() -> list[Endpoint]:
    from django.db.models import F

    return [
        Endpoint("organisations", "organisations.Organisation", False, ("name_en", "id")),
        Endpoint("programmes", "programmes.Programme", False, ("-start_year", "title_en", "id")),
        Endpoint(
            "courses",
            "courses.Course",
            False,
            (F("start_date").desc(nulls_last=True), "title_en", "id"),
        ),
        Endpoint("course-parts", "courses.CoursePart", False, ("course_id", "position")),
        Endpoint(
            "sources",
            "sources.Source",
            False,
            (F("published_on").desc(nulls_last=True), "slug", "id"),
        ),
        Endpoint("people", "people.Person", True, ("family_name", "given_names", "id")),
        Endpoint("trainers", "people.Trainer", True, ("id",)),
        Endpoint("course-trainers", "courses.CourseTrainer", True, ("course_id", "role", "id")),
        Endpoint("enrolments", "enrolments.Enrolment", True, ("id",)),
        Endpoint("certificates", "certificates.Certificate", True, ("-issued_on", "serial", "id")),
    ]


def django_setup() -> None:
    sys.path.insert(0, str(PROJECT_ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "trainingdb.settings")
    import django

    django.setup()
    # WhiteNoise looks for collected static files, which the API does not need.
    warnings.filterwarnings("ignore", "No directory at", UserWarning)


def analyse() -> str:
    """Planner statistics as a live database of this kind has them; says which.

    PostgreSQL's autovacuum gathers them (and the visibility map that lets COUNT(*) read the
    index alone). SQLite has none unless someone runs ANALYZE, and with them its planner
    scans the whole table for the certificates' ``superseded_by`` join (its index holds
    only NULLs): the certificates list turns quadratic. So SQLite is measured as it is.
    """
    from django.db import connection

    if connection.vendor != "postgresql":
        return "no ANALYZE"
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")
    return "VACUUM ANALYZE"


def floor_queries(endpoint_list: list[Endpoint]) -> dict[str, tuple[str, list, str]]:
    """Per endpoint: the page's SQL and parameters, and the count's SQL.

    Written by the ORM once, here, so that the SQL suits the database; executed raw.
    """
    from django.apps import apps
    from django.db import connection

    found = {}
    for endpoint in endpoint_list:
        model = apps.get_model(endpoint.model)
        columns = [field.attname for field in model._meta.concrete_fields]
        page = model._base_manager.order_by(*endpoint.floor_order).values(*columns)[:PAGE_SIZE]
        sql, params = page.query.sql_with_params()
        table = connection.ops.quote_name(model._meta.db_table)
        found[endpoint.name] = (sql, list(params), f"SELECT COUNT(*) FROM {table}")
    return found


def floor_urlconf(queries: dict[str, tuple[str, list, str]]) -> str:
    """A URL module: the floor's plain view beside the project's own URLs.

    Built here, in memory, so the benchmark changes nothing in the project.
    """
    from django.db import connection
    from django.http import HttpRequest, HttpResponse
    from django.urls import path

    from trainingdb import urls as project_urls

    def floor(request: HttpRequest, name: str) -> HttpResponse:
        sql, params, count_sql = queries[name]
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            columns = [column[0] for column in cursor.description]
            results = [dict(zip(columns, row, strict=True)) for row in cursor.fetchall()]
            cursor.execute(count_sql)
            (count,) = cursor.fetchone()
        body = json.dumps({"count": count, "results": results}, default=str)
        return HttpResponse(body, content_type="application/json")

    module = types.ModuleType(URLCONF)
    module.urlpatterns = [
        path(f"{FLOOR_PREFIX.strip('/')}/<str:name>/", floor),
        *project_urls.urlpatterns,
    ]
    sys.modules[URLCONF] = module
    return URLCONF


def superuser_token() -> str:
    from django.contrib.auth import get_user_model
    from knox.models import AuthToken

    user = get_user_model().objects.create_user(
        username="bench", password=None, is_staff=True, is_superuser=True
    )
    _record, token = AuthToken.objects.create(user=user)
    return token


def checked_get(get: Callable[[str], Any], url: str) -> dict[str, Any]:
    response = get(url)
    if response.status_code != 200:
        raise SystemExit(f"{url} answered {response.status_code}: {response.content[:300]!r}")
    return json.loads(response.content)


def measure(
    endpoint: Endpoint, get: Callable[[str], Any], *, requests: int, warm_up: int
) -> dict[str, Any]:
    """The endpoint and its floor, asked alternately (which goes first alternates too)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    api = checked_get(get, endpoint.path)
    floor = checked_get(get, endpoint.floor_path)
    if api["count"] != floor["count"] or len(api["results"]) != len(floor["results"]):
        raise SystemExit(
            f"{endpoint.name}: the API and the floor disagree: {api['count']} rows "
            f"({len(api['results'])} on the page) against {floor['count']} "
            f"({len(floor['results'])})"
        )
    for _ in range(warm_up):
        get(endpoint.path)
        get(endpoint.floor_path)
    # Counted at once: the captured list is read from the connection's log, which the next
    # request clears.
    with CaptureQueriesContext(connection) as captured:
        api_bytes = len(get(endpoint.path).content)
    api_queries = len(captured)
    with CaptureQueriesContext(connection) as captured:
        floor_bytes = len(get(endpoint.floor_path).content)
    floor_query_count = len(captured)

    times: dict[str, list[float]] = {"api": [], "floor": []}
    gc.collect()
    for number in range(requests):
        order = ("api", "floor") if number % 2 == 0 else ("floor", "api")
        for which in order:
            url = endpoint.path if which == "api" else endpoint.floor_path
            started = time.perf_counter()
            get(url)
            times[which].append((time.perf_counter() - started) * 1000)
    api_p50 = statistics.median(times["api"])
    floor_p50 = statistics.median(times["floor"])
    return {
        "rows": api["count"],
        "queries": api_queries,
        "floor queries": floor_query_count,
        "p50": api_p50,
        "p95": percentile(times["api"], 0.95),
        "floor p50": floor_p50,
        "floor p95": percentile(times["floor"], 0.95),
        "ratio": api_p50 / floor_p50,
        "KiB": api_bytes / 1024,
        "floor KiB": floor_bytes / 1024,
    }


def database_description() -> str:
    from django.db import connection

    if connection.vendor == "postgresql":
        version = connection.pg_version
        return f"PostgreSQL {version // 10000}.{version % 10000}"
    if connection.vendor == "sqlite":
        import sqlite3

        where = "in memory" if connection.is_in_memory_db() else "file"
        return f"SQLite {sqlite3.sqlite_version} ({where})"
    return connection.vendor


def load() -> str:
    return f"{os.getloadavg()[0]:.2f}" if hasattr(os, "getloadavg") else "?"


def machine(load_before: str) -> dict[str, str]:
    import django
    import rest_framework

    usable = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else "?"
    return {
        "cores": f"{os.cpu_count()} (usable now: {usable})",
        "load (1 min) before / after": f"{load_before} / {load()}",
        "python": platform.python_version(),
        "django": django.get_version(),
        "drf": rest_framework.VERSION,
        "database": database_description(),
        "platform": platform.platform(),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--scale",
        type=int,
        default=10_000,
        help="people in the demonstration data (default 10000)",
    )
    parser.add_argument(
        "--requests", type=int, default=60, help="timed requests per endpoint (default 60)"
    )
    parser.add_argument("--warm-up", type=int, default=5, help="untimed requests first")
    parser.add_argument(
        "--only", default="", help="comma-separated endpoints, e.g. courses,enrolments"
    )
    arguments = parser.parse_args()
    if arguments.scale < 10 or arguments.requests < 1:
        parser.error("--scale needs at least 10 and --requests at least 1")

    django_setup()
    from django.db import connection
    from django.test import Client
    from django.test.utils import override_settings, setup_test_environment

    chosen = endpoints()
    if arguments.only:
        names = set(arguments.only.split(","))
        unknown = names - {endpoint.name for endpoint in chosen}
        if unknown:
            parser.error(f"unknown endpoints: {', '.join(sorted(unknown))}")
        chosen = [endpoint for endpoint in chosen if endpoint.name in names]

    load_before = load()
    pinned = pin_to_one_core()
    # DEBUG off while timing, as Django's test runner and production have it (with it on,
    # every query is also logged).
    setup_test_environment(debug=False)
    database = connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        started = time.perf_counter()
        counts = fill(arguments.scale)
        statistics_gathered = analyse()
        fill_seconds = time.perf_counter() - started
        token = superuser_token()
        anonymous = Client()
        superuser = Client(HTTP_AUTHORIZATION=f"Token {token}")
        with override_settings(ROOT_URLCONF=floor_urlconf(floor_queries(chosen))):
            results = {
                endpoint.name: measure(
                    endpoint,
                    (superuser if endpoint.personal else anonymous).get,
                    requests=arguments.requests,
                    warm_up=max(1, arguments.warm_up),
                )
                for endpoint in chosen
            }
        about = machine(load_before)
    finally:
        connection.creation.destroy_test_db(database, verbosity=0)

    print(f"## List endpoints against their floor ({about['database']}, {pinned})\n")
    print(
        markdown_table(
            [
                "endpoint",
                "queries",
                "p50 ms",
                "p95 ms",
                "floor p50 ms",
                "× floor",
                f"within {BUDGET:g}×",
            ],
            [
                [
                    f"/{name}/",
                    str(result["queries"]),
                    f"{result['p50']:.2f}",
                    f"{result['p95']:.2f}",
                    f"{result['floor p50']:.2f}",
                    f"{result['ratio']:.1f}",
                    "yes" if result["ratio"] <= BUDGET else "**no**",
                ]
                for name, result in results.items()
            ],
        )
    )
    within = sum(result["ratio"] <= BUDGET for result in results.values())
    print(
        f"\n{within} of {len(results)} within {BUDGET:g}×. Medians of {arguments.requests} "
        f"requests of ?page_size={PAGE_SIZE} each, after {max(1, arguments.warm_up)} warm-up; "
        "through Django's test client with DEBUG off; public lists asked anonymously, personal "
        "ones with a superuser's token. The floor: the table's own columns, first "
        f"{PAGE_SIZE} rows and COUNT(*), raw SQL, json.dumps, in a plain view behind the same "
        "middleware. The test client keeps the database connection between requests: "
        "connecting (CONN_MAX_AGE=0 in production) is not measured.\n"
    )
    print("### Pages\n")
    print(
        markdown_table(
            ["endpoint", "rows", "KiB", "floor KiB", "floor queries", "floor p95 ms"],
            [
                [
                    f"/{name}/",
                    str(result["rows"]),
                    f"{result['KiB']:.1f}",
                    f"{result['floor KiB']:.1f}",
                    str(result["floor queries"]),
                    f"{result['floor p95']:.2f}",
                ]
                for name, result in results.items()
            ],
        )
    )
    filled = ", ".join(f"{count} {name}" for name, count in counts.items())
    print(f"\nData: {filled}; filled in {fill_seconds:.1f} s ({statistics_gathered}).\n")

    print("## Machine\n")
    print(markdown_table(list(about), [list(about.values())]))


if __name__ == "__main__":
    main()
