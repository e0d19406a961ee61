import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

PERCENT_ESCAPE_ERROR = _("A % in a web address starts an escape of two hexadecimal digits (%20).")

_BROKEN_ESCAPE = re.compile(r"%(?![0-9A-Fa-f]{2})")


def validate_percent_escapes(value: str) -> None:
    """Refuse a web address with a broken escape ("%Go"), which Django's URLValidator passes.

    Such an address is not a URI: browsers and the API's clients read it differently or not
    at all.
    """
    if _BROKEN_ESCAPE.search(value):
        raise ValidationError(PERCENT_ESCAPE_ERROR, code="percent_escape")
