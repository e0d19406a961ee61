import pytest

from tests.factories import UserFactory


@pytest.fixture
def stranger(db):
    """An authenticated user in no group: may see no personal data."""
    return UserFactory(username="stranger")
