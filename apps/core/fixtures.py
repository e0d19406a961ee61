"""Fixtures are a channel like any other: validated, recorded in history, and never forging.

``loaddata`` saves raw: ``save()`` and ``full_clean()`` do not run and django-simple-history
skips the save. The receivers below cover that one path (``raw=True``) for every model that
keeps history, which is every domain model. Normal saves go through services; these receivers
return at once for them, as the project keeps business rules out of signals.

The fixture's name comes from ``loading_fixture``, which the project's ``loaddata`` command
sets for each file it loads (Django passes no file to the signals).
"""

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.db import models
from django.db.models.signals import post_save, pre_save

from apps.core.models import FoldedNamesModel

# Set by the project's ``loaddata`` (and ``load_records``) while a file loads.
loading_fixture: ContextVar[str | None] = ContextVar("loading_fixture", default=None)

UNNAMED_FIXTURE = "(unnamed)"
# simple-history's change reason is a CharField(max_length=100).
CHANGE_REASON_MAX_LENGTH = 100
# Bookkeeping, not content: a fixture that re-asserts a record does not change it.
BOOKKEEPING_FIELDS = frozenset({"created_at", "updated_at"})
RECORD_REFUSED_ERROR = "{label} {key}: {errors}"


class FixtureRecordRefused(Exception):
    """A fixture's record failed validation; the load stops and nothing is saved."""


def fixture_change_reason(name: str) -> str:
    """What a record's history says when a fixture created or changed it."""
    return f"Loaded from fixture {name}"[:CHANGE_REASON_MAX_LENGTH]


@contextmanager
def fixture_loading(name: str) -> Iterator[None]:
    """Mark the saves inside as coming from the fixture ``name``."""
    token = loading_fixture.set(name)
    try:
        yield
    finally:
        loading_fixture.reset(token)


def history_manager(model: type[models.Model]) -> Any | None:
    """The model's django-simple-history manager, or None for a model that keeps no history."""
    attribute = getattr(model._meta, "simple_history_manager_attribute", None)
    return getattr(model, attribute) if attribute else None


def content_fields(
    model: type[models.Model], names: Iterable[str] | None = None
) -> list[models.Field]:
    """The concrete fields that hold a record's content (not its id, not bookkeeping)."""
    fields = [
        field
        for field in model._meta.concrete_fields
        if not field.primary_key and field.name not in BOOKKEEPING_FIELDS
    ]
    if names is None:
        return fields
    wanted = set(names)
    return [field for field in fields if field.name in wanted or field.attname in wanted]


def changed_fields(
    instance: models.Model, stored: models.Model, fields: Iterable[models.Field]
) -> list[str]:
    """The names of ``fields`` whose value differs between ``instance`` and ``stored``."""
    return [
        field.name
        for field in fields
        if field.value_to_string(instance) != field.value_to_string(stored)
    ]


def validation_messages(error: ValidationError) -> list[tuple[str, str]]:
    """(field, message) pairs of a ValidationError; "" for errors about the whole record."""
    if hasattr(error, "error_dict"):
        return [
            ("" if field == "__all__" else field, message)
            for field, messages in error.message_dict.items()
            for message in messages
        ]
    return [("", message) for message in error.messages]


def natural_key_text(instance: models.Model) -> str:
    try:
        return repr(list(instance.natural_key()))
    except Exception:  # a record too broken to name: its errors say why
        return f"(pk={instance.pk!r})"


def _own_record(sender: type[models.Model], instance: models.Model) -> None:
    """Point ``instance`` at the record whose own natural key it carries.

    ``loaddata`` finds a record's primary key with ``get_by_natural_key``, which may resolve
    a key to another record (a merged person's UID names the person kept); a manager that
    does so gives ``get_exact_by_natural_key`` for the record itself.
    """
    exact = getattr(sender._default_manager, "get_exact_by_natural_key", None)
    if exact is None or instance.pk is None:
        return
    try:
        own = exact(*instance.natural_key())
    except (ObjectDoesNotExist, ValidationError, ValueError, TypeError):
        return
    instance.pk = own.pk


def _before_raw_save(sender: type[models.Model], instance: models.Model, **kwargs: Any) -> None:
    if not kwargs.get("raw") or history_manager(sender) is None:
        return
    _own_record(sender, instance)
    stored = (
        sender._base_manager.filter(pk=instance.pk).first() if instance.pk is not None else None
    )
    if stored is not None:
        # A deserialised object is always "adding": without this, unique checks would find
        # the record itself and certificates would be checked as if issued anew.
        instance._state.adding = False
    if isinstance(instance, FoldedNamesModel):
        instance.fold_names()  # derived from the names, never trusted from the file
    try:
        instance.full_clean()
    except ValidationError as error:
        messages = "; ".join(
            f"{field}: {message}" if field else message
            for field, message in validation_messages(error)
        )
        raise FixtureRecordRefused(
            RECORD_REFUSED_ERROR.format(
                label=sender._meta.label_lower, key=natural_key_text(instance), errors=messages
            )
        ) from error
    if stored is None:
        instance._fixture_history_type = "+"
        return
    # Re-asserting a record keeps its timestamps; a change refreshes only ``updated_at``.
    if hasattr(stored, "created_at"):
        instance.created_at = stored.created_at
    if changed_fields(instance, stored, content_fields(sender)):
        instance._fixture_history_type = "~"
    else:
        if hasattr(stored, "updated_at"):
            instance.updated_at = stored.updated_at
        instance._fixture_history_type = None


def _after_raw_save(sender: type[models.Model], instance: models.Model, **kwargs: Any) -> None:
    if not kwargs.get("raw") or history_manager(sender) is None:
        return
    history_type = getattr(instance, "_fixture_history_type", None)
    if history_type is None:
        return
    del instance._fixture_history_type
    history_manager(sender).bulk_history_create(
        [instance],
        update=history_type == "~",
        default_change_reason=fixture_change_reason(loading_fixture.get() or UNNAMED_FIXTURE),
    )


def connect_fixture_receivers() -> None:
    pre_save.connect(_before_raw_save, dispatch_uid="apps.core.fixtures.before_raw_save")
    post_save.connect(_after_raw_save, dispatch_uid="apps.core.fixtures.after_raw_save")
