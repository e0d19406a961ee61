"""How fast a large enrolment import is, against a floor, and how much memory it takes.

Run from the project's root:

    DEBUG=true .venv/bin/python benchmarks/enrolment_import.py [--rows 5000] [--runs 3]

In a throw-away test database (SQLite in memory, or ``test_<name>`` on PostgreSQL when
``DATABASE_URL`` names one) holding a register of ``--register`` people (10,000 by default)
whose names come from the same pools as the file's but who were born earlier (so that matching
reads real candidates and matches none of them), one course is given a CSV of ``--rows`` new
participants: Azerbaijani Latin, Cyrillic and passport spellings, every column filled in the
ways registrars write them (French and English words, country names and codes).

Timed, median of ``--runs``, a fresh course each run:

- the floor: the same people and enrolments, their values already in memory (typed, the
  organisation found), written with ``bulk_create`` in one transaction, folded names included
  (the models' own ``bulk_create`` folds them);
- the floor with history: the same, with their history rows written in bulk too
  (django-simple-history's ``bulk_create_with_history``), as an import must;
- ``enrolments_import``, dry run and applied;
- the same file imported again into the course (every row unchanged), dry run and applied.

The aim: the dry run and the applied import each within 3× the floor.

Memory: in a subprocess of its own each (a fresh interpreter, a database of its own: SQLite in a
temporary file, or ``test_<name>_memory``), ``--memory-rows`` rows (50,000 by default) are
imported, dry run and applied; the growth of the process is its peak resident set size during
the import (Linux's ``VmHWM``, reset just before) less its size just before. The aim: under
150 MB.

Prints markdown tables.
"""

import argparse
import gc
import os
import platform
import statistics
import time
from collections.abc import Callable
from typing import Any

from common import django_setup, markdown_table
from import_data import course_new, nomination_csv, register_fill, typed_participants
from import_memory import MEMORY_AIM_MB, memory, memory_child

AIM = 3.0  # × the floor


class Marks:
    """The highest ids before a run, so that what it wrote can be deleted after it."""

    def __init__(self) -> None:
        self.models = self._models()
        self.ids = {model: self._top(model) for model in self.models}

    @staticmethod
    def _models() -> list[Any]:
        from apps.enrolments.models import Enrolment
        from apps.imports.models import ImportBatch
        from apps.people.models import Person

        # Children first.
        return [
            Enrolment.history.model,
            Enrolment,
            ImportBatch,
            Person.history.model,
            Person,
        ]

    @staticmethod
    def _top(model: Any) -> int:
        return model.objects.order_by("-pk").values_list("pk", flat=True).first() or 0

    def forget(self) -> None:
        for model in self.models:
            model.objects.filter(pk__gt=self.ids[model])._raw_delete(model.objects.db)


def floor(
    course: Any, organisation: Any, typed: list[dict[str, Any]], *, history: bool
) -> Callable[[], None]:
    from django.db import transaction
    from simple_history.utils import bulk_create_with_history

    from apps.enrolments.models import Enrolment
    from apps.imports.services import BATCH_SIZE
    from apps.people.models import Person

    def run() -> None:
        people, statuses = [], []
        for values in typed:
            values = dict(values)
            statuses.append(values.pop("status"))
            people.append(Person(organisation=organisation, **values))
        with transaction.atomic():
            if history:
                bulk_create_with_history(people, Person, batch_size=BATCH_SIZE)
            else:
                Person.objects.bulk_create(people, batch_size=BATCH_SIZE)
            enrolments = [
                Enrolment(course=course, person=person, status=status)
                for person, status in zip(people, statuses, strict=True)
            ]
            if history:
                bulk_create_with_history(enrolments, Enrolment, batch_size=BATCH_SIZE)
            else:
                Enrolment.objects.bulk_create(enrolments, batch_size=BATCH_SIZE)

    return run


def imported(course: Any, content: bytes, *, dry_run: bool) -> Callable[[], None]:
    from django.core.files.base import ContentFile

    from apps.imports.services import enrolments_import

    def run() -> None:
        report = enrolments_import(
            course=course, upload=ContentFile(content, name="nominations.csv"), dry_run=dry_run
        )
        assert not report.refused, report.errors[:3]

    return run


