from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CatalogueConfig(AppConfig):
    """The public catalogue's feeds: the course calendar (/calendar.ics)."""

    name = "apps.catalogue"
    verbose_name = _("Catalogue")
