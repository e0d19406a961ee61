from collections.abc import Iterable
from typing import Any

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


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
