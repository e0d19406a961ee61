from django.apps import AppConfig


class CoursesConfig(AppConfig):
    """Courses, their parts and the trainers who delivered them."""

    name = "apps.courses"
    verbose_name = "Courses"
