from pathlib import Path

import pytest
from django.core.management import call_command
from django.test import override_settings

# Collects as production does, without WhiteNoise's compression (a minute of CPU): the same
# manifest, which is what the pages and the deployment checks read.
MANIFEST_STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.ManifestStaticFilesStorage"},
}


@pytest.fixture(scope="session")
def collected_static_root(tmp_path_factory) -> Path:
    """A STATIC_ROOT into which ``collectstatic`` has collected every static file."""
    static_root = tmp_path_factory.mktemp("staticfiles")
    with override_settings(STATIC_ROOT=static_root, STORAGES=MANIFEST_STORAGES):
        call_command("collectstatic", interactive=False, verbosity=0)
    return static_root
