from django.contrib.auth import authenticate
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

INVALID_CREDENTIALS = _("Unable to log in with this username and password.")


class TokenLoginSerializer(serializers.Serializer):
    """A username and password, checked as the admin's login checks them."""

    username = serializers.CharField(max_length=150)
    password = serializers.CharField(max_length=4096, trim_whitespace=False, write_only=True)

    def validate(self, attrs: dict) -> dict:
        # django-axes counts the failure against the Django request (DRF's wraps it).
        request = self.context["request"]._request
        user = authenticate(request, username=attrs["username"], password=attrs["password"])
        if user is None:
            raise serializers.ValidationError(INVALID_CREDENTIALS, code="authorization")
        attrs["user"] = user
        return attrs


class TokenSerializer(serializers.Serializer):
    """A new token: shown in this answer only, stored as a digest."""

    token = serializers.CharField(help_text="Send it as `Authorization: Token <token>`.")
    expiry = serializers.DateTimeField(help_text="When the token stops working.")
