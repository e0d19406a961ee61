from django.apps import AppConfig


class ImportsConfig(AppConfig):
    """Participants in bulk: nomination and attendance spreadsheets, imported and undone."""

    name = "apps.imports"
    verbose_name = "Imports"
