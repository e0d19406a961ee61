from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SourcesConfig(AppConfig):
    """The documents that records rest on, and who reported them from whom."""

    name = "apps.sources"
    verbose_name = _("Sources")
