"""The import's messages give dates as the rest of the interface does, in the reader's language."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from apps.imports.models import ImportBatch
from apps.imports.services import enrolments_import
from apps.imports.undo import import_batch_undo
from apps.people.models import Person
from tests.imports.conftest import upload

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("language", "message"),
    [
        ("en", "The birth date 1 March 2099 is in the future."),
        ("fr", "La date de naissance 1er mars 2099 est dans le futur."),
    ],
)
def test_a_birth_date_in_the_future_is_named_in_the_readers_language(course, language, message):
    with translation.override(language):
        report = enrolments_import(
            course=course,
            upload=upload("family name,birth date\nAliyev,2099-03-01\n"),
            dry_run=True,
        )

    assert [error.message for error in report.errors] == [message]
    assert not Person.objects.exists()


@pytest.mark.parametrize(
    ("language", "message"),
    [
        ("en", "The birth date 5 June 1850 is before 1900."),
        ("fr", "La date de naissance 5 juin 1850 est antérieure à 1900."),
    ],
)
def test_a_birth_date_before_1900_is_named_in_the_readers_language(course, language, message):
    with translation.override(language):
        report = enrolments_import(
            course=course,
            upload=upload("family name,birth date\nAliyev,1850-06-05\n"),
            dry_run=True,
        )

    assert [error.message for error in report.errors] == [message]
    assert not Person.objects.exists()


@pytest.mark.parametrize(
    ("language", "when"),
    [("en", "1 March 2026, 14:05"), ("fr", "1er mars 2026, 14:05")],
)
def test_undoing_twice_names_the_first_undo_in_the_readers_language(
    course, settings, language, when
):
    settings.TIME_ZONE = "UTC"
    report = enrolments_import(course=course, upload=upload("family name\nAliyev\n"), dry_run=False)
    batch = ImportBatch.objects.get(pk=report.batch_id)
    import_batch_undo(batch=batch, user=None)
    undone_at = datetime.datetime(2026, 3, 1, 14, 5, tzinfo=datetime.UTC)
    ImportBatch.objects.filter(pk=batch.pk).update(undone_at=undone_at)

    with translation.override(language), pytest.raises(ValidationError) as refused:
        import_batch_undo(batch=batch, user=None)

    assert refused.value.messages == [
        {
            "en": f"Import batch {batch.pk} was undone already ({when}).",
            "fr": f"Le lot d’importation {batch.pk} a déjà été annulé ({when}).",
        }[language]
    ]
    assert not Person.objects.exists()
