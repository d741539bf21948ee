"""Acting on a case someone else may be acting on at the same moment.

An action that changes an existing row (answering an enquiry, determining a
request) must decide on the row as it is *now*, not as it was when the page
or the API call loaded it, or two people acting at once both succeed and one
silently overwrites the other. So each such action runs::

    with locked(enquiry):
        ...check who may act and the state, then write inside recording(...)

``locked`` opens one transaction and, before anything else, locks each row
with ``SELECT ... FOR UPDATE`` and copies its current values onto the
caller's object (callers keep working with their own object). A second
person's action waits on the lock, then sees the first one's change and is
refused by the ordinary permission and state checks.

On PostgreSQL the row lock is what serialises them: re-reading inside
``atomic()`` alone is not enough, because two transactions can read the same
old row and both write. On SQLite ``FOR UPDATE`` does nothing, but our
transactions begin IMMEDIATE, so the whole transaction already holds the
database's write lock before the re-read.

When the re-read shows that someone else changed the row in the meantime and
the action then refuses, the refusal says so ("Someone else has already acted
on this ..."), instead of a puzzling "only the handler may ..." to a person who
was the handler a second ago. Actions that change one existing row take the
lock with the ``@locks_row`` decorator (one line); a test
(tests/web/test_races.py) fails for any ``do_*`` action that changes an
existing row without a lock.
"""

from __future__ import annotations

import contextvars
import functools
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any, Concatenate, ParamSpec, TypeVar

from django.core.exceptions import ObjectDoesNotExist, PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Model
from django.utils.functional import LazyObject, empty

M = TypeVar("M", bound="Model")
P = ParamSpec("P")
R = TypeVar("R")


def lock_and_refresh(instance: M) -> M:
    """Lock the instance's row until the transaction ends and load its current values.

    Every concrete field is copied from the locked row onto ``instance``;
    cached related objects whose key changed are dropped (Django does that
    when a foreign key's id is set), and reverse one-to-one caches (a
    request's ``dispute``) are cleared so they are read again.
    """
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError(
            "lock_and_refresh() must run inside transaction.atomic() (use locked(...)): "
            "outside a transaction the lock would be released at once."
        )
    instance = _unwrapped(instance)
    if (instance._meta.label_lower, instance.pk) in _held.get():
        return instance  # locked and re-read by locked_together() in this transaction
    model = type(instance)
    # The base manager: unscoped for council-owned rows, and a council itself.
    fresh = model._base_manager.select_for_update().get(pk=instance.pk)
    _copy_row(fresh, instance)
    return instance


def _copy_row(fresh: Model, instance: Model) -> None:
    model = type(instance)
    for field in model._meta.concrete_fields:
        setattr(instance, field.attname, getattr(fresh, field.attname))
    for relation in model._meta.related_objects:
        if relation.is_cached(instance):
            relation.delete_cached_value(instance)


# Rows locked and re-read by locked_together() in the transaction in progress.
_held: contextvars.ContextVar[frozenset[tuple[str, Any]]] = contextvars.ContextVar(
    "propriety_locked_rows", default=frozenset()
)


@contextmanager
def locked_together(instances: Sequence[M]) -> Iterator[None]:
    """One transaction holding the write lock on many rows of one model, re-read in one query.

    For system work on many rows at once (``propriety tick`` chasing a council's
    overdue enquiries): instead of one ``SELECT ... FOR UPDATE`` per row, every
    row is locked and re-read up front, in primary key order (so two runs never
    wait on each other), and copied onto the caller's objects. Inside the block
    ``locked(row)`` on one of these rows is then already satisfied: the row was
    re-read under a lock this transaction still holds, so nobody can have changed
    it since. A row deleted meanwhile raises ``DoesNotExist`` (nothing is done).
    """
    rows = [_unwrapped(i) for i in instances]
    with transaction.atomic():
        if rows:
            model = type(rows[0])
            if any(type(r) is not model for r in rows):
                raise TypeError("locked_together() locks rows of one model")
            query = model._base_manager.select_for_update().filter(pk__in=[r.pk for r in rows])
            fresh = {row.pk: row for row in query.order_by("pk")}
            for row in rows:
                if row.pk not in fresh:
                    raise ObjectDoesNotExist(f"{model.__name__} #{row.pk} no longer exists.")
                _copy_row(fresh[row.pk], row)
        token = _held.set(_held.get() | {(r._meta.label_lower, r.pk) for r in rows})
        try:
            yield
        finally:
            _held.reset(token)


def _unwrapped(instance: M) -> M:
    """The model object itself, when it came as a lazy ``request.user`` (django-otp wraps it,
    sometimes twice)."""
    while isinstance(instance, LazyObject):
        if instance._wrapped is empty:
            instance._setup()
        instance = instance._wrapped
    return instance


def _values(instance: Model) -> dict[str, Any]:
    """The concrete field values the caller's object holds (deferred ones are not loaded)."""
    loaded = instance.__dict__
    return {
        f.attname: loaded[f.attname]
        for f in type(instance)._meta.concrete_fields
        if f.attname in loaded
    }


def already_acted(instance: Model, refusal: str) -> str:
    """The sentence for a refusal caused by someone else's change a moment before."""
    label = type(instance)._meta.verbose_name
    now = ""
    status = getattr(instance, "get_status_display", None)
    if callable(status):
        now = f" (its status is now “{status()}”)"
    return (
        f"Someone else has already acted on this {label}{now}, so what you did was not "
        f"recorded. {refusal}".strip()
    )


def _refusal_text(error: PermissionDenied | ValidationError) -> str:
    if isinstance(error, ValidationError):
        return " ".join(str(m) for m in error.messages)
    return str(error)


@contextmanager
def locked(*instances: Model) -> Iterator[None]:
    """One transaction holding the write lock on each row, each re-read first.

    Lock in a fixed order (an access request before its dispute) so two
    actions never wait on each other. A refusal (``PermissionDenied`` or
    ``ValidationError``) raised inside, after the re-read found a row changed
    by someone else, is raised again saying that someone has already acted.
    """
    with transaction.atomic():
        changed: list[Model] = []
        for instance in map(_unwrapped, instances):
            before = _values(instance)
            lock_and_refresh(instance)
            after = _values(instance)
            if any(after.get(name) != value for name, value in before.items()):
                changed.append(instance)
        try:
            yield
        except PermissionDenied as error:
            if not changed:
                raise
            raise PermissionDenied(already_acted(changed[0], _refusal_text(error))) from error
        except ValidationError as error:
            if not changed:
                raise
            message = already_acted(changed[0], _refusal_text(error))
            raise ValidationError({"__all__": [message]}) from error


def locks_row(
    action: Callable[Concatenate[M, P], R],
) -> Callable[Concatenate[M, P], R]:
    """Run an action on one existing row inside ``locked(row)`` (its first argument).

    The row is locked and re-read before the action checks who may act and
    the state it is in, so of two people acting at once exactly one succeeds
    and the other is told someone has already acted. Notifications the action
    sends go out while the lock is held: they are quick, and it keeps the
    action one unit.
    """

    @functools.wraps(action)
    def wrapper(row: M, /, *args: P.args, **kwargs: P.kwargs) -> R:
        with locked(row):
            return action(row, *args, **kwargs)

    return wrapper
