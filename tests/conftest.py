from collections.abc import Callable

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.utils import translation
from rest_framework.test import APIClient

from apps.accounts.roles import REGISTRAR, VIEWER
from tests.factories import UserFactory, api_token_for

ROLES = ("anonymous", "viewer", "registrar", "superuser")


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
