from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CertificatesConfig(AppConfig):
    """Certificates issued to participants who completed a course."""

    name = "apps.certificates"
    verbose_name = _("Certificates")
