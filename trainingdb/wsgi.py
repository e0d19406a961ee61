"""WSGI entry point: serve ``trainingdb.wsgi:application`` with any WSGI server."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "trainingdb.settings")

application = get_wsgi_application()
