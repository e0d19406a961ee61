from pathlib import Path

from django.http import FileResponse, HttpRequest
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_safe

FAVICON = Path(__file__).resolve().parent / "static" / "core" / "favicon.ico"


@require_safe
@cache_control(public=True, max_age=60 * 60 * 24)
def favicon(request: HttpRequest) -> FileResponse:
    """The site's icon at /favicon.ico, where browsers ask for it whatever a page links.

    Served from the app's own file rather than redirected to the static URL, so it needs
    neither ``collectstatic`` nor the static files' manifest to answer.
    """
    return FileResponse(FAVICON.open("rb"), content_type="image/x-icon")
