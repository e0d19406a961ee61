"""ASGI entry point: serve ``trainingdb.asgi:application`` with any ASGI server."""

import os

from django.core.asgi import get_asgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "trainingdb.settings")

application = get_asgi_application()
