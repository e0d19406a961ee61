from django.apps import AppConfig


class CertificatesConfig(AppConfig):
    """Certificates issued to participants who completed a course."""

    name = "apps.certificates"
    verbose_name = "Certificates"
