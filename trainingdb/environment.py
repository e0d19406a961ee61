"""Checking the configuration read from the environment, for ``settings.py``.

Each function takes what the environment gave and returns the value the settings use, or
refuses to start (``ImproperlyConfigured``, saying what to set) where production would run
unsafely. Kept apart so that ``settings.py`` reads as settings; it imports no Django setting.
"""

from typing import Any
from urllib.parse import urlsplit

from django.core.exceptions import ImproperlyConfigured

from apps.core.sites import url_is_loopback

# Django's own checks call any key shorter than 50 characters, with fewer than 5 distinct
# characters or starting "django-insecure-" insecure; production refuses to start with one.
DEVELOPMENT_SECRET_KEY = "django-insecure-trainingdb-development-only-never-in-production"


def checked_secret_key(secret_key: str, *, debug: bool) -> str:
    """``SECRET_KEY``: a strong one in production; in development a fixed one if none is set."""
    if not secret_key:
        if not debug:
            raise ImproperlyConfigured(
                "SECRET_KEY is not set. Production (DEBUG off) needs a real secret key in the "
                "environment; for development set DEBUG=true."
            )
        return DEVELOPMENT_SECRET_KEY
    if not debug and (
        len(secret_key) < 50
        or len(set(secret_key)) < 5
        or secret_key.startswith("django-insecure-")
    ):
        raise ImproperlyConfigured(
            "SECRET_KEY is too weak for production: use at least 50 random characters "
            '(python -c "import secrets; print(secrets.token_urlsafe(50))").'
        )
    return secret_key


def tuned_database(database: dict[str, Any], *, conn_max_age: int) -> dict[str, Any]:
    """The database ``DATABASE_URL`` names, with its connections' lifetime and checks."""
    database["CONN_MAX_AGE"] = conn_max_age
    database["CONN_HEALTH_CHECKS"] = True
    if database["ENGINE"] == "django.db.backends.sqlite3":
        # Writers wait for each other's transactions instead of failing with "database is
        # locked".
        database.setdefault("OPTIONS", {})["transaction_mode"] = "IMMEDIATE"
    return database


def cache_backend(redis_url: str, *, key_prefix: str) -> dict[str, Any]:
    """The shared cache in Redis when ``REDIS_URL`` is set, else memory local to the process.

    Local memory is enough for a single server; several share their throttle counts,
    sessions and the API schema only through Redis.
    """
    if not redis_url:
        return {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    return {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": redis_url,
        "KEY_PREFIX": key_prefix,
    }


def checked_site_base_url(site_base_url: str, *, debug: bool, port: int) -> str:
    """``SITE_BASE_URL`` without its trailing "/": a scheme and a host, https in production.

    In development (``debug``) it defaults to the port ``make run`` serves on.
    """
    site_base_url = site_base_url.rstrip("/")
    if not site_base_url:
        if not debug:
            raise ImproperlyConfigured(
                "SITE_BASE_URL is not set. Production (DEBUG off) needs the public address "
                "that certificates print, e.g. https://trainingdb.example.org; for "
                "development set DEBUG=true."
            )
        site_base_url = f"http://127.0.0.1:{port}"
    site = urlsplit(site_base_url)
    if (
        site.scheme not in {"http", "https"}
        or not site.hostname
        or site.path
        or site.query
        or site.fragment
        or site.username
        or site.password
    ):
        raise ImproperlyConfigured(
            f"SITE_BASE_URL must be a scheme and a host, e.g. https://trainingdb.example.org "
            f"(an optional port, no path): {site_base_url!r}."
        )
    # Plain http only for a trial on this machine (`make serve` on 127.0.0.1), where issuing
    # is refused anyway: no certificate may print a loopback address.
    if not debug and site.scheme != "https" and not url_is_loopback(site_base_url):
        raise ImproperlyConfigured(
            f"SITE_BASE_URL must use https in production (DEBUG off), unless it names this "
            f"machine (127.0.0.1, localhost) for a trial: {site_base_url!r}."
        )
    return site_base_url
