"""Whose code a list's time is spent in: the project's, Django's ORM, DRF, the driver.

Run from the project's root, in a throw-away database of ``--scale`` people, or with
``--reuse`` on the configured one (as ``list_endpoints.py --reuse`` fills it):

    DEBUG=true DATABASE_URL=sqlite:////tmp/bench.sqlite3 \\
        .venv/bin/python benchmarks/list_profile.py --reuse [--only people,enrolments]

Each list's first page (``?page_size=100``) and its floor are asked ``--requests`` times
under ``cProfile``, after warm-ups. Every function's own time (not what it calls) is given
to the code it belongs to, by its file: the project (``apps/``, ``trainingdb/``), the
floor (``benchmarks/``), Django's ORM (``django/db/``), the rest of Django, DRF,
django-filter, knox, the database and its driver (``sqlite3``, which runs SQLite's work
in-process, and ``psycopg``, which waits for PostgreSQL's), orjson, and other libraries.
Python's built-in functions and standard library are given to the code that called them
(``" ".join`` in a model's property is the project's time).

A profiler adds a cost to every call, so code that makes many small calls weighs more
here than on the clock: read the shares, not the milliseconds, and compare them with
``list_endpoints.py`` and ``list_overhead.py``. Freeing a request's objects is counted in
the function that drops the last reference to them: for the endpoints that is often a
middleware (django-simple-history's, among "other libraries"). Prints markdown tables.
"""

import argparse
import cProfile
import pstats
import sysconfig
from collections import defaultdict
from typing import Any

from common import markdown_table, pin_to_one_core
from list_report import load, machine
from list_setup import (
    PAGE_SIZE,
    add_data_arguments,
    chosen_lists,
    clients,
    django_setup,
    endpoints_asked,
    floor_urlconf,
    measured_database,
)

OWNERS = (
    ("project", ("/apps/", "/trainingdb/")),
    ("floor", ("/benchmarks/",)),
    ("Django ORM", ("/django/db/",)),
    ("DRF", ("/rest_framework/",)),
    ("django-filter", ("/django_filters/",)),
    ("knox", ("/knox/",)),
    # The database's own work is timed inside the driver's calls: SQLite runs in-process.
    ("database and driver", ("/psycopg/", "/psycopg_binary/", "sqlite3", "CursorWrapper.execute")),
    ("orjson", ("orjson",)),
    ("Django, other", ("/django/",)),
)
COLUMNS = [owner for owner, _marks in OWNERS] + ["other libraries", "Python"]
STANDARD_LIBRARY = sysconfig.get_paths()["stdlib"]


def owner_of(function: tuple[str, int, str]) -> str:
    """Whose code a profiled function is; "Python" for built-ins and the standard library."""
    filename, _line, name = function
    where = filename if filename != "~" else name
    for owner, marks in OWNERS:
        if any(mark in where for mark in marks):
            return owner
    if filename == "~" or filename.startswith(STANDARD_LIBRARY) or filename.startswith("<"):
        return "Python"
    return "other libraries"


def shares(profile: cProfile.Profile) -> dict[str, float]:
    """Seconds of own time per owner; Python's own time goes to its callers' owners."""
    stats = pstats.Stats(profile).stats  # type: ignore[attr-defined]
    seconds: dict[str, float] = defaultdict(float)
    for function, (_calls, _primitive, own, _cumulative, callers) in stats.items():
        owner = owner_of(function)
        if owner != "Python" or not callers:
            seconds[owner] += own
            continue
        # Split among the callers by the time each spent in it, to the first caller that is
        # not Python itself (a standard-library function called by another, or by itself).
        total = sum(entry[2] for entry in callers.values()) or 1.0
        for caller, entry in callers.items():
            seconds[first_owner(caller, stats)] += own * entry[2] / total
    return seconds


def first_owner(function: tuple[str, int, str], stats: dict[Any, Any], depth: int = 0) -> str:
    owner = owner_of(function)
    if owner != "Python" or depth > 8 or function not in stats:
        return owner
    callers = stats[function][4]
    if not callers:
        return owner
    caller = max(callers, key=lambda found: callers[found][2])
    return first_owner(caller, stats, depth + 1)


def profiled(get: Any, url: str, requests: int, warm_up: int) -> tuple[float, dict[str, float]]:
    for _ in range(warm_up):
        get(url)
    profile = cProfile.Profile()
    profile.enable()
    for _ in range(requests):
        get(url)
    profile.disable()
    seconds = shares(profile)
    return sum(seconds.values()) / requests * 1000, seconds


def row(label: str, who: str, total: float, seconds: dict[str, float]) -> list[str]:
    whole = sum(seconds.values()) or 1.0
    return [label, who, f"{total:.1f}"] + [
        f"{100 * seconds.get(owner, 0.0) / whole:.0f}" for owner in COLUMNS
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=100, help="profiled requests per list")
    parser.add_argument("--warm-up", type=int, default=5, help="unprofiled requests first")
    add_data_arguments(parser)
    arguments = parser.parse_args()

    django_setup()
    from django.test.utils import override_settings, setup_test_environment

    names = chosen_lists(parser, arguments.only)
    load_before = load()
    pinned = pin_to_one_core()
    setup_test_environment(debug=False)
    rows = []
    with measured_database(arguments.scale, arguments.reuse) as data:
        asking = clients()
        with override_settings(ROOT_URLCONF=floor_urlconf()):
            for endpoint in endpoints_asked(names, asking):
                get = asking[endpoint.who].get
                for label, url in (
                    (f"/{endpoint.name}/", endpoint.path(1)),
                    (f"/{endpoint.name}/ floor", endpoint.floor_path(1)),
                ):
                    total, seconds = profiled(
                        get, url, arguments.requests, max(1, arguments.warm_up)
                    )
                    rows.append(row(label, endpoint.who, total, seconds))
    about = machine(load_before)
    print(f"## Whose code a list's time is spent in ({about['database']}, {pinned})\n")
    print(markdown_table(["list", "as", "ms a request, profiled", *COLUMNS], rows))
    print(
        f"\nPer cent of each request's profiled time, first page of ?page_size={PAGE_SIZE}, "
        f"{arguments.requests} requests through Django's test client with DEBUG off. Own time "
        "of each function, by the code it belongs to; the standard library's and built-ins' "
        "time goes to their callers. A profiler weighs many small calls more than the clock "
        "does: compare shares, not milliseconds.\n"
    )
    print(f"Data: {data}.\n")
    print("## Machine\n")
    print(markdown_table(list(about), [list(about.values())]))


if __name__ == "__main__":
    main()
