from typing import Any


class UnmanagedModelsRouter:
    """Models Django does not manage (``Meta.managed = False``) have no table of ours.

    The reports' permission holder is one: nothing is stored in it, so it is neither migrated
    nor dumped. Without this, ``dumpdata`` of the whole database queried a table that does not
    exist. Its content type and permission are still created (they live in other tables).
    """

    def allow_migrate(
        self, db: str, app_label: str, model_name: str | None = None, **hints: Any
    ) -> bool | None:
        model = hints.get("model")
        if model is not None and not model._meta.managed:
            return False
        return None
