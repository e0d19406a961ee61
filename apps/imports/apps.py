from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ImportsConfig(AppConfig):
    """Participants in bulk: nomination and attendance spreadsheets, imported and undone."""

    name = "apps.imports"
    verbose_name = _("Imports")
