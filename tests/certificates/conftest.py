import datetime

import pytest
from django.core.cache import cache

from apps.people.models import Person
from tests.factories import PersonFactory

# What a holder's record holds that no certificate prints: never in a public answer.
PRIVATE_EMAIL = "s.aliyev@example.az"
PRIVATE_BIRTH_DATE = datetime.date(1988, 5, 17)
PRIVATE_UNIT = "Secret Unit 777"


@pytest.fixture
def fresh_throttle_counts():
    """Throttle counts live in the cache: each test starts with a full allowance."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def private_holder(db) -> Person:
    """An Azerbaijani holder whose record holds private data besides the printed name."""
    return PersonFactory(
        family_name="Əliyev",
        given_names="Şəhriyar",
        patronymic="Ağa oğlu",
        email=PRIVATE_EMAIL,
        birth_date=PRIVATE_BIRTH_DATE,
        unit=PRIVATE_UNIT,
        nationality="TR",
    )
