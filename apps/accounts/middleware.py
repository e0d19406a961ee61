from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import urlencode


class AdminTwoFactorMiddleware:
    """With ``REQUIRE_2FA`` on, a staff user reaches the admin only with a second factor.

    After the password, the admin leads a staff user whose session has no verified device
    (django-otp's ``OTPMiddleware`` tells, so it must come before) to enter a code, or to
    enrol an authenticator app first. The admin's login and logout stay open.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if settings.REQUIRE_2FA and self._needs_second_factor(request):
            from django_otp import user_has_device

            step = "two-factor-verify" if user_has_device(request.user) else "two-factor-setup"
            return redirect(f"{reverse(step)}?{urlencode({'next': request.get_full_path()})}")
        return self.get_response(request)

    @staticmethod
    def _needs_second_factor(request: HttpRequest) -> bool:
        user = request.user
        if not (user.is_authenticated and user.is_staff) or user.is_verified():
            return False
        open_paths = {reverse("admin:login"), reverse("admin:logout")}
        return request.path.startswith(reverse("admin:index")) and request.path not in open_paths
