from django.contrib import admin
from django.urls import include, path, re_path
from django.views.generic import TemplateView
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView

from apps.core.api.views import ApiRootView, api_not_found
from apps.core.views import favicon

admin.site.site_header = "TrainingDB"
admin.site.site_title = "TrainingDB"
admin.site.index_title = "Training records"

api_v1 = [
    path("", ApiRootView.as_view(), name="api-root"),
    path("", include("apps.organisations.api.urls")),
    path("", include("apps.programmes.api.urls")),
    path("", include("apps.courses.api.urls")),
    path("", include("apps.people.api.urls")),
    path("", include("apps.enrolments.api.urls")),
    path("", include("apps.certificates.api.urls")),
    path("", include("apps.sources.api.urls")),
    path("verify/", include("apps.certificates.api.verification_urls")),
]

urlpatterns = [
    path("", TemplateView.as_view(template_name="home.html"), name="home"),
    path("favicon.ico", favicon, name="favicon"),
    path("admin/", admin.site.urls),
    path("verify/", include("apps.certificates.urls")),
    path("api/v1/", include(api_v1)),
    path("api/schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path("api/docs/", SpectacularSwaggerView.as_view(url_name="api-schema"), name="api-docs"),
    re_path(r"^api/(?P<path>.*)$", api_not_found),
]
