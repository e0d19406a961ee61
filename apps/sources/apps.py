from django.apps import AppConfig


class SourcesConfig(AppConfig):
    """The documents that records rest on, and who reported them from whom."""

    name = "apps.sources"
    verbose_name = "Sources"
