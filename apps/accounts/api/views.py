from django.http import HttpRequest
from drf_spectacular.utils import OpenApiResponse, extend_schema
from knox.views import LoginView, LogoutAllView, LogoutView
from rest_framework import exceptions
from rest_framework.permissions import AllowAny
from rest_framework.renderers import BrowsableAPIRenderer, JSONRenderer
from rest_framework.request import Request
from rest_framework.response import Response

from apps.accounts.api.serializers import TokenLoginSerializer, TokenSerializer
from apps.accounts.lockout import LOCKED_OUT, LOCKED_OUT_STATUS, lockout_minutes
from apps.accounts.services import api_token_create
from apps.core.api.authentication import TokenAuthentication


class LockedOut(exceptions.APIException):
    status_code = LOCKED_OUT_STATUS
    default_code = "locked_out"


def _locked_out(request: HttpRequest) -> bool:
    return bool(getattr(request, "axes_locked_out", False))


RENDERERS = [JSONRenderer, BrowsableAPIRenderer]


class TokenLoginView(LoginView):
    """Exchange a username and password for a new API token, shown once.

    Each login makes another token (one per client or device), valid for
    `API_TOKEN_TTL_DAYS`. Five failures for one username from one address lock it for 15
    minutes (429).
    """

    authentication_classes: list = []
    permission_classes = [AllowAny]
    renderer_classes = RENDERERS
    locks_out = True  # documented with its 429
    may_conflict = False

    @extend_schema(
        operation_id="auth_login",
        request=TokenLoginSerializer,
        responses={200: TokenSerializer},
    )
    def post(self, request: Request, format: str | None = None) -> Response:
        serializer = TokenLoginSerializer(data=request.data, context={"request": request})
        valid = serializer.is_valid()
        if _locked_out(request._request):
            raise LockedOut(LOCKED_OUT.format(minutes=lockout_minutes()))
        if not valid:
            raise exceptions.ValidationError(serializer.errors)
        request.user = serializer.validated_data["user"]
        return super().post(request, format=format)

    def create_token(self) -> tuple:
        return api_token_create(user=self.request.user, expires_in=self.get_token_ttl())


class TokenLogoutView(LogoutView):
    """Revoke the token this request is made with."""

    authentication_classes = [TokenAuthentication]
    renderer_classes = RENDERERS
    may_conflict = False

    @extend_schema(
        operation_id="auth_logout",
        request=None,
        responses={204: OpenApiResponse(description="The token is revoked.")},
    )
    def post(self, request: Request, format: str | None = None) -> Response:
        return super().post(request, format=format)


class TokenLogoutAllView(LogoutAllView):
    """Revoke every token of the user this request is made with."""

    authentication_classes = [TokenAuthentication]
    renderer_classes = RENDERERS
    may_conflict = False

    @extend_schema(
        operation_id="auth_logout_all",
        request=None,
        responses={204: OpenApiResponse(description="Every token of the user is revoked.")},
    )
    def post(self, request: Request, format: str | None = None) -> Response:
        return super().post(request, format=format)
