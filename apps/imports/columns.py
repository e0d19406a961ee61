"""The columns of an enrolment spreadsheet: their names in English and French, and how each
cell is read into a value. One home for both the import and the export/template."""

import datetime
import functools
import re
import unicodedata
import uuid
from collections.abc import Callable
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from django_countries import countries

from apps.core.dates import format_day
from apps.enrolments.models import EnrolmentStatus
from apps.people.models import Service

NOT_A_DATE_ERROR = _("“{value}” is not a date: write it YYYY-MM-DD or DD/MM/YYYY.")
DATE_IN_FUTURE_ERROR = _("The birth date {value} is in the future.")
DATE_TOO_OLD_ERROR = _("The birth date {value} is before 1900.")
UNKNOWN_COUNTRY_ERROR = _(
    "“{value}” is no country TrainingDB knows: give its ISO 3166 code (AZ) or its English or "
    "French name."
)
UNKNOWN_CHOICE_ERROR = _("“{value}” is not a known {label}: use one of {choices}.")
NOT_AN_EMAIL_ERROR = _("“{value}” is not an e-mail address.")
NOT_A_UID_ERROR = _("“{value}” is not a UID (32 hexadecimal digits, as TrainingDB gives them).")
FORMULA_ERROR = _(
    "The cell starts with “{sign}”, which a spreadsheet runs as a formula; TrainingDB stores "
    "text only: remove the sign or write the value without it."
)
NUL_ERROR = _("The cell holds a NUL character (a byte 0), which no name or text may hold.")
TOO_LONG_ERROR = _("{length} characters: at most {limit} fit in this column.")
CONTROL_ERROR = _("The cell holds an invisible control character (U+{code:04X}).")


def header_key(text: str) -> str:
    """A column name compared without case, accents, spacing, dashes or underscores."""
    text = unicodedata.normalize("NFKD", str(text)).casefold()
    text = "".join(character for character in text if not unicodedata.combining(character))
    return " ".join(re.sub(r"[^a-z0-9']+", " ", text.replace("’", "'")).split())


@dataclass(frozen=True)
class Column:
    """One column: its field, its English and French names, and the longest text it holds."""

    field: str
    english: str
    french: str
    max_length: int = 255

    @property
    def title(self) -> str:
        """Its name in both languages, as the template and the export write it."""
        if self.english == self.french:
            return self.english
        return f"{self.english} / {self.french}"

    @property
    def keys(self) -> set[str]:
        return {
            header_key(self.english),
            header_key(self.french),
            header_key(self.field),
            header_key(self.title),
        }


# In the order of the template and the export.
COLUMNS = (
    Column("uid", "uid", "uid", 36),
    Column("family_name", "family name", "nom", 150),
    Column("given_names", "given names", "prénoms", 150),
    Column("patronymic", "patronymic", "patronyme", 150),
    Column("rank", "rank", "grade", 80),
    Column("service", "service", "armée", 40),
    Column("unit", "unit", "unité", 255),
    Column("organisation", "organisation", "organisation", 255),
    Column("nationality", "nationality", "nationalité", 80),
    Column("birth_date", "birth date", "date de naissance", 40),
    Column("email", "email", "courriel", 254),
    Column("status", "status", "statut", 40),
    Column("completed_on", "completion date", "date d'achèvement", 40),
    Column("result", "result", "résultat", 255),
)
COLUMNS_BY_FIELD = {column.field: column for column in COLUMNS}
# Other spellings registrars use.
_EXTRA_KEYS = {
    "surname": "family_name",
    "last name": "family_name",
    "first name": "given_names",
    "first names": "given_names",
    "given name": "given_names",
    "prenom": "given_names",
    "e mail": "email",
    "mail": "email",
    "date of birth": "birth_date",
    "organization": "organisation",
    "country": "nationality",
    "pays": "nationality",
    "completed on": "completed_on",
    "date d'achevement": "completed_on",
    "date dachevement": "completed_on",
}
COLUMN_KEYS: dict[str, str] = {
    **{key: column.field for column in COLUMNS for key in column.keys},
    **_EXTRA_KEYS,
}


def column_for(header: str) -> Column | None:
    field = COLUMN_KEYS.get(header_key(header))
    return COLUMNS_BY_FIELD[field] if field else None


def column_title(field: str) -> str:
    """How a column is named in messages: English / French."""
    return COLUMNS_BY_FIELD[field].title


