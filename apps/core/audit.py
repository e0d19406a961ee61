"""The admin's "Recent actions" for changes made through services, whatever the channel.

The admin logs its own form saves; issuing, revoking and correcting go through services (from
the admin's actions, the API and commands alike), so the services log them here.
"""

from collections.abc import Sequence

from django.contrib.admin.models import ADDITION, CHANGE, LogEntry
from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db import models

__all__ = ["ADDITION", "CHANGE", "actions_log"]


def actions_log(
    *,
    user: AbstractBaseUser | AnonymousUser | None,
    objects: Sequence[models.Model],
    action_flag: int,
    message: str,
) -> None:
    """Log one entry per object for ``user``; nothing without a user (e.g. a command run alone)."""
    if user is None or not user.is_authenticated or not objects:
        return
    LogEntry.objects.log_actions(
        user_id=user.pk,
        queryset=objects,
        action_flag=action_flag,
        change_message=message,
        single_object=len(objects) == 1,
    )
