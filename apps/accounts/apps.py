import logging
from typing import Any

from django.apps import AppConfig, apps
from django.conf import settings
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _

logger = logging.getLogger(__name__)

TWO_FACTOR_OFF = (
    "REQUIRE_2FA is off: staff reach the admin with a password alone. Turn it back on once "
    "the administrators have enrolled an authenticator app."
)


class AccountsConfig(AppConfig):
    """Users, roles and the admin login that ``make run`` makes sure of."""

    name = "apps.accounts"
    verbose_name = _("Accounts")

    def ready(self) -> None:
        post_migrate.connect(_sync_roles, dispatch_uid="apps.accounts.sync_roles")
        two_factor_warn_if_off()


def two_factor_warn_if_off() -> None:
    """Production without two factors is a choice someone made: the log says so at startup."""
    if not settings.REQUIRE_2FA and not settings.DEBUG:
        logger.warning(TWO_FACTOR_OFF)


def _sync_roles(*, app_config: AppConfig, **kwargs: Any) -> None:
    """Keep the roles complete after every migrate, and after a test database's flush.

    The data migration creates the roles; this gives them the permissions of models added
    since and recreates them when ``flush`` has emptied the tables. It runs once all apps'
    permissions exist, after the post_migrate of the last app that has models (Django sends
    none for an app without a models module, such as ``apps.demo``).
    """
    with_models = [config for config in apps.get_app_configs() if config.models_module]
    if app_config is not with_models[-1]:
        return
    from django.contrib.auth.models import Group, Permission

    from apps.accounts.roles import roles_sync

    roles_sync(group_model=Group, permission_model=Permission)
