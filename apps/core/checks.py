"""System checks of the production configuration (``manage.py check --deploy``).

Some would otherwise show up as 500s; all are run as the app starts under a WSGI server
(``trainingdb/wsgi.py``), since gunicorn runs no system checks itself.
"""

from typing import Any

from django.apps import apps
from django.conf import settings
from django.contrib.staticfiles import finders
from django.contrib.staticfiles.storage import ManifestFilesMixin
from django.core import checks
from django.core.checks import CheckMessage, Tags, register
from django.core.checks import Warning as CheckWarning
from django.core.files.storage import storages
from django.core.management.base import SystemCheckError

COLLECTSTATIC_HINT = (
    "Run 'manage.py collectstatic --noinput' before serving ('make serve' does it), "
    "after every upgrade."
)


@checks.register(deploy=True)
def staticfiles_manifest_check(
    app_configs: object = None, **kwargs: object
) -> list[checks.CheckMessage]:
    """With DEBUG off, a page that links a static file missing from the manifest is a 500.

    The admin's login, the API docs and the browsable API all link some: the manifest of the
    collected files must be there and name every static file the apps have.
    """
    storage = storages["staticfiles"]
    if settings.DEBUG or not isinstance(storage, ManifestFilesMixin):
        return []
    if storage.read_manifest() is None:
        return [
            checks.Error(
                f"The static files' manifest {storage.path(storage.manifest_name)} is missing: "
                "every page that uses static files (the admin, the API docs) would answer 500.",
                hint=COLLECTSTATIC_HINT,
                id="core.E001",
            )
        ]
    hashed_files, _manifest_hash = storage.load_manifest()
    uncollected = sorted(static_file_names() - set(hashed_files))
    if uncollected:
        return [
            checks.Error(
                f"The static files' manifest lacks {len(uncollected)} static file(s), e.g. "
                f"{', '.join(uncollected[:3])}: collected before the last upgrade? The pages "
                "that use them would answer 500.",
                hint=COLLECTSTATIC_HINT,
                id="core.E002",
            )
        ]
    return []


def static_file_names() -> set[str]:
    """The names of the static files ``collectstatic`` would collect."""
    ignore_patterns = apps.get_app_config("staticfiles").ignore_patterns
    names = set()
    for finder in finders.get_finders():
        for path, storage in finder.list(ignore_patterns):
            prefix = getattr(storage, "prefix", None)
            names.add(f"{prefix}/{path}" if prefix else path)
    return {name.replace("\\", "/") for name in names}


def refuse_to_start_on_errors() -> None:
    """Raise the errors of the system checks, deployment checks included, if there are any."""
    errors = [
        message
        for message in checks.run_checks(include_deployment_checks=True)
        if message.is_serious() and not message.is_silenced()
    ]
    if errors:
        raise SystemCheckError(
            "TrainingDB refuses to start:\n" + "\n".join(str(error) for error in errors)
        )


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
