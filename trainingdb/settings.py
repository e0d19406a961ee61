"""TrainingDB settings: one module, configured from the environment (12-factor).

Development: ``DEBUG=true`` (the Makefile sets it for ``make run`` and ``make test``, and
``make run`` writes it, with a generated development key, to the git-ignored ``.env``).
Production: ``DEBUG`` unset or false, with ``SECRET_KEY``, ``ALLOWED_HOSTS`` and
``SITE_BASE_URL`` set; the security settings below then switch on and
``manage.py check --deploy`` passes.
See README.md, "Configuration".
"""

import os
from datetime import timedelta
from pathlib import Path
from urllib.parse import urlsplit

import environ
from csp.constants import NONE, SELF
from django.utils.translation import gettext_lazy as _

from apps.core.api import documentation as api_documentation
from trainingdb.environment import (
    cache_backend,
    checked_secret_key,
    checked_site_base_url,
    tuned_database,
)

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()
# A local .env file is read when present (git-ignored; `make run` writes one for development,
# so that manage.py commands typed in the shell run as they do under make); real environment
# variables win. ENV_FILE names another file, or none when empty.
ENV_FILE = os.environ.get("ENV_FILE", str(BASE_DIR / ".env"))
if ENV_FILE:
    environ.Env.read_env(ENV_FILE, overwrite=False)

DEBUG = env.bool("DEBUG", default=False)

# Production refuses to start without a strong key; development has a fixed one.
SECRET_KEY = checked_secret_key(env.str("SECRET_KEY", default=""), debug=DEBUG)

ALLOWED_HOSTS = env.list(
    "ALLOWED_HOSTS", default=["localhost", "127.0.0.1", "[::1]"] if DEBUG else []
)
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])
CSRF_FAILURE_VIEW = "apps.core.api.middleware.csrf_failure"

INSTALLED_APPS = [
    # Django's admin, whose first page is the dashboard (apps/dashboard).
    "apps.dashboard.apps.DashboardAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "csp",
    "rest_framework",
    "knox",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_countries",
    "simple_history",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "apps.core",
    "apps.accounts",
    "apps.organisations",
    "apps.people",
    "apps.programmes",
    "apps.courses",
    "apps.enrolments",
    "apps.certificates",
    "apps.sources",
    "apps.imports",
    "apps.dashboard",
    "apps.catalogue",
    "apps.reports",
    "apps.demo",
]

