"""What /healthz probes: the services a request may need, each answering "ok" or not.

A check is a function that returns when its service works and raises when it does not. The
answer names each service and says "ok" or "unavailable", nothing more: what went wrong is
logged, never shown.
"""

import logging
import uuid
from collections.abc import Callable

import redis
from django.conf import settings
from django.core.cache import cache
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import connection

logger = logging.getLogger(__name__)

OK = "ok"
UNAVAILABLE = "unavailable"
# Long enough for a loaded server, short enough for a load balancer's probe.
QUEUE_TIMEOUT_SECONDS = 2


class HealthCheckFailed(Exception):
    """A service answered, but not what it was asked to keep."""


def database_check() -> None:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()


def cache_check() -> None:
    key = f"healthz:{uuid.uuid4().hex}"
    cache.set(key, OK, timeout=10)
    try:
        if cache.get(key) != OK:
            raise HealthCheckFailed("the cache lost a value it had just stored")
    finally:
        cache.delete(key)


def storage_check() -> None:
    """Stored files (certificate PDFs under MEDIA_ROOT) can be written, read and deleted."""
    content = uuid.uuid4().hex.encode()
    name = default_storage.save(f"healthz-{uuid.uuid4().hex}.txt", ContentFile(content))
    try:
        with default_storage.open(name) as stored:
            if stored.read() != content:
                raise HealthCheckFailed("the storage gave back other bytes than it stored")
    finally:
        default_storage.delete(name)


def queue_check() -> None:
    """The worker queue's broker (Redis) answers."""
    broker = redis.Redis.from_url(
        settings.CELERY_BROKER_URL,
        socket_timeout=QUEUE_TIMEOUT_SECONDS,
        socket_connect_timeout=QUEUE_TIMEOUT_SECONDS,
    )
    try:
        broker.ping()
    finally:
        broker.close()


def health_checks() -> dict[str, Callable[[], None]]:
    """The services this installation uses, by the name /healthz gives them."""
    checks = {"database": database_check, "cache": cache_check, "storage": storage_check}
    if settings.CELERY_BROKER_URL:
        checks["queue"] = queue_check
    return checks


def health() -> dict[str, str]:
    """Each service's state, "ok" or "unavailable"; the failures are logged with their cause."""
    states = {}
    for name, check in health_checks().items():
        try:
            check()
        except Exception:
            logger.exception("Health check failed: %s", name)
            states[name] = UNAVAILABLE
        else:
            states[name] = OK
    return states
