from django.contrib import admin
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice
from knox.models import AuthToken

# django-otp's admin pages show every user's authenticator secrets and recovery codes to a
# superuser; staff enrol their own device instead, and ``reset_two_factor`` resets one.
# API tokens are made and revoked by commands and the API's login and logout, not listed.
for model in (TOTPDevice, StaticDevice, AuthToken):
    if admin.site.is_registered(model):
        admin.site.unregister(model)
