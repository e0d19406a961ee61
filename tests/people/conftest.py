import pytest

from apps.people.models import Person
from tests.factories import PersonFactory, UserFactory
from tests.people.helpers import BORN


@pytest.fixture
def stranger(db):
    """An authenticated user in no group: may see no personal data."""
    return UserFactory(username="stranger")


@pytest.fixture
def kept() -> Person:
    return PersonFactory(family_name="Əliyev", given_names="Rəşad", birth_date=BORN)


@pytest.fixture
def duplicate() -> Person:
    return PersonFactory(family_name="Алиев", given_names="Рашад", birth_date=None)
