from typing import Any

from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from apps.core.permissions import VIEW_ATTENDANCE
from apps.courses.models import Course


class CourseReportsAdminMixin:
    """A link above a course's page to its attendance list (printable and downloadable).

    Mixed into the course's ModelAdmin beside the certificates' and imports' mixins.
    """

    def render_change_form(
        self,
        request: HttpRequest,
        context: dict[str, Any],
        add: bool = False,
        change: bool = False,
        form_url: str = "",
        obj: Course | None = None,
    ) -> HttpResponse:
        if obj is not None and request.user.has_perms(VIEW_ATTENDANCE):
            tool = {
                "label": _("Attendance list"),
                "url": reverse("reports:course-attendance", args=[obj.pk]),
            }
            context["extra_object_tools"] = [*context.get("extra_object_tools", []), tool]
        return super().render_change_form(request, context, add, change, form_url, obj)
