"""The address a request comes from, as far as the trusted proxies let us know it."""

import ipaddress

from django.http import HttpRequest
from rest_framework.throttling import BaseThrottle


def client_address(request: HttpRequest) -> str:
    """The client's IP address: ``REMOTE_ADDR``, or with ``NUM_PROXIES`` set, the address
    that many proxies back in ``X-Forwarded-For``.

    DRF's throttles find it the same way (``BaseThrottle.get_ident``), so the login lockout
    and the verification throttle see one client as one address.
    """
    return BaseThrottle().get_ident(request)


def client_network(request: HttpRequest) -> str:
    """The client as rate limits count it: an IPv4 address, or an IPv6 client's /64.

    An IPv6 subscriber is usually given a whole /64 and can change its address within it at
    will; counting addresses would give one client billions of allowances.
    """
    address = client_address(request)
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return address
    if isinstance(ip, ipaddress.IPv6Address):
        if ip.ipv4_mapped is not None:
            return str(ip.ipv4_mapped)
        return str(ipaddress.IPv6Network((ip, 64), strict=False))
    return str(ip)
