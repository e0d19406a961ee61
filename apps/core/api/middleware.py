"""Under /api/ every error is JSON in the one error shape, whatever raised it.

DRF's exception handler covers what happens inside an API view. Some errors happen before
one runs or outside DRF: a CSRF failure, a body over ``DATA_UPLOAD_MAX_MEMORY_SIZE``, a
malformed multipart body, Django's own 400/403/404/500 pages (HTML, and with ``DEBUG`` on
the technical pages). This middleware turns those into ``{"detail": "…"}`` for API paths
and leaves the admin and the public pages as they are.
"""

from collections.abc import Callable
from http import HTTPStatus

from django.core.exceptions import RequestDataTooBig, SuspiciousOperation, TooManyFieldsSent
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.http.multipartparser import MultiPartParserError
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

API_PREFIX = "/api/"

BODY_TOO_LARGE = _("The request body is too large.")
TOO_MANY_FIELDS = _("The request has too many fields.")
MALFORMED_BODY = _("The request body could not be read.")
CSRF_FAILED = _("CSRF check failed: send the CSRF token with a session, or use a token.")
# Django's own error pages, in the API's words; another status gives its English phrase.
STATUS_DETAILS = {
    400: _("Bad request."),
    403: _("You do not have permission to perform this action."),
    404: _("Not found."),
    405: _("Method not allowed."),
    413: _("The request body is too large."),
    500: _("Server error."),
}


def is_api_request(request: HttpRequest) -> bool:
    return request.path.startswith(API_PREFIX)


def error_response(detail: str | Promise, status: int) -> JsonResponse:
    return JsonResponse({"detail": detail}, status=status)


def _detail_for(exception: Exception) -> str:
    if isinstance(exception, RequestDataTooBig):
        return BODY_TOO_LARGE
    if isinstance(exception, TooManyFieldsSent):
        return TOO_MANY_FIELDS
    return MALFORMED_BODY


class ApiErrorsAsJsonMiddleware:
    """First in ``MIDDLEWARE``, so it sees the answers of every other middleware."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if not is_api_request(request) or response.status_code < 400:
            return response
        if response.get("Content-Type", "").startswith("application/json"):
            return response
        # Django's own error page (HTML, or a technical page with DEBUG on).
        detail = STATUS_DETAILS.get(
            response.status_code, f"{HTTPStatus(response.status_code).phrase}."
        )
        json_response = error_response(str(detail), response.status_code)
        for header in ("Allow", "WWW-Authenticate", "Retry-After"):
            if header in response:
                json_response[header] = response[header]
        return json_response

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        """A body Django refuses to read, raised inside a view: a 400 that says why."""
        if is_api_request(request) and isinstance(
            exception, SuspiciousOperation | MultiPartParserError
        ):
            return error_response(_detail_for(exception), 400)
        return None


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    """``CSRF_FAILURE_VIEW``: JSON under /api/, Django's page elsewhere."""
    if is_api_request(request):
        return error_response(CSRF_FAILED, 403)
    from django.views.csrf import csrf_failure as django_csrf_failure

    return django_csrf_failure(request, reason=reason)