def text_cell(value: object, column: Column) -> str:
    """A text cell, stripped, refused when it could run, hide a NUL or overflow."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = str(value).strip()
    if "\x00" in text:
        raise ValidationError(NUL_ERROR, code="nul")
    control = next((c for c in text if unicodedata.category(c) == "Cc" and c not in "\t\n\r"), None)
    if control is not None:
        raise ValidationError(CONTROL_ERROR.format(code=ord(control)), code="control")
    if text.startswith(("=", "+", "-", "@")):
        raise ValidationError(FORMULA_ERROR.format(sign=text[0]), code="formula")
    if len(text) > column.max_length:
        raise ValidationError(
            TOO_LONG_ERROR.format(length=len(text), limit=column.max_length), code="too_long"
        )
    return " ".join(text.split())


_DATE_FORMATS = ("%Y-%m-%d", "%d/%m/%Y", "%d.%m.%Y", "%d-%m-%Y")


def date_cell(value: object) -> datetime.date:
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    text = str(value).strip()
    for date_format in _DATE_FORMATS:
        try:
            return datetime.datetime.strptime(text, date_format).date()
        except ValueError:
            continue
    raise ValidationError(NOT_A_DATE_ERROR.format(value=text), code="invalid_date")


def birth_date_cell(value: object) -> datetime.date:
    date = date_cell(value)
    if date > timezone.localdate():
        raise ValidationError(
            DATE_IN_FUTURE_ERROR.format(value=format_day(date)), code="birth_in_future"
        )
    if date.year < 1900:
        raise ValidationError(
            DATE_TOO_OLD_ERROR.format(value=format_day(date)), code="birth_too_old"
        )
    return date


@functools.cache
def _country_codes() -> dict[str, str]:
    names: dict[str, str] = {}
    for language in ("en", "fr"):
        with translation.override(language):
            for code, name in countries:
                names[header_key(name)] = code
    for code, _name in countries:
        names[header_key(code)] = code
        alpha3 = countries.alpha3(code)
        if alpha3:
            names[header_key(alpha3)] = code
    return names


def country_cell(value: str) -> str:
    code = _country_codes().get(header_key(value))
    if code is None:
        raise ValidationError(UNKNOWN_COUNTRY_ERROR.format(value=value), code="unknown_country")
    return code


# Statuses and services as the English and French words registrars write.
STATUS_WORDS = {
    EnrolmentStatus.NOMINATED: ("nominated", "nominé", "nominée", "désigné", "désignée"),
    EnrolmentStatus.CONFIRMED: ("confirmed", "confirmé", "confirmée", "inscrit", "inscrite"),
    EnrolmentStatus.ATTENDED: ("attended", "présent", "présente", "a suivi", "suivi"),
    EnrolmentStatus.COMPLETED: ("completed", "achevé", "achevée", "terminé", "réussi", "réussie"),
    EnrolmentStatus.WITHDRAWN: ("withdrawn", "retiré", "retirée", "désisté", "désistée"),
    EnrolmentStatus.FAILED: (
        "failed",
        "non validé",
        "non validée",
        "échoué",
        "échec",
        "ajourné",
        "ajournée",
    ),
}
SERVICE_WORDS = {
    Service.ARMY: ("army", "land forces", "armée de terre", "terre"),
    Service.NAVY: ("navy", "naval forces", "marine", "marine nationale"),
    Service.AIR_FORCE: ("air force", "armée de l'air", "air"),
    Service.JOINT: ("joint", "general staff", "interarmées", "état-major"),
    Service.OTHER_FORCE: ("other armed force", "other", "autre"),
    Service.CIVILIAN: ("civilian", "civil", "civile"),
}


def _choice_reader(words: dict, label: str, label_text: str) -> Callable[[str], str]:
    keys = {header_key(word): choice.value for choice, spelled in words.items() for word in spelled}
    keys.update({header_key(choice.value): choice.value for choice in words})
    listed = ", ".join(spelled[0] for spelled in words.values())

    def read(value: str) -> str:
        choice = keys.get(header_key(value))
        if choice is None:
            message = UNKNOWN_CHOICE_ERROR.format(value=value, label=label_text, choices=listed)
            raise ValidationError(message, code=f"unknown_{label.replace(' ', '_')}")
        return choice

    return read


status_cell = _choice_reader(STATUS_WORDS, "status", _("status"))
service_cell = _choice_reader(SERVICE_WORDS, "service", pgettext_lazy("armed force", "service"))


def email_cell(value: str) -> str:
    try:
        validate_email(value)
    except ValidationError as error:
        raise ValidationError(NOT_AN_EMAIL_ERROR.format(value=value), code="invalid") from error
    return value


def uid_cell(value: str) -> uuid.UUID:
    try:
        return uuid.UUID(value)
    except ValueError as error:
        raise ValidationError(NOT_A_UID_ERROR.format(value=value), code="invalid_uid") from error


# Reading a text cell into its value, for the columns that are more than text.
CELL_READERS: dict[str, Callable[[str], object]] = {
    "uid": uid_cell,
    "service": service_cell,
    "nationality": country_cell,
    "email": email_cell,
    "status": status_cell,
}
DATE_FIELDS = {"birth_date": birth_date_cell, "completed_on": date_cell}
