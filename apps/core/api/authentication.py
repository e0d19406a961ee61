"""API tokens: hashed, expiring, several per user (django-rest-knox), sent as ``Token <key>``."""

from typing import Any

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from knox.auth import TokenAuthentication as KnoxTokenAuthentication
from rest_framework import authentication, exceptions
from rest_framework.request import Request

INVALID_TOKEN = _("Invalid token.")
SECOND_FACTOR_NEEDED = _(
    "A staff account's session reaches the API only after its second factor: enter your code "
    "at /admin/ first, or use an API token."
)


class TokenAuthentication(KnoxTokenAuthentication):
    """knox's token authentication, answering like DRF's did.

    Its ``WWW-Authenticate: Token`` header keeps anonymous requests 401 (first in
    ``DEFAULT_AUTHENTICATION_CLASSES``). A key that is not text is refused, not a 500.
    Only the presented token's expiry is checked: knox also reads every other token of the
    user on each request to delete the expired ones, a query per request for housekeeping
    that the token login does instead.
    """

    def authenticate_credentials(self, token: bytes) -> tuple[Any, Any]:
        try:
            token.decode("utf-8")
        except UnicodeDecodeError as error:
            raise exceptions.AuthenticationFailed(INVALID_TOKEN) from error
        return super().authenticate_credentials(token)

    def _cleanup_token(self, auth_token: Any) -> bool:
        if auth_token.expiry is not None and auth_token.expiry < timezone.now():
            auth_token.delete()
            return True
        return False


class SessionAuthentication(authentication.SessionAuthentication):
    """The browser's session; with ``REQUIRE_2FA`` on, a staff member's only once verified.

    The admin asks staff for their second factor; without this, a password alone at the
    browsable API's login would reach everything the admin guards.
    """

    def authenticate(self, request: Request) -> tuple[Any, None] | None:
        found = super().authenticate(request)
        if found is None or not settings.REQUIRE_2FA:
            return found
        user = found[0]
        is_verified = getattr(user, "is_verified", None)  # django-otp's OTPMiddleware sets it
        if user.is_staff and not (is_verified is not None and is_verified()):
            raise exceptions.AuthenticationFailed(SECOND_FACTOR_NEEDED)
        return found
