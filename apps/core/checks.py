"""Django system checks of the project's own settings (``manage.py check --deploy``)."""

from typing import Any

from django.conf import settings
from django.core.checks import CheckMessage, Tags, register
from django.core.checks import Warning as CheckWarning

NUM_PROXIES_UNSET = CheckWarning(
    "NUM_PROXIES is not set.",
    hint=(
        "Set it to the number of reverse proxies in front of the app (1 behind one nginx), "
        "or to 0 when clients reach the app directly. Left unset, behind a proxy every client "
        "has the proxy's address, and the verification throttle and the login lockout treat "
        "them all as one."
    ),
    id="trainingdb.W001",
)


@register(Tags.security, deploy=True)
def num_proxies_is_set(app_configs: Any, **kwargs: Any) -> list[CheckMessage]:
    """Production says how many proxies it trusts; a silent default would count wrong."""
    return [] if settings.NUM_PROXIES_CONFIGURED else [NUM_PROXIES_UNSET]
