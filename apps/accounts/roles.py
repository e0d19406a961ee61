"""The two roles every installation starts with, as groups of model permissions.

Registrars view, add and change every record and delete none (records are permanent; a
superuser may delete what nothing rests on), and merge people found to be one. Viewers view
every record. Both read the reports (``reports.view_report``).
"""

from typing import Any

DOMAIN_APPS = (
    "organisations",
    "people",
    "programmes",
    "courses",
    "enrolments",
    "certificates",
    "sources",
    "imports",
    "reports",
)
REGISTRAR = "Registrar"
VIEWER = "Viewer"
ROLE_ACTIONS: dict[str, tuple[str, ...]] = {
    REGISTRAR: ("view", "add", "change"),
    VIEWER: ("view",),
}
# Permissions of a role beyond its actions on every model ("app_label.codename").
ROLE_EXTRA_PERMISSIONS: dict[str, tuple[str, ...]] = {
    REGISTRAR: ("people.merge_person",),
    VIEWER: (),
}


def roles_sync(*, group_model: Any, permission_model: Any) -> None:
    """Give each role exactly its permissions on the domain apps' models.

    Takes the models as arguments so that data migrations can pass their historical ones.
    """
    for role, actions in ROLE_ACTIONS.items():
        group, _created = group_model.objects.get_or_create(name=role)
        permissions = [
            permission
            for permission in permission_model.objects.filter(
                content_type__app_label__in=DOMAIN_APPS
            ).select_related("content_type")
            if permission.codename.split("_", 1)[0] in actions
            or f"{permission.content_type.app_label}.{permission.codename}"
            in ROLE_EXTRA_PERMISSIONS[role]
        ]
        group.permissions.set(permissions)
