"""The public address of this installation, for links that leave the building (PDFs, QR codes)."""

import ipaddress
from urllib.parse import urlsplit

from django.conf import settings


def absolute_url(path: str) -> str:
    """``path`` (starting with "/") on the public address ``SITE_BASE_URL``."""
    return f"{settings.SITE_BASE_URL.rstrip('/')}{path}"


def site_is_loopback() -> bool:
    """Whether ``SITE_BASE_URL`` names this machine only, which no verifier can reach."""
    return url_is_loopback(settings.SITE_BASE_URL)


def url_is_loopback(url: str) -> bool:
    """Whether ``url``'s host is this machine only.

    Loopback is 127.0.0.0/8, ::1 (also written as an IPv4-mapped address), ``localhost`` and
    its subdomains; the unspecified addresses 0.0.0.0 and :: count too. The settings use it
    too, so it reads no setting.
    """
    host = (urlsplit(url).hostname or "").rstrip(".").lower()
    if host == "localhost" or host.endswith(".localhost"):
        return True
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        return False
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped:
        address = address.ipv4_mapped
    return address.is_loopback or address.is_unspecified
