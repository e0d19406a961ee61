"""Public certificate verification (JSON), under /api/v1/verify/."""

from django.urls import path

from apps.certificates.api.verification import CertificateVerificationView

app_name = "verification-api"

urlpatterns = [
    # ``path`` (any characters, slashes too) so that every malformed code reaches the view and
    # gets the same 404 as an unknown one.
    path("<path:code>/", CertificateVerificationView.as_view(), name="verify"),
]
