from django.http import HttpRequest, JsonResponse
from drf_spectacular.utils import extend_schema
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from apps.core.api.links import api_url

NOT_FOUND = "Not found."

RESOURCES = {
    "organisations": "organisations-api:organisation-list",
    "programmes": "programmes-api:programme-list",
    "courses": "courses-api:course-list",
    "course-parts": "courses-api:course-part-list",
    "course-trainers": "courses-api:course-trainer-list",
    "people": "people-api:person-list",
    "trainers": "people-api:trainer-list",
    "enrolments": "enrolments-api:enrolment-list",
    "certificates": "certificates-api:certificate-list",
    "sources": "sources-api:source-list",
}


class ApiRootView(APIView):
    """The resources of the API, each with the address of its list."""

    permission_classes = [AllowAny]

    @extend_schema(exclude=True)
    def get(self, request: Request) -> Response:
        return Response(
            {name: api_url(route, request=request) for name, route in RESOURCES.items()}
        )


def api_not_found(request: HttpRequest, path: str = "") -> JsonResponse:
    """Under /api/ even an unknown address answers JSON (Django's 404 page is HTML)."""
    return JsonResponse({"detail": NOT_FOUND}, status=404)
