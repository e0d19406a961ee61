"""What the list benchmarks share: Django set up, the lists the routers register, the data,
a superuser's token, and the floors' URLs beside the project's own.

The floors (``list_floors``) answer each list's JSON document from raw SQL and orjson; see
``list_endpoints.py`` for how they are compared and timed.
"""

import contextlib
import json
import logging
import os
import sys
import time
import types
import warnings
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from list_data import fill

PROJECT_ROOT = Path(__file__).resolve().parent.parent
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


def add_data_arguments(parser: Any, *, only: bool = True) -> None:
    """The options every list benchmark takes: which lists, and which data."""
    if only:
        parser.add_argument(
            "--only", default="", help="comma-separated lists, e.g. courses,enrolments"
        )
    parser.add_argument(
        "--scale", type=int, default=10_000, help="people in the demonstration data (default 10000)"
    )
    parser.add_argument(
        "--reuse",
        action="store_true",
        help="measure the configured database as it is (fill it only if it holds no people)",
    )


def chosen_lists(parser: Any, only: str) -> list[str]:
    """The lists named by ``--only`` (all when empty), in the API root's order."""
    names = list_endpoints()
    if not only:
        return names
    chosen = set(only.split(","))
    if chosen - set(names):
        parser.error(f"unknown lists: {', '.join(sorted(chosen - set(names)))}")
    return [name for name in names if name in chosen]


def list_endpoints() -> list[str]:
    """Every list of records the API's routers register, in the API root's order.

    The reports' figures (aggregates, not records: no ``ListModelMixin``) have no floor.
    """
    from rest_framework.mixins import ListModelMixin

    from trainingdb.urls import API_URLCONFS

    return [
        prefix
        for urlconf in API_URLCONFS
        for prefix, viewset, _name in urlconf.router.registry
        if issubclass(viewset, ListModelMixin)
    ]


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


def floor_urlconf(extra_patterns: list[Any] | None = None) -> str:
    """A URL module: the floors' plain view (and ``extra_patterns``) beside the project's own
    URLs.

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
        *(extra_patterns or []),
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


def clients() -> dict[str, Any]:
    """Django test clients by who asks: ``anonymous``, and ``token`` (a superuser's)."""
    from django.test import Client

    token = superuser_token()
    return {"anonymous": Client(), "token": Client(HTTP_AUTHORIZATION=f"Token {token}")}


def endpoints_asked(names: list[str], clients: dict[str, Any]) -> list[Endpoint]:
    """Each list, asked by whoever changes its answer (``who_asks``)."""
    return [
        Endpoint(name, who)
        for name in names
        for who in who_asks(name, clients["anonymous"], clients["token"])
    ]


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


@contextlib.contextmanager
def measured_database(scale: int, reuse: bool) -> Iterator[str]:
    """The database to measure, and what it holds.

    With ``reuse``, the configured database as it is (filled first if it holds no people);
    else a throw-away test database filled with ``scale`` people, dropped afterwards.
    """
    from django.db import connection

    database = None
    if reuse:
        from django.core.management import call_command

        # A new scratch database gets its tables, an older one the schema (and indexes) of
        # the code being measured.
        call_command("migrate", verbosity=0, interactive=False)
    else:
        database = connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        filled, gathered = fill_if_empty(scale, reuse)
        yield f"{held()}; {filled} ({gathered})"
    finally:
        if database is not None:
            connection.creation.destroy_test_db(database, verbosity=0)
