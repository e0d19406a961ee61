"""WSGI entry point: serve ``trainingdb.wsgi:application`` with any WSGI server."""

import os

from django.conf import settings
from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "trainingdb.settings")

application = get_wsgi_application()

# A WSGI server (gunicorn …) runs no system checks: in production, an error (no collected
# static files, say) stops it here rather than turning pages into 500s. runserver, in
# development, runs them itself.
if not settings.DEBUG:
    from apps.core.checks import refuse_to_start_on_errors

    refuse_to_start_on_errors()
