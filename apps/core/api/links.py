"""Addresses that API answers carry (``pdf_url``, ``Location``, the API root)."""

from typing import Any

from django.urls import reverse
from rest_framework.request import Request


def api_url(
    viewname: str,
    *,
    request: Request | None,
    args: list[Any] | None = None,
    kwargs: dict[str, Any] | None = None,
) -> str:
    """The absolute address of ``viewname`` on the host asked, without any query string.

    DRF's own ``reverse`` copies the request's ``?format=`` onto every link it makes, so a
    ``pdf_url`` read from ``?format=csv`` asked for the PDF as CSV and answered 404. A link
    names a resource; how to render it is the next request's choice. Without a request
    (outside a view) the path alone.
    """
    path = reverse(viewname, args=args, kwargs=kwargs)
    return path if request is None else request.build_absolute_uri(path)
