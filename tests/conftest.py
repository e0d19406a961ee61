import pytest
from django.core.management import call_command

from tests.factories import UserFactory


@pytest.fixture
def superuser(db):
    return UserFactory(username="superuser", is_staff=True, is_superuser=True)


@pytest.fixture
def admin_client(client, superuser):
    """A browser session logged in to the admin as a superuser."""
    client.force_login(superuser)
    return client


@pytest.fixture
def seed(db):
    """The seed record: the IPCP 2026 logistics course in Baku and its sources."""
    call_command("loaddata", "ipcp_2026_logistics", verbosity=0)
