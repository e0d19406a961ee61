from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OrganisationsConfig(AppConfig):
    """Ministries, NATO and its commands, training teams, publishers."""

    name = "apps.organisations"
    verbose_name = _("Organisations")
