from importlib import import_module

from django.contrib import admin
from django.urls import include, path, re_path
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from drf_spectacular.views import SpectacularSwaggerSplitView

from apps.core.api.schema_cache import CachedSchemaView
from apps.core.api.views import ApiRootView, api_not_found
from apps.core.views import favicon, healthz

admin.site.site_header = "TrainingDB"
admin.site.site_title = "TrainingDB"
admin.site.index_title = _("Training records")

# The apps whose ``api/urls.py`` is served under /api/v1/, in the API root's order. Each
# module names its namespace (``app_name``) and registers its resources on ``router``.
API_APPS = (
    "organisations",
    "programmes",
    "courses",
    "people",
    "enrolments",
    "certificates",
    "sources",
    "imports",
    "reports",
)
API_URLCONFS = [import_module(f"apps.{app}.api.urls") for app in API_APPS]


def api_resources() -> dict[str, str]:
    """Every router-registered resource: its prefix and the URL name of its list."""
    return {
        prefix: f"{urlconf.app_name}:{basename}-list"
        for urlconf in API_URLCONFS
        for prefix, _viewset, basename in urlconf.router.registry
    }


api_v1 = [
    path("", ApiRootView.as_view(resources=api_resources()), name="api-root"),
    *(path("", include(urlconf)) for urlconf in API_URLCONFS),
    path("verify/", include("apps.certificates.api.verification_urls")),
    path("auth/", include("apps.accounts.api.urls")),
]

urlpatterns = [
    path("", TemplateView.as_view(template_name="home.html"), name="home"),
    path("favicon.ico", favicon, name="favicon"),
    path("healthz", healthz, name="healthz"),
    # Before the admin's own URLs, whose catch-all would answer 404 for "reports/".
    path("admin/reports/", include("apps.reports.urls")),
    path("admin/", admin.site.urls),
    # The admin's language switch posts here (Django's set_language: a cookie, no session).
    path("i18n/", include("django.conf.urls.i18n")),
    path("accounts/", include("apps.accounts.urls")),
    path("verify/", include("apps.certificates.urls")),
    path("", include("apps.catalogue.urls")),
    # The browsable API's session login and logout (django-axes counts its failures too).
    path("api-auth/", include("rest_framework.urls")),
    path("api/v1/", include(api_v1)),
    path("api/schema/", CachedSchemaView.as_view(), name="api-schema"),
    # The split view serves Swagger UI's start-up script from its own URL (?script), not inline.
    path(
        "api/docs/",
        SpectacularSwaggerSplitView.as_view(
            url_name="api-schema", template_name="api/swagger_ui.html"
        ),
        name="api-docs",
    ),
    re_path(r"^api/(?P<path>.*)$", api_not_found),
]
