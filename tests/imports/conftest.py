from pathlib import Path

import pytest
from django.core.files.base import ContentFile

DATA = Path(__file__).parent / "data"


def data_file(name: str) -> ContentFile:
    """A file of tests/imports/data, as an upload."""
    return ContentFile((DATA / name).read_bytes(), name=name)


def upload(content: str | bytes, name: str = "participants.csv") -> ContentFile:
    return ContentFile(content.encode() if isinstance(content, str) else content, name=name)


@pytest.fixture
def course(db):
    from tests.factories import CourseFactory

    return CourseFactory(slug="logistics-baku-2026")
