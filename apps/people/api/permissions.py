from apps.core.api.permissions import HasPermissions
from apps.core.permissions import MERGE_PEOPLE


class CanMergePeople(HasPermissions):
    required = MERGE_PEOPLE
