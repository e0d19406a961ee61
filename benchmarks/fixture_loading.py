"""How fast ``load_records`` loads a large fixture, side by side with ``loaddata``.

Run from the project's root:

    DEBUG=true .venv/bin/python benchmarks/fixture_loading.py [--records 10000] [--runs 3]

Writes one JSON fixture with natural keys (organisations in a hierarchy, programmes, courses,
people, enrolments; 10,000 records by default), then loads it into a throw-away test database
(SQLite in memory, or ``test_<name>`` on PostgreSQL), emptied before each load, with:

- Django's own ``loaddata``, without the project's raw-save receivers (the floor);
- the project's ``loaddata``: each record validated and given its history row;
- ``load_records``: every record checked first, then saved in bulk with its history.

The aim: ``load_records`` within 3× Django's own ``loaddata``. Prints a markdown table.
"""

import argparse
import io
import json
import os
import platform
import statistics
import sys
import tempfile
import time
import uuid
from pathlib import Path

from common import markdown_table

PROJECT_ROOT = Path(__file__).resolve().parent.parent
AIM = 3.0  # × Django's own loaddata


def django_setup() -> None:
    sys.path.insert(0, str(PROJECT_ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "trainingdb.settings")
    import django

    django.setup()


def fixture(records: int) -> list[dict]:
    """``records`` records in the proportions 10 organisations, 5 programmes, 15 courses,
    40 people and 30 enrolments per 100, parents first (as ``loaddata`` needs)."""
    share = {
        name: records * part // 100
        for name, part in (
            ("organisations", 10),
            ("programmes", 5),
            ("courses", 15),
            ("people", 40),
        )
    }
    share["enrolments"] = records - sum(share.values())
    top = max(1, share["organisations"] // 10)
    rows: list[dict] = []
    for number in range(share["organisations"]):
        rows.append(
            {
                "model": "organisations.organisation",
                "fields": {
                    "slug": f"organisation-{number:06d}",
                    "name_en": f"Organisation {number}",
                    "kind": "other",
                    "country": "AZ",
                    "parent": [f"organisation-{number % top:06d}"] if number >= top else None,
                },
            }
        )
    for number in range(share["programmes"]):
        rows.append(
            {
                "model": "programmes.programme",
                "fields": {
                    "slug": f"programme-{number:06d}",
                    "kind": "ipcp",
                    "title_en": f"Cooperation programme {number}",
                    "partner": [f"organisation-{number % share['organisations']:06d}"],
                    "nato_side": [f"organisation-{(number + 1) % share['organisations']:06d}"],
                    "start_year": 2026,
                    "end_year": 2027,
                    "status": "in_force",
                },
            }
        )
    for number in range(share["courses"]):
        rows.append(
            {
                "model": "courses.course",
                "fields": {
                    "slug": f"course-{number:06d}",
                    "programme": [f"programme-{number % share['programmes']:06d}"],
                    "title_en": f"Course {number}",
                    "city": "Baku",
                    "country": "AZ",
                    "start_date": "2026-03-02",
                    "start_precision": "day",
                    "end_date": "2026-03-06",
                    "end_precision": "day",
                    "status": "held",
                    "delivered_by": [f"organisation-{number % share['organisations']:06d}"],
                },
            }
        )
    uids = [str(uuid.UUID(int=number + 1)) for number in range(share["people"])]
    for number, uid in enumerate(uids):
        rows.append(
            {
                "model": "people.person",
                "fields": {
                    "uid": uid,
                    "family_name": f"Family {number}",
                    "given_names": "Given",
                    "service": "army",
                    "nationality": "AZ",
                    "email": f"person{number}@example.org",
                },
            }
        )
    for number in range(share["enrolments"]):
        rows.append(
            {
                "model": "enrolments.enrolment",
                "fields": {
                    "course": [f"course-{number % share['courses']:06d}"],
                    "person": [uids[number % len(uids)]],
                    "status": "confirmed",
                    "nominated_on": "2026-01-15",
                },
            }
        )
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--records", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=3)
    arguments = parser.parse_args()
    django_setup()

    from django.core.management import call_command
    from django.core.management.commands import loaddata as django_loaddata
    from django.db import connection
    from django.db.models.signals import post_save, pre_save
    from django.test.utils import setup_test_environment

    from apps.core.fixtures import connect_fixture_receivers

    setup_test_environment(debug=False)
    database = connection.creation.create_test_db(verbosity=0, autoclobber=True)
    folder = Path(tempfile.mkdtemp())
    path = folder / "bench_records.json"
    path.write_text(json.dumps(fixture(arguments.records)), encoding="utf-8")

    def django_own() -> None:
        pre_save.disconnect(dispatch_uid="apps.core.fixtures.before_raw_save")
        post_save.disconnect(dispatch_uid="apps.core.fixtures.after_raw_save")
        try:
            call_command(django_loaddata.Command(), str(path), verbosity=0)
        finally:
            connect_fixture_receivers()

    loaders = {
        "Django's own loaddata": django_own,
        "loaddata (validated, with history)": lambda: call_command(
            "loaddata", str(path), verbosity=0
        ),
        "load_records": lambda: call_command(
            "load_records", str(path), verbosity=0, stdout=io.StringIO()
        ),
    }
    times: dict[str, list[float]] = {name: [] for name in loaders}
    try:
        for _run in range(arguments.runs):
            for name, load in loaders.items():
                call_command("flush", interactive=False, verbosity=0)
                started = time.perf_counter()
                load()
                times[name].append(time.perf_counter() - started)
    finally:
        connection.creation.destroy_test_db(database, verbosity=0)
    floor = statistics.median(times["Django's own loaddata"])
    rows = []
    for name, measured in times.items():
        median = statistics.median(measured)
        rows.append(
            [
                name,
                f"{median:.2f} s",
                f"{arguments.records / median:,.0f}/s",
                f"{median / floor:.2f}×",
            ]
        )
    print(
        f"\n{arguments.records:,} records in one file, median of {arguments.runs} runs, "
        f"{connection.vendor}, a fresh database each load\n"
    )
    print(markdown_table(["loader", "median", "records", "× Django's loaddata"], rows))
    ratio = statistics.median(times["load_records"]) / floor
    print(
        f"\nload_records: {ratio:.2f}× (aim ≤ {AIM:.0f}×): {'met' if ratio <= AIM else 'NOT met'}"
    )
    print(
        f"Python {platform.python_version()}, {os.cpu_count()} cores, load {os.getloadavg()[0]:.1f}"
    )


if __name__ == "__main__":
    main()
