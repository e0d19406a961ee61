"""ASGI entry point: serve ``trainingdb.asgi:application`` with any ASGI server."""

import os

from django.conf import settings
from django.core.asgi import get_asgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "trainingdb.settings")

application = get_asgi_application()

# As in wsgi.py: an ASGI server runs no system checks either.
if not settings.DEBUG:
    from apps.core.checks import refuse_to_start_on_errors

    refuse_to_start_on_errors()
