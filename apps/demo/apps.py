from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DemoConfig(AppConfig):
    """Realistic demonstration data at any size, above every domain app; no models of its own."""

    name = "apps.demo"
    verbose_name = _("Demonstration data")
