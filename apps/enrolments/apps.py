from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EnrolmentsConfig(AppConfig):
    """Who attended which course, and what they achieved."""

    name = "apps.enrolments"
    verbose_name = _("Enrolments")
