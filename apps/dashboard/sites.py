"""The admin site whose first page is the dashboard (``apps.dashboard.selectors``)."""

from typing import Any

from django.contrib import admin
from django.http import HttpRequest
from django.template.response import TemplateResponse
from django.utils import timezone

from apps.core.permissions import ISSUE_CERTIFICATES
from apps.dashboard.links import dashboard_links
from apps.dashboard.selectors import dashboard


class DashboardAdminSite(admin.AdminSite):
    """Django's admin site; its index shows the dashboard above the list of models."""

    index_template = "admin/dashboard/index.html"

    def index(
        self, request: HttpRequest, extra_context: dict[str, Any] | None = None
    ) -> TemplateResponse:
        today = timezone.localdate()
        board = dashboard(user=request.user, today=today)
        context = {
            "dashboard": board,
            "dashboard_links": dashboard_links(board),
            # The course list's action checks the same permissions before it issues anything.
            "may_issue_certificates": request.user.has_perms(ISSUE_CERTIFICATES),
            **(extra_context or {}),
        }
        return super().index(request, context)
