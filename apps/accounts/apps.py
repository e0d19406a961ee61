from django.apps import AppConfig


class AccountsConfig(AppConfig):
    """Users, roles and the admin login that ``make run`` makes sure of."""

    name = "apps.accounts"
    verbose_name = "Accounts"
