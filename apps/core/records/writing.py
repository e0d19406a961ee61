"""Writing a model's checked entries in bulk, then the history rows of the whole load."""

from django.core.management.color import no_style
from django.db import connections, models
from django.utils import timezone

from apps.core.fixtures import history_manager
from apps.core.records.reading import Entry
from apps.core.records.references import References

BATCH_SIZE = 500


class Writer:
    """The bulk writes of one load, and what they leave for ``write_history``."""

    def __init__(self, *, references: References) -> None:
        self.references = references
        self.using = references.using
        self.history: list[tuple[type[models.Model], list[models.Model], bool, str]] = []
        self.explicit_pk_models: set[type[models.Model]] = set()

    def write(
        self,
        model: type[models.Model],
        created: list[Entry],
        changed: list[tuple[Entry, list[str]]],
        reason: str,
    ) -> None:
        manager = model._base_manager.db_manager(self.using)
        new = [entry.instance for entry in created]
        if new:
            if any(instance.pk is not None for instance in new):
                self.explicit_pk_models.add(model)
            # bulk_create stamps auto_now(_add) fields; a file's own times are kept, as
            # loaddata's raw saves keep them.
            stamped = [
                f
                for f in model._meta.concrete_fields
                if getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False)
            ]
            given = {
                (id(entry.instance), f.attname): getattr(entry.instance, f.attname)
                for entry in created
                for f in stamped
                if f.name in entry.data.get("fields", {})
            }
            manager.bulk_create(new, batch_size=BATCH_SIZE)
            if given:
                for entry in created:
                    for f in stamped:
                        if (id(entry.instance), f.attname) in given:
                            setattr(
                                entry.instance, f.attname, given[(id(entry.instance), f.attname)]
                            )
                manager.bulk_update(new, [f.name for f in stamped], batch_size=BATCH_SIZE)
            for entry in created:
                entry.instance._state.adding = False
                if entry.key is not None:
                    self.references.remember(entry.model, entry.key, entry.instance)
            self.history.append((model, new, False, reason))
        if changed:
            names = sorted(
                {name for _entry, difference in changed for name in difference}
                - {name for entry, _difference in changed for name in entry.m2m}
            )
            instances = [entry.instance for entry, _difference in changed]
            now = timezone.now()
            for entry, _difference in changed:
                if "updated_at" not in entry.data.get("fields", {}) and hasattr(
                    entry.instance, "updated_at"
                ):
                    entry.instance.updated_at = now
                    names = sorted({*names, "updated_at"})
            if names:
                manager.bulk_update(instances, names, batch_size=BATCH_SIZE)
            self.history.append((model, instances, True, reason))
        for entry in [*created, *(entry for entry, _difference in changed)]:
            for name, related in entry.m2m.items():
                getattr(entry.instance, name).set(related)

    def write_history(self) -> None:
        """The history rows of what this load created and changed, after every record.

        Last, so that history rows carried by the files keep their own ids.
        """
        connection = connections[self.using]
        if self.explicit_pk_models:
            with connection.cursor() as cursor:
                for line in connection.ops.sequence_reset_sql(
                    no_style(), sorted(self.explicit_pk_models, key=lambda m: m._meta.label)
                ):
                    cursor.execute(line)
        for model, instances, update, reason in self.history:
            manager = history_manager(model)
            if manager is not None:
                manager.bulk_history_create(
                    instances, batch_size=BATCH_SIZE, update=update, default_change_reason=reason
                )
