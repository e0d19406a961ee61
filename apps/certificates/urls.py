"""Public certificate verification pages (HTML), under /verify/."""

from django.urls import path

from apps.certificates import views

app_name = "certificates"

urlpatterns = [
    path("", views.verify_lookup, name="lookup"),
    # ``path`` (any characters, slashes too) so that every malformed code reaches the view and
    # gets the same 404 as an unknown one.
    path("<path:code>/", views.verify_certificate, name="verify"),
]
