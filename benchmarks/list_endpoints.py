"""How fast the API's lists are, against the floor that PERFORMANCE.md holds them to.

Run from the project's root:

    DEBUG=true .venv/bin/python benchmarks/list_endpoints.py [--rows 10000] [--requests 60]

In a throw-away test database (SQLite in memory, or ``test_<name>`` on PostgreSQL when
``DATABASE_URL`` names one) filled with ``--rows`` records per main table, every list endpoint
is asked for ``?page_size=100`` through Django's test client, and so is its floor: a plain
Django view that fetches the same table's first 100 rows (its own columns) and its
``COUNT(*)`` with raw SQL and answers ``json.dumps`` of them. Both go through the same client,
middleware and headers, alternately, after warm-ups; each is timed ``--requests`` times.
The budget: each list's median within 2× its floor's.

Prints markdown tables (paste them into the issue).
"""

import argparse
import datetime
import gc
import json
import math
import os
import platform
import random
import statistics
import sys
import time
import types
import uuid
import warnings
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

PROJECT_ROOT = Path(__file__).resolve().parent.parent
BUDGET = 2.0  # × floor
PAGE_SIZE = 100
SEED = 20260306
FLOOR_PREFIX = "/__floor__/"
URLCONF = "benchmarks_list_endpoints_urls"
# Every date in the data is fixed, so that two runs serve the same pages.
CREATED_AT = datetime.datetime(2026, 1, 5, 9, 30, tzinfo=datetime.UTC)


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


def pin_to_one_core() -> str:
    """Run on a single core, so the scheduler does not move the process between requests."""
    if not hasattr(os, "sched_setaffinity"):
        return "not pinned (no sched_setaffinity)"
    core = min(os.sched_getaffinity(0))
    os.sched_setaffinity(0, {core})
    return f"pinned to core {core}"


