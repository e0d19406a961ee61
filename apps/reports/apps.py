from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    """Figures computed from the records: per programme, partner and year, and per course."""

    name = "apps.reports"
    verbose_name = _("Reports")
