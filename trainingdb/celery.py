"""The Celery app that renders certificate PDFs off the request (README, "Workers").

Configured from Django's settings named ``CELERY_…``; a worker runs with
``celery -A trainingdb worker`` (``make worker``) and finds the tasks in each app's
``tasks.py``.
"""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "trainingdb.settings")

app = Celery("trainingdb")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
