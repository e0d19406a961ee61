from django.http import HttpRequest, JsonResponse
from drf_spectacular.utils import extend_schema
from rest_framework import exceptions
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from apps.core.api.links import api_url

# DRF's own words, so that every 404 of the API says the same in each language.
NOT_FOUND = exceptions.NotFound.default_detail


class ApiRootView(APIView):
    """The resources of the API, each with the address of its list.

    ``resources`` maps each resource's name to its list's URL name; the project's URLconf
    builds it from the apps' routers, so a new resource is listed once it is registered.
    """

    permission_classes = [AllowAny]
    resources: dict[str, str] = {}

    @extend_schema(exclude=True)
    def get(self, request: Request) -> Response:
        return Response(
            {name: api_url(route, request=request) for name, route in self.resources.items()}
        )


def api_not_found(request: HttpRequest, path: str = "") -> JsonResponse:
    """Under /api/ even an unknown address answers JSON (Django's 404 page is HTML)."""
    return JsonResponse({"detail": NOT_FOUND}, status=404)
