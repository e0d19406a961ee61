"""Finding the records that natural keys name, in this load or in the database."""

from typing import Any

from django.core.exceptions import ObjectDoesNotExist
from django.db import models


class References:
    """The records found by natural key, from the database or created by this load."""

    def __init__(self, *, using: str) -> None:
        self.using = using
        self.by_key: dict[tuple[type[models.Model], tuple[Any, ...]], models.Model] = {}

    def referenced(self, model: type[models.Model], key: tuple[Any, ...]) -> models.Model | None:
        found = self.by_key.get((model, key))
        if found is None:
            try:
                found = model._default_manager.db_manager(self.using).get_by_natural_key(*key)
            except ObjectDoesNotExist:
                return None
            self.by_key[(model, key)] = found
        return found

    def own(self, model: type[models.Model], key: tuple[Any, ...]) -> models.Model | None:
        """The record whose own natural key ``key`` is.

        A reference may resolve to another record (a merged person's UID names the person
        kept in their place); a manager that resolves keys so says which record is the key's
        own with ``get_exact_by_natural_key``. The record itself, and its history rows, are
        that one.
        """
        exact = getattr(model._default_manager, "get_exact_by_natural_key", None)
        if exact is None:
            return self.referenced(model, key)
        try:
            return model._default_manager.db_manager(self.using).get_exact_by_natural_key(*key)
        except ObjectDoesNotExist:
            return None

    def remember(self, model: type[models.Model], key: tuple[Any, ...], instance: Any) -> None:
        """``instance``, just created, is the record of ``key`` from now on."""
        self.by_key[(model, key)] = instance
