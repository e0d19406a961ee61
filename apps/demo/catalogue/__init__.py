"""What demonstration data is made of: partner nations, NATO deliverers, courses and names.

Hand lists rather than Faker: the rows stay the same for a seed whatever library version is
installed, names come in the forms registrars meet (Azerbaijani Latin, Russian Cyrillic,
Georgian transliterated, Ukrainian Cyrillic …), and picking from a list is fast. One module per
concept; the names are gathered here too, for ``from apps.demo.catalogue import NATIONS``.
"""

from apps.demo.catalogue.courses import AUDIENCES, COURSES, PARTS, SCENARIOS
from apps.demo.catalogue.names import AZ_CYRILLIC, AZ_MALE, NAME_STYLES, TRAINER_STYLES, NameStyle
from apps.demo.catalogue.nations import NATIONS, Nation
from apps.demo.catalogue.organisations import (
    DELIVERERS,
    NATO,
    NEWS_AGENCIES,
    TEACHING_DELIVERERS,
    Deliverer,
)
from apps.demo.catalogue.people import EXPERTISE, RANKS, TRAINER_NATIONALITIES, UNITS

__all__ = [
    "AUDIENCES",
    "AZ_CYRILLIC",
    "AZ_MALE",
    "COURSES",
    "DELIVERERS",
    "EXPERTISE",
    "NAME_STYLES",
    "NATIONS",
    "NATO",
    "NEWS_AGENCIES",
    "PARTS",
    "RANKS",
    "SCENARIOS",
    "TEACHING_DELIVERERS",
    "TRAINER_NATIONALITIES",
    "TRAINER_STYLES",
    "UNITS",
    "Deliverer",
    "NameStyle",
    "Nation",
]
