from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from apps.core.admin import ObjectToolsMixin
from apps.core.permissions import VIEW_ATTENDANCE
from apps.courses.models import Course


class CourseReportsAdminMixin(ObjectToolsMixin):
    """A button above a course's page to its attendance list (printable and downloadable).

    Mixed into the course's ModelAdmin beside the certificates' and imports' mixins.
    """

    def get_object_tools(self, request: HttpRequest, obj: Course) -> list[dict[str, str]]:
        tools = super().get_object_tools(request, obj)
        if request.user.has_perms(VIEW_ATTENDANCE):
            url = reverse("reports:course-attendance", args=[obj.pk])
            tools.append({"label": _("Attendance list"), "url": url})
        return tools
