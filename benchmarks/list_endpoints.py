"""How fast the API's lists are, against a floor: each list is held to 2× the floor's time.

Run from the project's root:

    DEBUG=true .venv/bin/python benchmarks/list_endpoints.py [--scale 10000] [--requests 30]
    DEBUG=true DATABASE_URL=sqlite:////tmp/bench.sqlite3 \
        .venv/bin/python benchmarks/list_endpoints.py --reuse --scale 100000

Every list endpoint that the API's routers register is asked for ``?page_size=100``, its
first page and its last, through Django's test client, and so is its floor
(``list_floors``): a plain Django view that answers the same JSON document (the same rows,
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
import math
import statistics
import time
from collections.abc import Callable
from typing import Any

from common import percentile, pin_to_one_core
from list_report import load, machine, print_tables
from list_setup import (
    API_PREFIX,
    PAGE_SIZE,
    Endpoint,
    add_data_arguments,
    chosen_lists,
    clients,
    django_setup,
    endpoints_asked,
    floor_urlconf,
    list_endpoints,
    measured_database,
)


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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--requests", type=int, default=30, help="timed requests per page (default 30)"
    )
    parser.add_argument("--warm-up", type=int, default=3, help="untimed requests first")
    add_data_arguments(parser)
    arguments = parser.parse_args()
    if arguments.scale < 10 or arguments.requests < 1:
        parser.error("--scale needs at least 10 and --requests at least 1")

    django_setup()
    from django.test.utils import override_settings, setup_test_environment
    from list_floors import FLOORS

    missing = [name for name in list_endpoints() if name not in FLOORS]
    if missing:
        raise SystemExit(f"No floor for {', '.join(missing)}: write one in list_floors/")
    names = chosen_lists(parser, arguments.only)

    load_before = load()
    pinned = pin_to_one_core()
    # DEBUG off while timing, as Django's test runner and production have it (with it on,
    # every query is also logged).
    setup_test_environment(debug=False)
    with measured_database(arguments.scale, arguments.reuse) as data:
        asking = clients()
        chosen_endpoints = endpoints_asked(names, asking)
        with override_settings(ROOT_URLCONF=floor_urlconf()):
            results = {
                endpoint: measure(
                    endpoint,
                    asking[endpoint.who].get,
                    requests=arguments.requests,
                    warm_up=max(1, arguments.warm_up),
                )
                for endpoint in chosen_endpoints
            }
        notes = {
            "pinned": pinned,
            "requests": arguments.requests,
            "warm_up": max(1, arguments.warm_up),
            "data": data,
        }
        about = machine(load_before)
    print_tables(results, about, notes)


if __name__ == "__main__":
    main()
