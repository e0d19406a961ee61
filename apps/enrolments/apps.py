from django.apps import AppConfig


class EnrolmentsConfig(AppConfig):
    """Who attended which course, and what they achieved."""

    name = "apps.enrolments"
    verbose_name = "Enrolments"
