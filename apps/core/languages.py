"""Bilingual content: each translated field is two columns, ``<field>_en`` and ``<field>_fr``.

English is required and is the fallback; French is filled where the record has it.
README.md ("Bilingual content") explains why this is plain columns and not a translation
library.
"""

import functools

from django.conf import settings
from django.utils import translation
from django.utils.translation import get_language
from django_countries.fields import Country

LANGUAGE_CODES: tuple[str, ...] = tuple(code for code, _name in settings.LANGUAGES)
FALLBACK_LANGUAGE = "en"


def localised(instance: object, field: str, language: str | None = None) -> str:
    """The value of a bilingual field in ``language`` (default: the active one).

    Falls back to English when the requested language is empty or not offered.
    """
    code = (language or get_language() or FALLBACK_LANGUAGE).split("-")[0].lower()
    if code not in LANGUAGE_CODES:
        code = FALLBACK_LANGUAGE
    value = getattr(instance, f"{field}_{code}", "")
    return value or getattr(instance, f"{field}_{FALLBACK_LANGUAGE}", "")


@functools.lru_cache(maxsize=2048)
def country_name(code: str, language: str) -> str:
    """The name of a country (ISO 3166 code) in ``language``; "" for no country.

    Remembered: a changelist names a country on each of its 100 rows, and activating a
    language for each cost more than the rest of the row.
    """
    if not code:
        return ""
    with translation.override(language):
        return str(Country(code=code).name)
