"""Query strings of writes: read exactly what the action reads, refuse the rest."""

from typing import Any

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers
from rest_framework.permissions import SAFE_METHODS
from rest_framework.request import Request

# Read by every view: the representation (?format=) and the language (?lang=).
ALWAYS_ALLOWED_QUERY_PARAMETERS = frozenset({"format", "lang"})

UNKNOWN_QUERY_PARAMETER_ERROR = _(
    "This action reads no query parameter of this name: send its options in the request body."
)
QUERY_PARAMETER_REPEATED_ERROR = _("Give this query parameter once.")


class ActionQueryParametersMixin:
    """Refuses (400) a write whose query string holds a parameter the action does not read.

    Otherwise an option put in the query string (``?dry_run=1``) would be ignored and the write
    done for real. ``query_parameters`` names what the view reads besides ``format`` and
    ``lang``.
    """

    query_parameters: frozenset[str] = frozenset()

    def initial(self, request: Request, *args: Any, **kwargs: Any) -> None:
        super().initial(request, *args, **kwargs)
        if request.method in SAFE_METHODS:
            return
        allowed = ALWAYS_ALLOWED_QUERY_PARAMETERS | self.query_parameters
        unknown = sorted(set(request.query_params) - allowed)
        if unknown:
            raise serializers.ValidationError(
                {name: [UNKNOWN_QUERY_PARAMETER_ERROR] for name in unknown},
                code="unknown_query_parameter",
            )


def query_boolean(request: Request, name: str) -> bool | None:
    """A boolean query parameter read as DRF's ``BooleanField`` reads one; None when absent.

    An invalid or repeated value is refused (400) rather than taken for false.
    """
    values = request.query_params.getlist(name)
    if not values:
        return None
    if len(values) > 1:
        raise serializers.ValidationError(
            {name: [QUERY_PARAMETER_REPEATED_ERROR]}, code="repeated_query_parameter"
        )
    try:
        return serializers.BooleanField().to_internal_value(values[0])
    except serializers.ValidationError as error:
        raise serializers.ValidationError({name: error.detail}) from error
