"""What a client locked out of logging in is told (django-axes' ``AXES_LOCKOUT_CALLABLE``).

django-axes counts failed logins per username and address and, once they reach
``AXES_FAILURE_LIMIT``, refuses that pair for ``AXES_COOLOFF_TIME`` whatever the password.
Under /api/ the answer is the API's JSON error; elsewhere a page that says what happened.
"""

import math

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _

from apps.core.api.middleware import error_response, is_api_request

LOCKED_OUT = _(
    "Too many failed logins for this username from this address: logging in is locked "
    "for {minutes} minutes. An administrator can unlock it sooner."
)
LOCKED_OUT_TEMPLATE = "accounts/locked_out.html"
# 429 rather than 403: the client is refused for a while because of what it sent, not for
# who it is, and may retry after Retry-After.
LOCKED_OUT_STATUS = 429


def lockout_minutes() -> int:
    return math.ceil(settings.AXES_COOLOFF_TIME.total_seconds() / 60)


def lockout_response(
    request: HttpRequest,
    original_response: HttpResponse | None = None,
    credentials: dict | None = None,
) -> HttpResponse:
    """The 429 answer to a login refused because its username and address are locked."""
    minutes = lockout_minutes()
    if is_api_request(request):
        response: HttpResponse = error_response(
            LOCKED_OUT.format(minutes=minutes), LOCKED_OUT_STATUS
        )
    else:
        response = render(
            request, LOCKED_OUT_TEMPLATE, {"minutes": minutes}, status=LOCKED_OUT_STATUS
        )
    response["Retry-After"] = str(int(settings.AXES_COOLOFF_TIME.total_seconds()))
    return response
