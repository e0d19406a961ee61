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
import datetime
import gc
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
import warnings
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from common import markdown_table

PROJECT_ROOT = Path(__file__).resolve().parent.parent
AIM = 3.0  # × the floor
MEMORY_AIM_MB = 150

# Names as the partners' ministries write them: Azerbaijani Latin, Cyrillic and passports.
# Three groups of family names that fold apart (``fold_name``): every day of a birth date is
# given to one row of each group at most, so that no two rows are one person.
FAMILY_NAMES = (
    (
        "Əliyev", "Алиев", "ALIYEV", "Məmmədov", "Мамедов", "MAMMADOV", "Hüseynov",
        "Гусейнов", "HUSEYNOV", "Həsənov", "Гасанов", "HASANOV", "Quliyev", "Кулиев",
    ),
    (
        "Qasımov", "Гасымов", "Cəfərov", "Джафаров", "JAFAROV", "Abbasov", "Аббасов",
        "Bağırov", "Багиров", "Rzayev", "Рзаев", "Kərimov", "Керимов", "Ціпко",
    ),
    (
        "Vəliyev", "Велиев", "İsmayılov", "Исмаилов", "ISMAYILOV", "Nəsirov", "Насиров",
        "Süleymanov", "Сулейманов", "Beridze", "Беридзе", "Shevchenko", "Шевченко", "Popescu",
    ),
)  # fmt: skip
GIVEN_NAMES = (
    "Rəşad", "Рашад", "RASHAD", "Elvin", "Эльвин", "Tural", "Турал", "Orxan", "Орхан",
    "ORKHAN", "Elçin", "Эльчин", "Fərid", "Фарид", "Kamran", "Камран", "Samir", "Самир",
    "Anar", "Анар", "Nicat", "Ниджат", "Ceyhun", "Джейхун", "Ruslan", "Руслан", "Emin",
    "Эмин", "Elnur", "Эльнур", "Şahin", "Шахин", "Giorgi", "Levan", "Олена", "Andrei",
)  # fmt: skip
PATRONYMICS = ("Vaqif oğlu", "Рафикович", "", "Tofiq oğlu", "", "Ахмедович", "")
RANKS = ("Major", "Captain", "Подполковник", "Lieutenant", "Капитан", "COLONEL")
SERVICES = ("armée de terre", "army", "marine", "air force", "interarmées", "civil")
NATIONALITIES = ("AZ", "Azerbaijan", "Azerbaïdjan", "AZE", "GE", "Ukraine", "Géorgie")
STATUSES = ("nominé", "nominated", "confirmé", "confirmed")
HEADER = (
    "Nom;Prénoms;Patronyme;Grade;Armée;Unité;Organisation;Nationalité;Date de naissance;"
    "Courriel;Statut"
)
# Birth dates: from here, one day after the other; the register's people were born before
# it, so that none of them is matched.
FIRST_BIRTH_DATE = datetime.date(1955, 1, 1)
BIRTH_DAYS = 18_000
MOST_ROWS = BIRTH_DAYS * len(FAMILY_NAMES)
ORGANISATION = "MODAZ"


