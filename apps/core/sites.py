"""The public address of this installation, for links that leave the building (PDFs, QR codes)."""

from django.conf import settings


def absolute_url(path: str) -> str:
    """``path`` (starting with "/") on the public address ``SITE_BASE_URL``."""
    return f"{settings.SITE_BASE_URL.rstrip('/')}{path}"