def fill(rows: int) -> dict[str, int]:
    """``rows`` organisations, programmes, courses, sources, people, enrolments, certificates.

    Each course has a programme, a delivering and an organising organisation, 2 parts, 1
    source and 1 trainer; each programme 1 source. One person in ten is a trainer. Every
    enrolment is completed and certified. Fixed seed and dates: the same data every run.
    """
    from apps.certificates.models import Certificate, CertificateStatus
    from apps.core.dates import DatePrecision
    from apps.courses.models import (
        Course,
        CoursePart,
        CoursePartKind,
        CourseStatus,
        CourseTrainer,
        TrainerRole,
    )
    from apps.enrolments.models import Enrolment, EnrolmentStatus
    from apps.organisations.models import Organisation, OrganisationKind
    from apps.people.models import Person, Service, Trainer
    from apps.programmes.models import Programme, ProgrammeKind, ProgrammeStatus
    from apps.sources.models import CourseSource, ProgrammeSource, Source, SourceKind

    rng = random.Random(SEED)
    stamps = {"created_at": CREATED_AT, "updated_at": CREATED_AT}
    countries = ["AZ", "GE", "MD", "UA", "AM", "KZ", "UZ", "JO", "TN", "MA"]
    cities = ["Baku", "Tbilisi", "Chișinău", "Kyiv", "Yerevan", "Astana", "Amman", "Tunis"]
    text = (
        "Staff officers planned the movement and sustainment of a multinational brigade, "
        "from reception and staging to onward movement, under a crisis-response scenario. "
    )

    def pick(choices: type, number: int) -> str:
        return list(choices)[number % len(choices)]

    def day(start: datetime.date, spread_days: int) -> datetime.date:
        return start + datetime.timedelta(days=rng.randrange(spread_days))

    def create(model: type, objects: list) -> list:
        return model.objects.bulk_create(objects, batch_size=2000)

    top = max(1, min(100, rows // 10))
    organisations = [
        Organisation(
            slug=f"organisation-{number:06d}",
            name_en=f"Organisation {number}",
            name_fr=f"Organisation {number} (fr)",
            acronym=f"ORG{number}",
            kind=pick(OrganisationKind, number),
            country=countries[number % len(countries)],
            website=f"https://example.org/organisation-{number}",
            serial_prefix="BENCH" if number == 0 else "",
            **stamps,
        )
        for number in range(rows)
    ]
    create(Organisation, organisations[:top])
    for number, organisation in enumerate(organisations[top:], start=top):
        organisation.parent = organisations[number % top]
    create(Organisation, organisations[top:])

    programmes = create(
        Programme,
        [
            Programme(
                slug=f"programme-{number:06d}",
                kind=pick(ProgrammeKind, number),
                title_en=f"Cooperation programme {number}",
                title_fr=f"Programme de coopération {number}",
                partner=organisations[number],
                nato_side=organisations[(number + 1) % rows],
                start_year=2000 + number % 26,
                end_year=2001 + number % 26,
                status=pick(ProgrammeStatus, number),
                description_en=text,
                description_fr=text,
                **stamps,
            )
            for number in range(rows)
        ],
    )
    courses = []
    for number in range(rows):
        start = day(datetime.date(2000, 1, 1), 27 * 365)
        courses.append(
            Course(
                slug=f"course-{number:06d}",
                programme=programmes[number],
                title_en=f"Logistics planning {number}",
                title_fr=f"Planification logistique {number}",
                pcm_activity=f"PCM-{number:06d}",
                city=cities[number % len(cities)],
                country=countries[number % len(countries)],
                start_date=start,
                start_precision=DatePrecision.DAY,
                end_date=start + datetime.timedelta(days=4),
                end_precision=DatePrecision.DAY,
                delivered_by=organisations[(number * 7) % rows],
                organised_by=organisations[number],
                status=CourseStatus.HELD,
                summary_en=text,
                summary_fr=text,
                outcome_en=text,
                certificates_awarded=True,
                **stamps,
            )
        )
    create(Course, courses)
    create(
        CoursePart,
        [
            CoursePart(
                course=course,
                position=position,
                kind=pick(CoursePartKind, position),
                title_en=f"Lesson {position}",
                title_fr=f"Leçon {position}",
                scenario_en="Crisis response",
                description_en=text,
                audience_en="Staff officers",
            )
            for course in courses
            for position in (1, 2)
        ],
    )

    def source(number: int, reported_from: Source | None) -> Source:
        known = number % 10 != 0
        return Source(
            slug=f"source-{number:06d}",
            kind=pick(SourceKind, number),
            publisher=organisations[number],
            title=f"Course {number} announced",
            language="en",
            published_on=day(datetime.date(2000, 1, 1), 27 * 365) if known else None,
            published_precision=DatePrecision.DAY if known else DatePrecision.UNKNOWN,
            url=f"https://example.org/news/{number}",
            excerpt=text,
            reported_from=reported_from,
            **stamps,
        )

    # Half of the sources are originals; the other half each report one of them.
    originals = create(Source, [source(number, None) for number in range(rows - rows // 2)])
    reports = create(
        Source,
        [
            source(number, originals[number % len(originals)])
            for number in range(len(originals), rows)
        ],
    )
    sources = originals + reports
    create(
        CourseSource,
        [CourseSource(course=c, source=s) for c, s in zip(courses, sources, strict=True)],
    )
    create(
        ProgrammeSource,
        [ProgrammeSource(programme=p, source=s) for p, s in zip(programmes, sources, strict=True)],
    )

    people = create(
        Person,
        [
            Person(
                uid=uuid.UUID(int=rng.getrandbits(128), version=4),
                family_name=f"Əliyev{number:06d}",
                given_names="Şəhriyar",
                patronymic="Ağa oğlu",
                rank="Major",
                service=pick(Service, number),
                unit=f"Unit {number % 300}",
                organisation=organisations[number],
                nationality=countries[number % len(countries)],
                birth_date=day(datetime.date(1970, 1, 1), 30 * 365),
                email=f"person{number}@example.org",
                phone="+994 12 000 00 00",
                **stamps,
            )
            for number in range(rows)
        ],
    )
    trainers = create(
        Trainer,
        [
            Trainer(
                person=person,
                expertise="Logistics planning",
                affiliation=organisations[number],
                **stamps,
            )
            for number, person in enumerate(people[::10])
        ],
    )
    create(
        CourseTrainer,
        [
            CourseTrainer(
                course=course,
                trainer=trainers[number % len(trainers)],
                role=pick(TrainerRole, number),
            )
            for number, course in enumerate(courses)
        ],
    )
    enrolments = create(
        Enrolment,
        [
            Enrolment(
                course=course,
                person=people[(number * 3) % rows],
                status=EnrolmentStatus.COMPLETED,
                nominated_on=course.start_date - datetime.timedelta(days=30),
                completed_on=course.end_date,
                result="Passed",
                **stamps,
            )
            for number, course in enumerate(courses)
        ],
    )
    certificates = []
    for number, enrolment in enumerate(enrolments):
        course, person = enrolment.course, enrolment.person
        issuer = course.delivered_by
        certificates.append(
            Certificate(
                enrolment=enrolment,
                serial=f"BENCH-{course.end_date.year}-{number + 1:06d}",
                verification_code=f"{rng.getrandbits(256):064x}",
                issued_on=course.end_date,
                issued_by=issuer,
                status=CertificateStatus.VALID,
                holder_name=person.full_name,
                holder_family_name=person.family_name,
                course_title_en=course.title_en,
                course_title_fr=course.title_fr,
                course_start_date=course.start_date,
                course_start_precision=course.start_precision,
                course_end_date=course.end_date,
                course_end_precision=course.end_precision,
                course_city=course.city,
                course_country=course.country,
                programme_title_en=course.programme.title_en,
                programme_title_fr=course.programme.title_fr,
                issuer_name_en=issuer.name_en,
                issuer_name_fr=issuer.name_fr,
                languages=["en", "fr"],
                **stamps,
            )
        )
    create(Certificate, certificates)
    return {
        "organisations": len(organisations),
        "programmes": len(programmes),
        "courses": len(courses),
        "course parts": 2 * len(courses),
        "sources": len(sources),
        "people": len(people),
        "trainers": len(trainers),
        "course trainers": len(courses),
        "enrolments": len(enrolments),
        "certificates": len(certificates),
    }


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
    from rest_framework.authtoken.models import Token

    user = get_user_model().objects.create_user(
        username="bench", password=None, is_staff=True, is_superuser=True
    )
    return Token.objects.create(user=user).key


def percentile(values: list[float], fraction: float) -> float:
    """Nearest-rank percentile: the smallest value with ``fraction`` of values at or below."""
    ordered = sorted(values)
    return ordered[max(1, math.ceil(fraction * len(ordered))) - 1]


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


def markdown_table(header: list[str], rows: list[list[str]]) -> str:
    lines = ["| " + " | ".join(header) + " |", "|" + " --- |" * len(header)]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--rows", type=int, default=10_000, help="records per main table (default 10000)"
    )
    parser.add_argument(
        "--requests", type=int, default=60, help="timed requests per endpoint (default 60)"
    )
    parser.add_argument("--warm-up", type=int, default=5, help="untimed requests first")
    parser.add_argument(
        "--only", default="", help="comma-separated endpoints, e.g. courses,enrolments"
    )
    arguments = parser.parse_args()
    if arguments.rows < 10 or arguments.requests < 1:
        parser.error("--rows needs at least 10 and --requests at least 1")

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
        counts = fill(arguments.rows)
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
