from django.apps import AppConfig


class CoreConfig(AppConfig):
    """Pieces shared by every domain app: dates with precision, bilingual fields."""

    name = "apps.core"
    verbose_name = "Core"