def django_setup() -> None:
    sys.path.insert(0, str(PROJECT_ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "trainingdb.settings")
    import django

    django.setup()
    warnings.filterwarnings("ignore", "No directory at", UserWarning)


def participants(rows: int) -> Iterator[dict[str, str]]:
    """``rows`` participants as a nomination list writes them: no two the same person."""
    assert rows <= MOST_ROWS, f"at most {MOST_ROWS:,} rows"
    for number in range(rows):
        families = FAMILY_NAMES[number // BIRTH_DAYS]
        family = families[number % len(families)]
        given = GIVEN_NAMES[(number // 7) % len(GIVEN_NAMES)]
        birth_date = FIRST_BIRTH_DATE + datetime.timedelta(days=number % BIRTH_DAYS)
        yield {
            "family_name": family,
            "given_names": given,
            "patronymic": PATRONYMICS[number % len(PATRONYMICS)],
            "rank": RANKS[number % len(RANKS)],
            "service": SERVICES[number % len(SERVICES)],
            "unit": f"Logistics Battalion {number % 40 + 1}",
            "nationality": NATIONALITIES[number % len(NATIONALITIES)],
            "birth_date": birth_date.strftime("%d/%m/%Y" if number % 2 else "%Y-%m-%d"),
            "email": f"participant{number}@mod.example.az" if number % 3 == 0 else "",
            "status": STATUSES[number % len(STATUSES)],
        }


def nomination_csv(rows: int) -> bytes:
    lines = [HEADER]
    for row in participants(rows):
        lines.append(
            ";".join(
                [
                    row["family_name"],
                    row["given_names"],
                    row["patronymic"],
                    row["rank"],
                    row["service"],
                    row["unit"],
                    ORGANISATION,
                    row["nationality"],
                    row["birth_date"],
                    row["email"],
                    row["status"],
                ]
            )
        )
    return ("\ufeff" + "\r\n".join(lines) + "\r\n").encode("utf-8")


def typed_participants(rows: int) -> list[dict[str, Any]]:
    """The same participants with their values typed, as the floor writes them."""
    from apps.imports.columns import CELL_READERS, DATE_FIELDS

    readers = {**CELL_READERS, **DATE_FIELDS}
    return [
        {
            name: readers[name](value) if name in readers else value
            for name, value in row.items()
            if value
        }
        for row in participants(rows)
    ]


def register_fill(people: int) -> Any:
    """The register the file is matched against, an organisation and a programme; the
    organisation."""
    from apps.organisations.models import Organisation, OrganisationKind
    from apps.people.models import Person
    from apps.programmes.models import Programme, ProgrammeKind, ProgrammeStatus

    ministry = Organisation.objects.create(
        slug="mod-az",
        name_en="Ministry of Defence of Azerbaijan",
        acronym=ORGANISATION,
        kind=OrganisationKind.MINISTRY,
    )
    nato = Organisation.objects.create(slug="nato", name_en="NATO", kind=OrganisationKind.ALLIANCE)
    Programme.objects.create(
        slug="ipcp-2026",
        kind=ProgrammeKind.IPCP,
        title_en="IPCP 2026",
        partner=ministry,
        nato_side=nato,
        start_year=2026,
        end_year=2026,
        status=ProgrammeStatus.IN_FORCE,
    )
    born = FIRST_BIRTH_DATE - datetime.timedelta(days=people + 1)
    families = [name for group in FAMILY_NAMES for name in group]
    Person.objects.bulk_create(
        (
            Person(
                family_name=families[number % len(families)],
                given_names=GIVEN_NAMES[number % len(GIVEN_NAMES)],
                birth_date=born + datetime.timedelta(days=number),
                nationality="AZ",
            )
            for number in range(people)
        ),
        batch_size=1000,
    )
    return ministry


def course_new(number: int) -> Any:
    from apps.core.dates import DatePrecision
    from apps.courses.models import Course, CourseStatus
    from apps.programmes.models import Programme

    return Course.objects.create(
        slug=f"logistics-planning-{number}",
        programme=Programme.objects.get(slug="ipcp-2026"),
        title_en=f"Logistics Planning in NATO ({number})",
        city="Baku",
        country="AZ",
        start_date=datetime.date(2026, 3, 2),
        start_precision=DatePrecision.DAY,
        end_date=datetime.date(2026, 3, 6),
        end_precision=DatePrecision.DAY,
        status=CourseStatus.HELD,
    )


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


def memory_child(rows: int, dry_run: bool) -> None:
    """In a process of its own: import ``rows`` rows and print what the process grew by."""
    django_setup()
    from django.core.files.base import ContentFile
    from django.db import connection
    from django.test.utils import setup_test_environment

    from apps.imports.services import enrolments_import

    setup_test_environment(debug=False)
    folder = tempfile.mkdtemp()
    test = connection.settings_dict.setdefault("TEST", {})
    if connection.vendor == "sqlite":
        # A file, not memory: an in-memory database would count in the process's size.
        test["NAME"] = os.path.join(folder, "memory.sqlite3")
    else:
        test["NAME"] = f"test_{connection.settings_dict['NAME']}_memory"
    database = connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        register_fill(0)
        course = course_new(0)
        upload = ContentFile(nomination_csv(rows), name="nominations.csv")
        gc.collect()
        before = _status_kb("VmRSS")
        exact = _peak_reset()
        started = time.perf_counter()
        report = enrolments_import(course=course, upload=upload, dry_run=dry_run)
        seconds = time.perf_counter() - started
        assert not report.refused, report.errors[:3]
        peak = _status_kb("VmHWM") if exact else _maxrss_kb()
        del report
    finally:
        connection.creation.destroy_test_db(database, verbosity=0)
    print(json.dumps({"growth_kb": peak - before, "seconds": seconds, "exact": exact}))


def _status_kb(field: str) -> int:
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith(f"{field}:"):
                return int(line.split()[1])
    raise LookupError(field)


def _peak_reset() -> bool:
    """Reset the process's peak resident size (Linux ≥ 4.0); whether it could."""
    try:
        with open("/proc/self/clear_refs", "w", encoding="ascii") as clear_refs:
            clear_refs.write("5")
    except OSError:
        return False
    return True


def _maxrss_kb() -> int:
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def memory(rows: int) -> list[list[str]]:
    table = []
    for dry_run in (True, False):
        command = [sys.executable, __file__, "--memory-child", str(rows)]
        if dry_run:
            command.append("--dry-run")
        output = subprocess.run(
            command, check=True, capture_output=True, text=True, cwd=PROJECT_ROOT
        ).stdout
        measured = json.loads(output.strip().splitlines()[-1])
        growth = measured["growth_kb"] / 1024
        table.append(
            [
                f"{rows:,} rows, {'dry run' if dry_run else 'applied'}",
                f"{growth:.0f} MB" + ("" if measured["exact"] else " (peak of the process)"),
                f"{measured['seconds']:.1f} s",
                "met" if growth < MEMORY_AIM_MB else "NOT met",
            ]
        )
    return table


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
