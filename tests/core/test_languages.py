from types import SimpleNamespace

import pytest
from django.utils import translation

from apps.core.languages import FALLBACK_LANGUAGE, LANGUAGE_CODES, localised


def bilingual(en: str = "Logistics course", fr: str = "Cours de logistique") -> SimpleNamespace:
    return SimpleNamespace(title_en=en, title_fr=fr)


def test_languages_offered_are_english_and_french_with_english_as_fallback():
    assert LANGUAGE_CODES == ("en", "fr")
    assert FALLBACK_LANGUAGE == "en"


@pytest.mark.parametrize(
    ("active", "expected"),
    [
        ("en", "Logistics course"),
        ("fr", "Cours de logistique"),
        ("fr-ca", "Cours de logistique"),
        ("de", "Logistics course"),
    ],
)
def test_localised_value_follows_the_active_language(active, expected):
    with translation.override(active):
        assert localised(bilingual(), "title") == expected


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("fr", "Cours de logistique"),
        ("FR-FR", "Cours de logistique"),
        ("en", "Logistics course"),
        ("de", "Logistics course"),
    ],
)
def test_localised_value_in_a_given_language_ignores_the_active_one(language, expected):
    with translation.override("en" if language.lower().startswith("fr") else "fr"):
        assert localised(bilingual(), "title", language) == expected


def test_localised_value_falls_back_to_english_when_french_is_empty():
    with translation.override("fr"):
        assert localised(bilingual(fr=""), "title") == "Logistics course"


def test_localised_value_falls_back_to_english_when_no_language_is_active():
    with translation.override(None):
        assert localised(bilingual(), "title") == "Logistics course"


def test_localised_value_falls_back_to_english_when_the_record_has_no_french_field():
    record = SimpleNamespace(title_en="Logistics course")

    with translation.override("fr"):
        assert localised(record, "title") == "Logistics course"
