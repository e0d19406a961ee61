from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProgrammesConfig(AppConfig):
    """Cooperation programmes between a partner and NATO (IPCP, IPAP, ITPP, PARP)."""

    name = "apps.programmes"
    verbose_name = _("Cooperation programmes")
