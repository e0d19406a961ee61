"""How fast the API's lists are, against a floor: each list is held to 2× the floor's time.

Run from the project's root:

    DEBUG=true .venv/bin/python benchmarks/list_endpoints.py [--scale 10000] [--requests 30]
    DEBUG=true DATABASE_URL=sqlite:////tmp/bench.sqlite3 \
        .venv/bin/python benchmarks/list_endpoints.py --reuse --scale 100000

Every list endpoint that the API's routers register is asked for ``?page_size=100``, its
first page and its last, through Django's test client, and so is its floor
(``list_floors.py``): a plain Django view that answers the same JSON document (the same rows,
nested records, keys, values and links) from raw SQL and orjson. Before anything is timed,
the two bodies are parsed and compared; a difference stops the run. Public lists are asked
anonymously and, where a token changes the answer (a course's trainers), with a superuser's
token too; personal lists with the token. Both go through the same client, middleware and
headers, alternately, after warm-ups. The budget: each list's median within 2× its floor's.

Without ``--reuse`` the data is made in a throw-away test database (SQLite in memory, or
``test_<name>`` on PostgreSQL) and dropped afterwards; with it, the configured database is
used as it is and filled first only when it holds no people, so the data of a large
``--scale`` is made once and measured many times.

Prints markdown tables (paste them into the issue).
"""

import argparse
import gc
import json
import logging
import math
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
LAST_PAGE_BUDGET = 1.5  # × the first page
PAGE_SIZE = 100
API_PREFIX = "/api/v1/"
FLOOR_PREFIX = "/__floor__/"
URLCONF = "benchmarks_list_endpoints_urls"
BENCH_USER = "bench"


@dataclass(frozen=True)
class Endpoint:
    """A list endpoint, and who asks for it (``anonymous`` or ``token``)."""

    name: str
    who: str

    def path(self, page: int) -> str:
        return f"{API_PREFIX}{self.name}/?page={page}&page_size={PAGE_SIZE}"

    def floor_path(self, page: int) -> str:
        return f"{FLOOR_PREFIX}{self.name}/?page={page}&page_size={PAGE_SIZE}"


