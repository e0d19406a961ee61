from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps
from django.utils.translation import gettext_lazy as _


class DashboardConfig(AppConfig):
    """The admin's first page: what needs doing (courses to come, certificates to issue,
    failed PDFs) and the year's figures, above the list of models."""

    name = "apps.dashboard"
    verbose_name = _("Dashboard")
    default = True


class DashboardAdminConfig(admin_apps.AdminConfig):
    """Django's admin, with the dashboard's site as ``admin.site``.

    Listed in ``INSTALLED_APPS`` instead of ``django.contrib.admin``: every app's
    ``admin.site.register`` and ``@admin.register`` then register on this site.
    """

    default = False  # apps.dashboard's own config is DashboardConfig
    default_site = "apps.dashboard.sites.DashboardAdminSite"
