from django.apps import AppConfig


class DemoConfig(AppConfig):
    """Realistic demonstration data at any size, above every domain app; no models of its own."""

    name = "apps.demo"
    verbose_name = "Demonstration data"
