from django.apps import AppConfig


class OrganisationsConfig(AppConfig):
    """Ministries, NATO and its commands, training teams, publishers."""

    name = "apps.organisations"
    verbose_name = "Organisations"
