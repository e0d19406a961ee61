"""The list benchmarks' report: the machine, and markdown tables to paste into an issue."""

import os
import platform
from pathlib import Path
from typing import Any

from common import markdown_table
from list_setup import PAGE_SIZE, Endpoint

BUDGET = 2.0  # × floor
LAST_PAGE_BUDGET = 1.5  # × the first page


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
    print(f"Data: {notes['data']}.\n")
    print("## Machine\n")
    print(markdown_table(list(about), [list(about.values())]))
