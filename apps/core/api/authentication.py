"""API tokens: hashed, expiring, several per user (django-rest-knox), sent as ``Token <key>``."""

from typing import Any

from django.utils import timezone
from knox.auth import TokenAuthentication as KnoxTokenAuthentication
from rest_framework import exceptions

INVALID_TOKEN = "Invalid token."


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
