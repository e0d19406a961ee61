import pytest

from apps.courses.models import Course
from tests.factories import UserFactory

BAKU = "ipcp-2026-logistics-planning-in-nato-baku"


@pytest.fixture
def stranger(db):
    """An authenticated user in no group: may see no personal data."""
    return UserFactory(username="stranger")


@pytest.fixture
def baku(seed) -> Course:
    """The seed course: Logistics Planning in NATO, Baku, 2026."""
    return Course.objects.get(slug=BAKU)
