from django.apps import AppConfig


class PeopleConfig(AppConfig):
    """People who train or attend courses, and trainers' profiles."""

    name = "apps.people"
    verbose_name = "People"
