from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    """Pieces shared by every domain app: dates with precision, bilingual fields, fixtures."""

    name = "apps.core"
    verbose_name = _("Core")

    def ready(self) -> None:
        from apps.core import checks  # noqa: F401 (registers the checks)
        from apps.core.fixtures import connect_fixture_receivers

        connect_fixture_receivers()
