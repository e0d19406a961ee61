from django.apps import AppConfig


class ProgrammesConfig(AppConfig):
    """Cooperation programmes between a partner and NATO (IPCP, IPAP, ITPP, PARP)."""

    name = "apps.programmes"
    verbose_name = "Cooperation programmes"
