"""Rate limits of the public verification, in Django's cache.

One rate limit for every public verification endpoint, per client (an IPv4 address, or an
IPv6 /64): DRF applies ``throttle_classes`` to its own views only; ``verification_throttled``
applies the same throttle to the HTML pages, so the pages, the file check and the JSON API
share one allowance per client.

And a limit per serial, whatever the client: serials are sequential, so the lookup by serial
and family name could otherwise be walked with common surnames from many addresses. After
``SERIAL_LOOKUP_FAILURES`` failed lookups of a serial within an hour, the lookup of that
serial misses until the hour is over, even with the right name (the verification code of the
PDF's QR code still works).

With ``REDIS_URL`` set the cache is Redis, and the limits hold across server processes.
"""

import functools
import hashlib
import math
from collections.abc import Callable

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ImproperlyConfigured
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from rest_framework.settings import api_settings
from rest_framework.throttling import SimpleRateThrottle

from apps.core.clients import client_network

THROTTLED_TEMPLATE = "certificates/verify_throttled.html"


class VerificationRateThrottle(SimpleRateThrottle):
    """Requests per client: its IPv4 address or IPv6 /64, as far as ``NUM_PROXIES`` tells.

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
        return self.cache_format % {"scope": self.scope, "ident": client_network(request)}


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


SERIAL_LOOKUP_WINDOW_SECONDS = 60 * 60


def _serial_lookup_key(serial: str) -> str:
    digest = hashlib.sha256(serial.strip().upper().encode()).hexdigest()
    return f"verification-serial-failures:{digest}"


def serial_lookup_allowed(serial: str) -> bool:
    """Whether the lookup of ``serial`` has failed fewer times than allowed this hour."""
    return cache.get(_serial_lookup_key(serial), 0) < settings.SERIAL_LOOKUP_FAILURES


def serial_lookup_failed(serial: str) -> None:
    """Count a failed lookup of ``serial``; the count is forgotten an hour after the first."""
    key = _serial_lookup_key(serial)
    if not cache.add(key, 1, timeout=SERIAL_LOOKUP_WINDOW_SECONDS):
        try:
            cache.incr(key)
        except ValueError:  # expired between add and incr
            cache.add(key, 1, timeout=SERIAL_LOOKUP_WINDOW_SECONDS)
