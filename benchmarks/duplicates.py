"""How long finding the possible duplicates of the whole register takes.

Run from the project's root:

    DEBUG=true .venv/bin/python benchmarks/duplicates.py [--scale 100000] [--runs 5]

In a throw-away test database (SQLite in memory, or ``test_<name>`` on PostgreSQL when
``DATABASE_URL`` names one) filled with the demonstration data of ``--scale`` people, made
harder than the generator makes it: one person in ten loses their birth date, and one in a
hundred gets a second record (in capitals, half of them with a letter of the given name
mistyped). Times ``duplicate_pairs()`` (the whole register, one query) and the first page of
``GET /api/v1/people/duplicates/`` (as a superuser), median and slowest of ``--runs``.

Prints a markdown table.
"""

import argparse
import os
import platform
import statistics
import sys
import time
import warnings
from collections import Counter
from pathlib import Path

from common import markdown_table
from list_data import fill

PROJECT_ROOT = Path(__file__).resolve().parent.parent


def django_setup() -> None:
    sys.path.insert(0, str(PROJECT_ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "trainingdb.settings")
    import django

    django.setup()
    warnings.filterwarnings("ignore", "No directory at", UserWarning)


def harden(step_undated: int = 10, step_copied: int = 100) -> None:
    """Unknown birth dates and second records, as registers typed by hand have them."""
    from apps.people.models import Person

    ids = list(Person.objects.order_by("pk").values_list("pk", flat=True))
    Person.objects.filter(pk__in=ids[::step_undated]).update(birth_date=None)
    copies = []
    chosen = Person.objects.filter(pk__in=ids[5::step_copied]).order_by("pk")
    for number, person in enumerate(chosen):
        given = person.given_names.upper()
        if number % 2 and len(given) > 3:
            given = given[:-2] + "A" + given[-1]
        copies.append(
            Person(
                family_name=person.family_name.upper(),
                given_names=given,
                birth_date=person.birth_date,
                nationality=person.nationality,
            )
        )
    Person.objects.bulk_create(copies, batch_size=1000)


def timed(function, runs: int) -> list[float]:
    seconds = []
    for _run in range(runs):
        started = time.perf_counter()
        function()
        seconds.append(time.perf_counter() - started)
    return seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=int, default=100_000, help="people (default 100000)")
    parser.add_argument("--runs", type=int, default=5, help="timed runs (default 5)")
    arguments = parser.parse_args()

    django_setup()
    from django.contrib.auth import get_user_model
    from django.db import connection
    from django.test import Client
    from django.test.utils import setup_test_environment

    from apps.people.duplicates import duplicate_pairs
    from apps.people.models import Person

    setup_test_environment(debug=False)
    database = connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        fill(arguments.scale)
        harden()
        people = Person.objects.count()
        pairs = duplicate_pairs()
        user = get_user_model().objects.create_superuser("benchmark", password=None)
        client = Client()
        client.force_login(user)

        def first_page() -> None:
            response = client.get("/api/v1/people/duplicates/?page_size=100")
            assert response.status_code == 200, response.status_code

        first_page()  # warm-up
        rows = []
        for name, function in (
            ("duplicate_pairs()", duplicate_pairs),
            ("GET /api/v1/people/duplicates/?page_size=100", first_page),
        ):
            seconds = timed(function, arguments.runs)
            rows.append(
                [
                    name,
                    f"{statistics.median(seconds):.2f} s",
                    f"{max(seconds):.2f} s",
                ]
            )
    finally:
        connection.creation.destroy_test_db(database, verbosity=0)

    reasons = Counter(pair.reason.value for pair in pairs)
    print(
        f"{people:,} people ({connection.vendor}), {len(pairs):,} pairs: "
        + ", ".join(f"{reason} {count:,}" for reason, count in sorted(reasons.items()))
    )
    print(f"Python {platform.python_version()}, {os.cpu_count()} cores, load {os.getloadavg()}")
    print()
    print(markdown_table(["what", "median", "slowest"], rows))


if __name__ == "__main__":
    main()
