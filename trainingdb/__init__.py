"""TrainingDB's project package: settings, URLs, entry points and the Celery app."""

# Loaded with Django, so that tasks queued by the app servers use this app's settings.
from trainingdb.celery import app as celery_app

__all__ = ("celery_app",)
