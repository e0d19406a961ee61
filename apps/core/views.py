from pathlib import Path

from django.http import FileResponse, HttpRequest, JsonResponse
from django.views.decorators.cache import cache_control, never_cache
from django.views.decorators.http import require_safe

from apps.core.health import OK, UNAVAILABLE, health

FAVICON = Path(__file__).resolve().parent / "static" / "core" / "favicon.ico"


@require_safe
@cache_control(public=True, max_age=60 * 60 * 24)
def favicon(request: HttpRequest) -> FileResponse:
    """The site's icon at /favicon.ico, where browsers ask for it whatever a page links.

    Served from the app's own file rather than redirected to the static URL, so it needs
    neither ``collectstatic`` nor the static files' manifest to answer.
    """
    return FileResponse(FAVICON.open("rb"), content_type="image/x-icon")


@require_safe
@never_cache
def healthz(request: HttpRequest) -> JsonResponse:
    """200 when every service the app uses answers, 503 when one does not; for anyone.

    For load balancers and monitoring: no login, no throttle, nothing but each service's name
    and state.
    """
    states = health()
    healthy = all(state == OK for state in states.values())
    return JsonResponse(
        {"status": OK if healthy else UNAVAILABLE, "checks": states},
        status=200 if healthy else 503,
    )
