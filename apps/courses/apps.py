from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoursesConfig(AppConfig):
    """Courses, their parts and the trainers who delivered them."""

    name = "apps.courses"
    verbose_name = _("Courses")
