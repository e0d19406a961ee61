"""One rate limit for every public verification endpoint, per client IP, in Django's cache.

DRF applies ``throttle_classes`` to its own views only; ``verification_throttled`` applies the
same throttle to the HTML pages, so the pages, the file check and the JSON API share one
allowance per client. With ``REDIS_URL`` set the cache is Redis, and the allowance holds
across server processes.
"""

import functools
import math
from collections.abc import Callable

from django.core.exceptions import ImproperlyConfigured
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from rest_framework.settings import api_settings
from rest_framework.throttling import SimpleRateThrottle

THROTTLED_TEMPLATE = "certificates/verify_throttled.html"


class VerificationRateThrottle(SimpleRateThrottle):
    """Requests per client IP (DRF's ``get_ident``, which honours ``NUM_PROXIES``).

    Counted for everybody, signed in or not: verification is public and its pages carry no
    authentication.
    """

    scope = "verification"

    def get_rate(self) -> str:
        # DRF reads the rates once, at import; reading them per request lets a changed
        # setting (``override_settings`` in tests) take effect.
        try:
            return api_settings.DEFAULT_THROTTLE_RATES[self.scope]
        except KeyError as error:
            raise ImproperlyConfigured(
                f'Set REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"]["{self.scope}"], e.g. "60/minute".'
            ) from error

    def get_cache_key(self, request: HttpRequest, view: object) -> str:
        return self.cache_format % {"scope": self.scope, "ident": self.get_ident(request)}


def verification_throttled(
    view: Callable[..., HttpResponse],
) -> Callable[..., HttpResponse]:
    """Answer 429 (a bilingual page with ``Retry-After``) once a client exceeds the rate."""

    @functools.wraps(view)
    def throttled_view(request: HttpRequest, *args: object, **kwargs: object) -> HttpResponse:
        throttle = VerificationRateThrottle()
        if throttle.allow_request(request, None):
            return view(request, *args, **kwargs)
        return too_many_requests(request, throttle.wait())

    return throttled_view


def too_many_requests(request: HttpRequest, wait: float | None) -> HttpResponse:
    """The HTML answer to a throttled request."""
    retry_after = max(1, math.ceil(wait)) if wait is not None else None
    response = render(request, THROTTLED_TEMPLATE, {"retry_after": retry_after}, status=429)
    if retry_after is not None:
        response.headers["Retry-After"] = str(retry_after)
    return response
