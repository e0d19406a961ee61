"""The address a request comes from, as far as the trusted proxies let us know it."""

from django.http import HttpRequest
from rest_framework.throttling import BaseThrottle


def client_address(request: HttpRequest) -> str:
    """The client's IP address: ``REMOTE_ADDR``, or with ``NUM_PROXIES`` set, the address
    that many proxies back in ``X-Forwarded-For``.

    DRF's throttles find it the same way (``BaseThrottle.get_ident``), so the login lockout
    and the verification throttle see one client as one address.
    """
    return BaseThrottle().get_ident(request)