def timed(run: Callable[[], None]) -> float:
    gc.collect()
    started = time.perf_counter()
    run()
    return time.perf_counter() - started


def speed(rows: int, runs: int, register: int) -> tuple[list[list[str]], dict[str, bool]]:
    from django.db import connection

    organisation = register_fill(register)
    content = nomination_csv(rows)
    typed = typed_participants(rows)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    times: dict[str, list[float]] = {}

    def measure(name: str, run: Callable[[], None], *, forget: bool) -> None:
        marks = Marks()
        times.setdefault(name, []).append(timed(run))
        if forget:
            marks.forget()

    for number in range(runs):
        course = course_new(number)
        for name, history in (("floor: bulk_create", False), ("floor with history", True)):
            measure(name, floor(course, organisation, typed, history=history), forget=True)
        measure("import, dry run", imported(course, content, dry_run=True), forget=False)
        measure("import, applied", imported(course, content, dry_run=False), forget=False)
        # The same file again: every row unchanged.
        again = imported(course, content, dry_run=True)
        measure("same file again, dry run", again, forget=False)
        measure("same file again, applied", imported(course, content, dry_run=False), forget=True)
        _forget_course(course)

    bare = statistics.median(times["floor: bulk_create"])
    with_history = statistics.median(times["floor with history"])
    table = []
    for name, seconds in times.items():
        median = statistics.median(seconds)
        table.append(
            [
                name,
                f"{median:.2f} s",
                f"{max(seconds):.2f} s",
                f"{rows / median:,.0f}/s",
                f"{median / bare:.2f}×",
                f"{median / with_history:.2f}×",
            ]
        )
    verdicts = {
        name: statistics.median(times[name]) <= AIM * bare
        for name in ("import, dry run", "import, applied")
    }
    return table, verdicts


def _forget_course(course: Any) -> None:
    """Everything a run wrote into ``course``: its enrolments, their people, the history."""
    from apps.enrolments.models import Enrolment
    from apps.imports.models import ImportBatch
    from apps.people.models import Person

    people = list(Enrolment.objects.filter(course=course).values_list("person_id", flat=True))
    for model, lookup, values in (
        (Enrolment.history.model, "course_id", [course.pk]),
        (Enrolment, "course_id", [course.pk]),
        (ImportBatch, "course_id", [course.pk]),
    ):
        model.objects.filter(**{f"{lookup}__in": values})._raw_delete(model.objects.db)
    for start in range(0, len(people), 500):
        chunk = people[start : start + 500]
        for model in (Person.history.model, Person):
            model.objects.filter(id__in=chunk)._raw_delete(model.objects.db)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=5_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--register", type=int, default=10_000, help="people already recorded")
    parser.add_argument("--memory-rows", type=int, default=50_000)
    parser.add_argument("--memory-child", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--dry-run", action="store_true", help=argparse.SUPPRESS)
    arguments = parser.parse_args()
    if arguments.memory_child:
        memory_child(arguments.memory_child, arguments.dry_run)
        return

    django_setup()
    from django.db import connection
    from django.test.utils import setup_test_environment

    setup_test_environment(debug=False)
    database = connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        table, verdicts = speed(arguments.rows, arguments.runs, arguments.register)
    finally:
        connection.creation.destroy_test_db(database, verbosity=0)
    vendor = connection.vendor
    print(
        f"\n{arguments.rows:,} new participants in one CSV file for one course, "
        f"{arguments.register:,} people recorded already, median of {arguments.runs} runs, "
        f"{vendor}\n"
    )
    print(
        markdown_table(
            ["what", "median", "slowest", "rows", "× floor", "× floor with history"], table
        )
    )
    print()
    for name, met in verdicts.items():
        print(f"{name}: within {AIM:.0f}× the floor: {'met' if met else 'NOT met'}")
    if arguments.memory_rows:
        print(f"\nMemory: the process's growth while importing, {vendor}\n")
        print(
            markdown_table(
                ["what", "peak growth", "time", f"aim < {MEMORY_AIM_MB} MB"],
                memory(arguments.memory_rows),
            )
        )
    print(
        f"\nPython {platform.python_version()}, {os.cpu_count()} cores, "
        f"load {os.getloadavg()[0]:.1f}"
    )


if __name__ == "__main__":
    main()
