from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PeopleConfig(AppConfig):
    """People who train or attend courses, and trainers' profiles."""

    name = "apps.people"
    verbose_name = _("People")
