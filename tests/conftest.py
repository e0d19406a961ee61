import os
from collections.abc import Callable, Iterator
from urllib.parse import urlsplit, urlunsplit

import pytest
from django.conf import settings as django_settings
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.test import override_settings
from django.utils import translation
from rest_framework.test import APIClient

from apps.accounts.roles import REGISTRAR, VIEWER
from tests.factories import UserFactory, api_token_for

ROLES = ("anonymous", "viewer", "registrar", "superuser")


def worker_redis_url(url: str, worker: str) -> str:
    """``url`` with its database number moved by the pytest-xdist worker's index (gw1: +1)."""
    parts = urlsplit(url)
    database = int(parts.path.strip("/") or 0) + int(worker.removeprefix("gw"))
    return urlunsplit(parts._replace(path=f"/{database}"))


@pytest.fixture(scope="session", autouse=True)
def redis_database_of_this_worker(worker_id: str) -> Iterator[None]:
    """Each test worker (``make test`` runs several) has a Redis database of its own.

    With ``REDIS_URL`` set (CI's PostgreSQL pass) the cache and the sessions live in Redis.
    Workers sharing one database would count each other's requests against a throttle, and a
    test's ``cache.clear()`` (``FLUSHDB``) would empty another worker's cache in the middle of
    its test. Servers and Celery workers a test starts inherit the environment, so they use
    this worker's database too. (Each worker's SQL test database is already its own.)
    """
    redis_url = django_settings.REDIS_URL
    if worker_id == "master" or not redis_url:
        yield
        return
    own_url = worker_redis_url(redis_url, worker_id)
    caches = {
        alias: {**cache, "LOCATION": own_url} if cache.get("LOCATION") == redis_url else cache
        for alias, cache in django_settings.CACHES.items()
    }
    os.environ["REDIS_URL"] = own_url
    with override_settings(REDIS_URL=own_url, CACHES=caches):
        yield
    os.environ["REDIS_URL"] = redis_url


@pytest.fixture(autouse=True)
def english_after_each_test():
    """Each test starts in English (LANGUAGE_CODE), whatever the one before asked for.

    LocaleMiddleware and ``?lang=`` activate a language for the thread that answers a request
    and leave it active: after a request in French, the test client's thread would go on
    translating into French, and a later test's English assertions would fail.
    """
    yield
    translation.deactivate()


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    """Hashing test users' passwords at full strength would dominate the suite's time."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def public_site_address(settings):
    """Tests run with DEBUG off, as production does, so issuing needs a public address."""
    settings.SITE_BASE_URL = "https://trainingdb.example.org"


@pytest.fixture(autouse=True)
def media_in_a_temporary_folder(settings, tmp_path):
    """Stored files (certificate PDFs) go to a folder of the test's own."""
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def superuser(db):
    return UserFactory(username="superuser", is_staff=True, is_superuser=True)


@pytest.fixture
def viewer(db):
    user = UserFactory(username="viewer")
    user.groups.add(Group.objects.get(name=VIEWER))
    return user


@pytest.fixture
def registrar(db):
    user = UserFactory(username="registrar", is_staff=True)
    user.groups.add(Group.objects.get(name=REGISTRAR))
    return user


@pytest.fixture
def admin_client(client, superuser):
    """A browser session logged in to the admin as a superuser."""
    client.force_login(superuser)
    return client


@pytest.fixture
def api_client() -> APIClient:
    """An anonymous API client."""
    return APIClient()


@pytest.fixture
def api_client_for(request, db) -> Callable[[str], APIClient]:
    """An API client for a role (one of ``ROLES``), authenticated with a real token."""

    def make(role: str) -> APIClient:
        client = APIClient()
        if role == "anonymous":
            return client
        user = request.getfixturevalue(role)
        client.credentials(HTTP_AUTHORIZATION=f"Token {api_token_for(user)}")
        return client

    return make


@pytest.fixture
def seed(db):
    """The seed record: the IPCP 2026 logistics course in Baku and its sources."""
    call_command("loaddata", "ipcp_2026_logistics", verbosity=0)
