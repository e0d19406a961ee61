from collections.abc import Iterable
from typing import Any

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from apps.core.names import fold_name


class TimeStampedModel(models.Model):
    """When a record was created and last changed.

    Defaults rather than ``auto_now``: ``loaddata`` saves raw, without ``pre_save``, and
    fixtures must not carry made-up timestamps.
    """

    created_at = models.DateTimeField(_("created at"), default=timezone.now, editable=False)
    updated_at = models.DateTimeField(_("updated at"), default=timezone.now, editable=False)

    class Meta:
        abstract = True

    def save(self, *args: Any, update_fields: Iterable[str] | None = None, **kwargs: Any) -> None:
        if update_fields is None:
            self.updated_at = timezone.now()
        elif update_fields:  # an empty list saves nothing, as Django documents
            self.updated_at = timezone.now()
            update_fields = {*update_fields, "updated_at"}
        super().save(*args, update_fields=update_fields, **kwargs)


class SlugNaturalKeyManager(models.Manager):
    """Finds a record by its slug, the natural key that fixtures refer to it by."""

    def get_by_natural_key(self, slug: str) -> models.Model:
        return self.get(slug=slug)


NAME_UPDATE_ERROR = "Names change through save() or bulk_update(), which fold them again: {fields}."


class FoldedNamesQuerySet(models.QuerySet):
    """Bulk writes that keep the folded names right, as ``save()`` does."""

    def bulk_create(self, objs: Iterable[Any], *args: Any, **kwargs: Any) -> list[Any]:
        objs = list(objs)
        for obj in objs:
            obj.fold_names()
        return super().bulk_create(objs, *args, **kwargs)

    def bulk_update(
        self, objs: Iterable[Any], fields: Iterable[str], *args: Any, **kwargs: Any
    ) -> int:
        objs, fields = list(objs), list(fields)
        refolded = self.model.folded_fields_of(fields)
        if refolded:
            for obj in objs:
                obj.fold_names()
            fields = [*fields, *(field for field in refolded if field not in fields)]
        return super().bulk_update(objs, fields, *args, **kwargs)

    def update(self, **kwargs: Any) -> int:
        # One value for many rows cannot be folded with each row's other name parts; only
        # an update that sets the folded values too (as bulk_update does) may set names.
        sources = sorted(set(kwargs) & self.model.name_sources())
        if not set(self.model.folded_fields_of(sources)) <= set(kwargs):
            raise ValueError(NAME_UPDATE_ERROR.format(fields=", ".join(sources)))
        return super().update(**kwargs)


class FoldedNamesModel(models.Model):
    """A model that stores its names folded (``apps.core.names.fold_name``) for searching.

    ``FOLDED_NAMES`` maps each folded field to the name fields it folds, joined by spaces.
    Saving, ``bulk_create`` and ``bulk_update`` fold again, and so does loading a fixture
    (``apps.core.fixtures`` folds before a raw save): a file's folded values are never trusted.
    """

    FOLDED_NAMES: dict[str, tuple[str, ...]] = {}

    class Meta:
        abstract = True

    def save(self, *args: Any, update_fields: Iterable[str] | None = None, **kwargs: Any) -> None:
        self.fold_names()
        if update_fields:
            update_fields = {*update_fields, *self.folded_fields_of(update_fields)}
        super().save(*args, update_fields=update_fields, **kwargs)

    @classmethod
    def name_sources(cls) -> set[str]:
        return {source for sources in cls.FOLDED_NAMES.values() for source in sources}

    @classmethod
    def folded_fields_of(cls, fields: Iterable[str]) -> list[str]:
        """The folded fields that depend on any of ``fields``."""
        fields = set(fields)
        return [folded for folded, sources in cls.FOLDED_NAMES.items() if fields & set(sources)]

    def fold_names(self) -> None:
        for folded, sources in self.FOLDED_NAMES.items():
            setattr(self, folded, fold_name(" ".join(getattr(self, field) for field in sources)))