MIDDLEWARE = [
    # First: it turns any error under /api/ that is not JSON yet into the API's error shape.
    "apps.core.api.middleware.ApiErrorsAsJsonMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_permissions_policy.PermissionsPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "apps.core.middleware.QueryLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "apps.accounts.middleware.AdminTwoFactorMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Last: it turns a login that django-axes refused into the lockout answer.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "trainingdb.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

WSGI_APPLICATION = "trainingdb.wsgi.application"
ASGI_APPLICATION = "trainingdb.asgi.application"

# SQLite in a git-ignored file of the project unless DATABASE_URL names another database,
# e.g. postgres://user:password@host:5432/trainingdb in production.
# Connections kept between requests in production: opening one costs about 2 ms on a local
# PostgreSQL, more across a network, on every request. Checked before reuse. Development
# (DEBUG) opens one per request, so a restarted database never leaves a stale one.
DATABASES = {
    "default": tuned_database(
        env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        conn_max_age=env.int("CONN_MAX_AGE", default=0 if DEBUG else 60),
    )
}
# Models without a table of ours are neither migrated nor dumped (apps/core/routers.py).
DATABASE_ROUTERS = ["apps.core.routers.UnmanagedModelsRouter"]

FIXTURE_DIRS = [BASE_DIR / "fixtures"]

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# The shared cache: Redis when REDIS_URL is set (several app servers share it: throttle
# counts, sessions, the API schema). REDIS_KEY_PREFIX starts every key this installation
# writes in Redis (the cache's, and the worker queue's when CELERY_BROKER_URL is the same
# Redis), so that several installations can share one Redis database.
REDIS_URL = env.str("REDIS_URL", default="")
REDIS_KEY_PREFIX = env.str("REDIS_KEY_PREFIX", default="")
CACHES = {"default": cache_backend(REDIS_URL, key_prefix=REDIS_KEY_PREFIX)}
if REDIS_URL:
    # Read from the shared cache, written through to the database: a Redis restart or an
    # eviction logs nobody out. Without Redis sessions stay in the database alone: a cached
    # copy in one process's memory would outlive a logout made through another process.
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"

# Certificate PDFs are rendered by Celery workers when a broker (Redis) is set; without one,
# in the issuing process after commit. /healthz probes the broker when set. See README,
# "Workers"; the worker reads these settings (trainingdb/celery.py).
CELERY_BROKER_URL = env.str("CELERY_BROKER_URL", default="")
if REDIS_KEY_PREFIX:
    CELERY_BROKER_TRANSPORT_OPTIONS = {"global_keyprefix": REDIS_KEY_PREFIX}
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# Nothing reads a task's return value: progress is in the database (each PDF's status).
CELERY_TASK_IGNORE_RESULT = True
# A task is acknowledged once it has run, so one lost with its worker runs again; a worker
# takes one task at a time, leaving the others to idle workers.
CELERY_TASK_ACKS_LATE = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_WORKER_HIJACK_ROOT_LOGGER = False  # LOGGING below, as the app servers log
# How often a failed rendering is tried again by the worker (waiting longer each time, up to
# CERTIFICATE_PDF_RETRY_MAX_SECONDS) before its certificate's PDF is marked failed.
CERTIFICATE_PDF_RETRIES = env.int("CERTIFICATE_PDF_RETRIES", default=5)
CERTIFICATE_PDF_RETRY_MAX_SECONDS = env.int("CERTIFICATE_PDF_RETRY_MAX_SECONDS", default=600)

AUTHENTICATION_BACKENDS = [
    # First: it refuses a locked-out username and address before any password is checked.
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

# Failed logins (admin, the browsable API's login, the API's token login) are counted per
# username and client address (django-axes): after AXES_FAILURE_LIMIT failures that pair is
# locked out for AXES_COOLOFF_TIME, whatever the password. The counts are rows in the
# database, which every app server shares (as the cache is shared only with REDIS_URL set),
# so a lockout made on one server holds on all; and the unlock commands (axes_reset,
# axes_reset_username …) can find and delete them, which axes' cache handler cannot do for
# a username + address pair. See README, "Logging in".
AXES_HANDLER = "axes.handlers.database.AxesDatabaseHandler"
AXES_FAILURE_LIMIT = env.int("LOGIN_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = timedelta(minutes=env.int("LOGIN_LOCKOUT_MINUTES", default=15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
# The client's address as DRF's throttles find it, honouring NUM_PROXIES.
AXES_CLIENT_IP_CALLABLE = "apps.core.clients.client_address"
AXES_LOCKOUT_CALLABLE = "apps.accounts.lockout.lockout_response"
# Lockouts are listed and lifted with commands (axes_list_attempts, axes_reset_username …).
AXES_ENABLE_ADMIN = False
AXES_VERBOSE = False

# Staff reach the admin with a password and a code from an authenticator app (django-otp,
# TOTP), or a recovery code. On by default in production; REQUIRE_2FA=false turns it off
# (e.g. for a first login on a server where nobody has enrolled yet) and says so in the log.
REQUIRE_2FA = env.bool("REQUIRE_2FA", default=not DEBUG)
OTP_TOTP_ISSUER = "TrainingDB"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# English and French are NATO's official languages; bilingual fields hold both.
LANGUAGE_CODE = "en"
LANGUAGES = [("en", _("English")), ("fr", _("French"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
# Dates in each language's own format: British English here, Django's French as it is.
FORMAT_MODULE_PATH = ["trainingdb.formats"]
# The language chosen with the admin's switch: a cookie (stateless, whichever app server
# answers), read before Accept-Language; ``?lang=`` overrides both for one request.
LANGUAGE_COOKIE_HTTPONLY = True
LANGUAGE_COOKIE_SAMESITE = "Lax"
USE_I18N = True
# Certificates' issue dates are calendar dates in this time zone (see README).
TIME_ZONE = env.str("TIME_ZONE", default="UTC")
USE_TZ = True

# The public address of this installation: certificates print their verification URL (and
# its QR code) from it, for good, so it must be the address verifiers will reach. PDFs are
# rendered after commit, possibly outside any request, so it cannot come from a request.
# PORT is the port ``make run`` serves on (the Makefile exports it).
PORT = env.int("PORT", default=8000)
SITE_BASE_URL = checked_site_base_url(env.str("SITE_BASE_URL", default=""), debug=DEBUG, port=PORT)

STATIC_URL = "static/"
STATIC_ROOT = env.path("STATIC_ROOT", default=BASE_DIR / "staticfiles")
MEDIA_URL = "media/"
MEDIA_ROOT = env.path("MEDIA_ROOT", default=BASE_DIR / "media")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}

# Trusted reverse proxies in front of the app (nginx …). Their headers are believed only when
# some are configured: a client talking to the app directly could forge them.
NUM_PROXIES = env.int("NUM_PROXIES", default=0)
# Production must say it (a deploy check): 0 by default is wrong behind a proxy.
NUM_PROXIES_CONFIGURED = "NUM_PROXIES" in os.environ

if not DEBUG:
    if NUM_PROXIES > 0:
        SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = env.bool(
        "SECURE_SSL_REDIRECT", default=urlsplit(SITE_BASE_URL).scheme == "https"
    )
    # Load balancers and orchestrators probe the app directly, often over plain http.
    SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
    SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=60 * 60 * 24 * 365)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SESSION_COOKIE_SECURE = True
    LANGUAGE_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True

# Pages load only this site's own files, and run no inline script: no page has one (the API
# docs load Swagger UI's start-up script from a URL of their own).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "object-src": [NONE],
        "base-uri": [NONE],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}
# No page needs the browser's devices or payment: deny them to the site and anything it frames.
PERMISSIONS_POLICY = {
    feature: []
    for feature in (
        "accelerometer",
        "autoplay",
        "camera",
        "display-capture",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "usb",
    )
}

# Every change of a record is kept with who made it (django-simple-history). Reverting from
# the admin is off: it would bypass the services' rules (a certificate's status, for one).
SIMPLE_HISTORY_REVERT_DISABLED = True

REST_FRAMEWORK = {
    # Token first: its WWW-Authenticate header makes an anonymous request a 401, not a 403.
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "apps.core.api.authentication.TokenAuthentication",
        "apps.core.api.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["apps.core.api.permissions.ModelPermissions"],
    "DEFAULT_PAGINATION_CLASS": "apps.core.api.pagination.PageNumberPagination",
    "PAGE_SIZE": 25,
    "DEFAULT_FILTER_BACKENDS": [
        "apps.core.api.filters.FilterBackend",
        "apps.core.api.filters.NameSearchFilter",
        "apps.core.api.filters.StableOrderingFilter",
    ],
    "DEFAULT_RENDERER_CLASSES": [
        "apps.core.api.renderers.JSONRenderer",
        "rest_framework.renderers.BrowsableAPIRenderer",
        "apps.core.api.renderers.CSVRenderer",
    ],
    # CSV on lists only (``?format=csv`` elsewhere is a 404): the schema says the same.
    "DEFAULT_CONTENT_NEGOTIATION_CLASS": "apps.core.api.renderers.ListsOnlyCSVNegotiation",
    "DEFAULT_SCHEMA_CLASS": "apps.core.api.schema.AutoSchema",
    "EXCEPTION_HANDLER": "apps.core.api.exceptions.exception_handler",
    "TEST_REQUEST_DEFAULT_FORMAT": "json",
    # DRF's create answers a Location header from the field of this name; a source's "url" is
    # the article's address, not the source's, so the name must be one no serializer has.
    "URL_FIELD_NAME": "self_url",
    # Client addresses for throttling: REMOTE_ADDR unless the number of trusted proxies in
    # front of the app is given (X-Forwarded-For is otherwise trivially forged).
    "NUM_PROXIES": NUM_PROXIES,
    # Public certificate verification (pages, file check and API) per client IP; see
    # apps/certificates/throttling.py.
    "DEFAULT_THROTTLE_RATES": {
        "verification": env.str("VERIFICATION_THROTTLE_RATE", default="60/minute"),
    },
}

# API tokens (django-rest-knox): only a SHA-512 digest is stored, each expires, a user may
# hold several (one per client) and each is revoked on its own. Clients send them as
# "Authorization: Token <key>", as they did with DRF's tokens.
REST_KNOX = {
    "TOKEN_TTL": timedelta(days=env.int("API_TOKEN_TTL_DAYS", default=30)),
    "AUTH_HEADER_PREFIX": "Token",
    "USER_SERIALIZER": None,
}

# Failed lookups of one serial (with a wrong family name) per hour, from all clients together;
# after that the serial's lookup misses until the hour is over.
SERIAL_LOOKUP_FAILURES = env.int("SERIAL_LOOKUP_FAILURES", default=5)

# The largest file a verifier may upload to check it against an issued certificate's PDF.
# It is read into memory only, never stored.
CERTIFICATE_UPLOAD_MAX_BYTES = env.int("CERTIFICATE_UPLOAD_MAX_BYTES", default=5 * 1024 * 1024)

# The largest spreadsheet a registrar may import (admin and API); a larger one gets a 413.
IMPORT_UPLOAD_MAX_BYTES = env.int("IMPORT_UPLOAD_MAX_BYTES", default=20 * 1024 * 1024)

SPECTACULAR_SETTINGS = {
    "TITLE": "TrainingDB API",
    "DESCRIPTION": api_documentation.API_DESCRIPTION,
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    # Request bodies are JSON. The form parsers serve the browsable API's HTML forms only: a
    # form cannot carry null, nested objects or lists as the request schemas describe them.
    "PARSER_WHITELIST": ["rest_framework.parsers.JSONParser"],
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "apps.core.api.schema.forbid_nul_in_request_text",
    ],
    "ENUM_NAME_OVERRIDES": api_documentation.ENUM_NAME_OVERRIDES,
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    # WeasyPrint narrates every rendering step at INFO.
    "loggers": {
        "weasyprint": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
    },
}