def django_setup() -> None:
    sys.path.insert(0, str(PROJECT_ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "trainingdb.settings")
    import django

    django.setup()
    # WhiteNoise looks for collected static files, which the API does not need.
    warnings.filterwarnings("ignore", "No directory at", UserWarning)
    # Asking a personal list anonymously, to see that it is one, logs a warning.
    logging.getLogger("django.request").setLevel(logging.ERROR)


def list_endpoints() -> list[str]:
    """Every resource the API's routers register (each has a list), in the API root's order."""
    from trainingdb.urls import API_URLCONFS

    return [
        prefix for urlconf in API_URLCONFS for prefix, _viewset, _name in urlconf.router.registry
    ]


def cursor_urls(name: str) -> tuple[str, str] | None:
    """The first page through a cursor and the last (its cursor made from the row before it),
    for a list that offers cursors."""
    from apps.core.api.pagination import CursorOrPageNumberPagination, encode_cursor, sort_keys
    from trainingdb.urls import API_URLCONFS

    viewset = next(
        viewset
        for urlconf in API_URLCONFS
        for prefix, viewset, _name in urlconf.router.registry
        if prefix == name
    )
    if not issubclass(viewset.pagination_class, CursorOrPageNumberPagination):
        return None
    queryset = viewset.queryset
    total = queryset.count()
    if total <= PAGE_SIZE:
        return None
    before_last = queryset[total - PAGE_SIZE - 1]
    cursor = encode_cursor(before_last, sort_keys(queryset))
    first = f"{API_PREFIX}{name}/?cursor=&page_size={PAGE_SIZE}"
    return first, f"{API_PREFIX}{name}/?cursor={cursor}&page_size={PAGE_SIZE}"


def analyse() -> str:
    """Planner statistics as a live database of this kind has them; says which.

    PostgreSQL's autovacuum gathers them (and the visibility map that lets COUNT(*) read the
    index alone). SQLite has none unless someone runs ANALYZE: it is measured as it is.
    """
    from django.db import connection

    if connection.vendor != "postgresql":
        return "no ANALYZE"
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")
    return "VACUUM ANALYZE"


def token_can_view_trainers(request: Any) -> bool:
    """The floor's authentication: the token's user, read with raw SQL, as DRF would.

    The benchmark's token belongs to a superuser, who holds every permission.
    """
    from django.contrib.auth import get_user_model
    from django.db import connection
    from knox.crypto import hash_token
    from knox.settings import CONSTANTS

    header = request.headers.get("Authorization", "")
    if not header.startswith("Token "):
        return False
    token = header.removeprefix("Token ")
    users = connection.ops.quote_name(get_user_model()._meta.db_table)
    with connection.cursor() as cursor:
        # As knox does: the token's first characters find its row, its digest must match.
        cursor.execute(
            f"SELECT u.is_active, u.is_superuser, t.digest FROM knox_authtoken t "
            f"JOIN {users} u ON u.id = t.user_id WHERE t.token_key = %s",
            [token[: CONSTANTS.TOKEN_KEY_LENGTH]],
        )
        found = next((row for row in cursor.fetchall() if row[2] == hash_token(token)), None)
    return bool(found and found[0] and found[1])


def floor_urlconf() -> str:
    """A URL module: the floors' plain view beside the project's own URLs.

    Built here, in memory, so the benchmark changes nothing in the project.
    """
    import orjson
    from django.http import HttpRequest, HttpResponse
    from django.urls import path
    from list_floors import FLOORS, Ask

    from trainingdb import urls as project_urls

    def floor(request: HttpRequest, name: str) -> HttpResponse:
        ask = Ask(
            page=int(request.GET.get("page", 1)),
            page_size=int(request.GET.get("page_size", 25)),
            list_url=request.build_absolute_uri(f"{API_PREFIX}{name}/"),
            query=dict(request.GET.items()),
            api_root=request.build_absolute_uri(API_PREFIX),
            can_view_trainers=token_can_view_trainers(request),
        )
        body = orjson.dumps(FLOORS[name](ask), option=orjson.OPT_NAIVE_UTC | orjson.OPT_UTC_Z)
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

    user, _created = get_user_model().objects.get_or_create(
        username=BENCH_USER, defaults={"is_staff": True, "is_superuser": True}
    )
    _record, token = AuthToken.objects.create(user=user)
    return token


def body(get: Callable[[str], Any], url: str) -> dict[str, Any]:
    response = get(url)
    if response.status_code != 200:
        raise SystemExit(f"{url} answered {response.status_code}: {response.content[:300]!r}")
    return json.loads(response.content)


def first_difference(api: Any, floor: Any, where: str = "") -> str:
    """Where two parsed bodies first differ, for the message that stops the run."""
    if isinstance(api, dict) and isinstance(floor, dict):
        if api.keys() != floor.keys():
            return f"{where}: keys {sorted(api.keys() ^ floor.keys())} in one only"
        for key in api:
            if api[key] != floor[key]:
                return first_difference(api[key], floor[key], f"{where}.{key}")
    if isinstance(api, list) and isinstance(floor, list):
        if len(api) != len(floor):
            return f"{where}: {len(api)} items against {len(floor)}"
        for index, (one, other) in enumerate(zip(api, floor, strict=True)):
            if one != other:
                return first_difference(one, other, f"{where}[{index}]")
    return f"{where}: {api!r} against {floor!r}"


def checked_pair(endpoint: Endpoint, get: Callable[[str], Any], page: int) -> dict[str, Any]:
    api = body(get, endpoint.path(page))
    floor = body(get, endpoint.floor_path(page))
    if api != floor:
        raise SystemExit(
            f"/{endpoint.name}/ page {page} ({endpoint.who}): the floor's body differs from "
            f"the endpoint's at {first_difference(api, floor)}"
        )
    return api


def timed(get: Callable[[str], Any], urls: list[str], requests: int) -> list[list[float]]:
    """Each URL ``requests`` times, in turns whose order rotates; milliseconds per URL."""
    times: list[list[float]] = [[] for _ in urls]
    gc.collect()
    for number in range(requests):
        for offset in range(len(urls)):
            index = (number + offset) % len(urls)
            started = time.perf_counter()
            get(urls[index])
            times[index].append((time.perf_counter() - started) * 1000)
    return times


def queries_of(get: Callable[[str], Any], url: str) -> tuple[int, int]:
    """The queries one request runs, and the bytes it answers."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        size = len(get(url).content)
    return len(captured), size


def measure(
    endpoint: Endpoint, get: Callable[[str], Any], *, requests: int, warm_up: int
) -> dict[str, Any]:
    """First and last page of the endpoint and of its floor, checked equal, then timed."""
    first = checked_pair(endpoint, get, 1)
    last_page = max(1, math.ceil(first["count"] / PAGE_SIZE))
    checked_pair(endpoint, get, last_page)
    urls = [
        endpoint.path(1),
        endpoint.floor_path(1),
        endpoint.path(last_page),
        endpoint.floor_path(last_page),
    ]
    for _ in range(warm_up):
        for url in urls:
            get(url)
    api_queries, api_bytes = queries_of(get, urls[0])
    floor_queries, _floor_bytes = queries_of(get, urls[1])
    last_queries, _last_bytes = queries_of(get, urls[2])
    api, floor, api_last, floor_last = timed(get, urls, requests)
    cursors = {}
    found = cursor_urls(endpoint.name)
    if found:
        deep = body(get, found[1])
        if len(deep["results"]) != PAGE_SIZE or deep["next"] is not None:
            raise SystemExit(f"/{endpoint.name}/: the last cursor page is not the list's end")
        for url in found:
            get(url)
        cursor_queries = [queries_of(get, url)[0] for url in found]
        first_cursor, last_cursor = timed(get, list(found), requests)
        cursors = {
            "cursor queries": cursor_queries,
            "cursor p50": statistics.median(first_cursor),
            "cursor last p50": statistics.median(last_cursor),
        }
    return {
        **cursors,
        "rows": first["count"],
        "bytes": api_bytes,
        "queries": api_queries,
        "last queries": last_queries,
        "floor queries": floor_queries,
        "p50": statistics.median(api),
        "p95": percentile(api, 0.95),
        "floor p50": statistics.median(floor),
        "floor p95": percentile(floor, 0.95),
        "last p50": statistics.median(api_last),
        "floor last p50": statistics.median(floor_last),
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
    import orjson
    import rest_framework

    usable = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else "?"
    processor = platform.processor() or platform.machine()
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.exists():
        for line in cpuinfo.read_text().splitlines():
            if line.startswith("model name"):
                processor = line.split(":", 1)[1].strip()
                break
    return {
        "processor": processor,
        "cores": f"{os.cpu_count()} (usable now: {usable})",
        "load (1 min) before / after": f"{load_before} / {load()}",
        "python": platform.python_version(),
        "django / drf / orjson": f"{django.get_version()} / {rest_framework.VERSION} / "
        f"{orjson.__version__}",
        "database": database_description(),
        "platform": platform.platform(),
    }


def who_asks(name: str, anonymous: Any, superuser: Any) -> list[str]:
    """Anonymously if the list is public, and with the token too when that changes its body."""
    from django.test.utils import override_settings

    with override_settings(ROOT_URLCONF=floor_urlconf()):
        public = anonymous.get(f"{API_PREFIX}{name}/?page_size={PAGE_SIZE}")
        if public.status_code != 200:
            return ["token"]
        with_token = superuser.get(f"{API_PREFIX}{name}/?page_size={PAGE_SIZE}")
    same = json.loads(public.content) == json.loads(with_token.content)
    return ["anonymous"] if same else ["anonymous", "token"]


def fill_if_empty(scale: int, reuse: bool) -> tuple[str, str]:
    """Fills the database (unless reused and filled already); what it holds, and how long."""
    from apps.people.models import Person

    if reuse and Person.objects.exists():
        return "reused as found", analyse()
    started = time.perf_counter()
    fill(scale)
    gathered = analyse()
    return f"filled in {time.perf_counter() - started:.1f} s", gathered


def held() -> str:
    from apps.certificates.models import Certificate
    from apps.courses.models import Course
    from apps.enrolments.models import Enrolment
    from apps.people.models import Person

    return ", ".join(
        f"{model.objects.count():,} {model._meta.verbose_name_plural}"
        for model in (Person, Enrolment, Certificate, Course)
    )


def print_tables(
    results: dict[Endpoint, dict[str, Any]], about: dict[str, str], notes: dict[str, Any]
) -> None:
    print(f"## List endpoints against their floor ({about['database']}, {notes['pinned']})\n")
    print(
        markdown_table(
            [
                "endpoint",
                "as",
                "rows",
                "KiB",
                "queries",
                "p50 ms",
                "p95 ms",
                "floor p50",
                "floor p95",
                "× floor",
                "last page p50",
                "last × first",
                "last page × floor",
                f"within {BUDGET:g}×",
            ],
            [
                [
                    f"/{endpoint.name}/",
                    endpoint.who,
                    f"{result['rows']:,}",
                    f"{result['bytes'] / 1024:.1f}",
                    f"{result['queries']} / {result['last queries']} ({result['floor queries']})",
                    f"{result['p50']:.1f}",
                    f"{result['p95']:.1f}",
                    f"{result['floor p50']:.1f}",
                    f"{result['floor p95']:.1f}",
                    f"{result['p50'] / result['floor p50']:.2f}",
                    f"{result['last p50']:.1f}",
                    f"{result['last p50'] / result['p50']:.2f}",
                    f"{result['last p50'] / result['floor last p50']:.2f}",
                    "yes" if result["p50"] <= BUDGET * result["floor p50"] else "**no**",
                ]
                for endpoint, result in results.items()
            ],
        )
    )
    with_cursor = {endpoint: r for endpoint, r in results.items() if "cursor p50" in r}
    if with_cursor:
        print("\n### Cursor (keyset) pages\n")
        print(
            markdown_table(
                [
                    "endpoint",
                    "as",
                    "queries",
                    "first page p50 ms",
                    "last page p50 ms",
                    "last × first",
                    f"within {LAST_PAGE_BUDGET:g}×",
                ],
                [
                    [
                        f"/{endpoint.name}/",
                        endpoint.who,
                        " / ".join(str(number) for number in result["cursor queries"]),
                        f"{result['cursor p50']:.1f}",
                        f"{result['cursor last p50']:.1f}",
                        f"{result['cursor last p50'] / result['cursor p50']:.2f}",
                        "yes"
                        if result["cursor last p50"] <= LAST_PAGE_BUDGET * result["cursor p50"]
                        else "**no**",
                    ]
                    for endpoint, result in with_cursor.items()
                ],
            )
        )
    within = sum(r["p50"] <= BUDGET * r["floor p50"] for r in results.values())
    print(
        f"\n{within} of {len(results)} within {BUDGET:g}× on the first page. Medians of "
        f"{notes['requests']} requests of ?page_size={PAGE_SIZE} each (first page and last, "
        f"endpoint and floor in rotating turns), after {notes['warm_up']} warm-up; through "
        "Django's test client with DEBUG off. Queries: first page / last page (floor). The "
        "floor answers the same JSON document (checked equal, parsed, on both pages before "
        "timing) from raw SQL and orjson in a plain view behind the same middleware. The test "
        "client keeps the database connection between requests: connecting (CONN_MAX_AGE=0) "
        "is not measured.\n"
    )
    print(f"Data: {notes['held']}; {notes['filled']} ({notes['statistics']}).\n")
    print("## Machine\n")
    print(markdown_table(list(about), [list(about.values())]))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--scale", type=int, default=10_000, help="people in the demonstration data (default 10000)"
    )
    parser.add_argument(
        "--requests", type=int, default=30, help="timed requests per page (default 30)"
    )
    parser.add_argument("--warm-up", type=int, default=3, help="untimed requests first")
    parser.add_argument(
        "--only", default="", help="comma-separated endpoints, e.g. courses,enrolments"
    )
    parser.add_argument(
        "--reuse",
        action="store_true",
        help="measure the configured database as it is (fill it only if it holds no people)",
    )
    arguments = parser.parse_args()
    if arguments.scale < 10 or arguments.requests < 1:
        parser.error("--scale needs at least 10 and --requests at least 1")

    django_setup()
    from django.db import connection
    from django.test import Client
    from django.test.utils import override_settings, setup_test_environment
    from list_floors import FLOORS

    names = list_endpoints()
    missing = [name for name in names if name not in FLOORS]
    if missing:
        raise SystemExit(f"No floor for {', '.join(missing)}: write one in list_floors.py")
    if arguments.only:
        chosen = set(arguments.only.split(","))
        unknown = chosen - set(names)
        if unknown:
            parser.error(f"unknown endpoints: {', '.join(sorted(unknown))}")
        names = [name for name in names if name in chosen]

    load_before = load()
    pinned = pin_to_one_core()
    # DEBUG off while timing, as Django's test runner and production have it (with it on,
    # every query is also logged).
    setup_test_environment(debug=False)
    database = None
    if not arguments.reuse:
        database = connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        filled, statistics_gathered = fill_if_empty(arguments.scale, arguments.reuse)
        token = superuser_token()
        anonymous = Client()
        superuser = Client(HTTP_AUTHORIZATION=f"Token {token}")
        clients = {"anonymous": anonymous, "token": superuser}
        chosen_endpoints = [
            Endpoint(name, who) for name in names for who in who_asks(name, anonymous, superuser)
        ]
        with override_settings(ROOT_URLCONF=floor_urlconf()):
            results = {
                endpoint: measure(
                    endpoint,
                    clients[endpoint.who].get,
                    requests=arguments.requests,
                    warm_up=max(1, arguments.warm_up),
                )
                for endpoint in chosen_endpoints
            }
        notes = {
            "pinned": pinned,
            "requests": arguments.requests,
            "warm_up": max(1, arguments.warm_up),
            "held": held(),
            "filled": filled,
            "statistics": statistics_gathered,
        }
        about = machine(load_before)
    finally:
        if database is not None:
            connection.creation.destroy_test_db(database, verbosity=0)
    print_tables(results, about, notes)


if __name__ == "__main__":
    main()
