import pytest
from django.contrib.auth.models import Group

from apps.accounts.roles import DOMAIN_APPS, REGISTRAR, VIEWER

pytestmark = pytest.mark.django_db


def codenames(group_name: str) -> set[str]:
    group = Group.objects.get(name=group_name)
    return set(group.permissions.values_list("content_type__app_label", "codename"))


def test_registrars_view_add_and_change_every_record_and_delete_none():
    permissions = codenames(REGISTRAR)

    assert ("certificates", "change_certificate") in permissions
    assert ("people", "add_person") in permissions
    assert ("enrolments", "view_enrolment") in permissions
    assert ("reports", "view_report") in permissions
    assert not [codename for _app, codename in permissions if codename.startswith("delete_")]
    assert {app for app, _codename in permissions} == set(DOMAIN_APPS)


def test_viewers_only_view():
    permissions = codenames(VIEWER)

    assert ("people", "view_person") in permissions
    assert ("certificates", "view_certificate") in permissions
    assert ("reports", "view_report") in permissions
    assert all(codename.startswith("view_") for _app, codename in permissions)
    assert {app for app, _codename in permissions} == set(DOMAIN_APPS)
