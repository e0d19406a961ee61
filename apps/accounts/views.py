"""The admin's second step: enrol an authenticator app, then give a code at each login."""

import base64

import segno
from django.contrib import admin
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django_otp import login as otp_login
from django_otp import user_has_device

from apps.accounts.forms import CODE_REFUSED, SecondFactorForm
from apps.accounts.services import (
    second_factor_verify,
    totp_device_confirm,
    totp_device_for_enrolment,
)


def _next_url(request: HttpRequest) -> str:
    candidate = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return candidate
    return reverse("admin:index")


def _redirect_with_next(request: HttpRequest, url_name: str) -> HttpResponse:
    return redirect(f"{reverse(url_name)}?{urlencode({'next': _next_url(request)})}")


def _context(request: HttpRequest, **extra: object) -> dict[str, object]:
    # The admin's look, without its list of models: the user has not got in yet.
    return {
        **admin.site.each_context(request),
        "available_apps": [],
        "is_nav_sidebar_enabled": False,
        "next": _next_url(request),
        **extra,
    }


@never_cache
@login_required(login_url="admin:login")
def two_factor_setup(request: HttpRequest) -> HttpResponse:
    """Show a new authenticator secret (QR code and text); a valid code confirms it."""
    if not request.user.is_staff:
        return redirect_to_login(request.get_full_path(), reverse("admin:login"))
    if user_has_device(request.user):
        return _redirect_with_next(request, "two-factor-verify")
    device = totp_device_for_enrolment(user=request.user)
    form = SecondFactorForm(request.POST or None)
    if form.is_valid():
        codes = totp_device_confirm(device=device, token=form.cleaned_data["code"])
        if codes is not None:
            otp_login(request, device)
            return render(request, "accounts/recovery_codes.html", _context(request, codes=codes))
        form.add_error("code", CODE_REFUSED)
    qr_code = segno.make(device.config_url, error="m").svg_inline(scale=5, dark="#1f2933")
    secret = base64.b32encode(device.bin_key).decode()
    return render(
        request,
        "accounts/two_factor_setup.html",
        _context(request, form=form, qr_code=qr_code, secret=secret, title=_("Two-factor login")),
    )


@never_cache
@login_required(login_url="admin:login")
def two_factor_verify(request: HttpRequest) -> HttpResponse:
    """Ask for a code from the authenticator app, or a recovery code."""
    if not user_has_device(request.user):
        return _redirect_with_next(request, "two-factor-setup")
    form = SecondFactorForm(request.POST or None)
    if form.is_valid():
        device = second_factor_verify(user=request.user, token=form.cleaned_data["code"])
        if device is not None:
            otp_login(request, device)
            return redirect(_next_url(request))
        form.add_error("code", CODE_REFUSED)
    return render(
        request,
        "accounts/two_factor_verify.html",
        _context(request, form=form, title=_("Two-factor login")),
    )
