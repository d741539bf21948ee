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
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import TypeVar

from django.db import models, transaction

M = TypeVar("M", bound=models.Model)


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
    model = type(instance)
    # The base manager: the row is already known (a council-owned model's is
    # ``unscoped``; a council's own is its plain manager).
    fresh = model._base_manager.select_for_update().get(pk=instance.pk)
    for field in model._meta.concrete_fields:
        setattr(instance, field.attname, getattr(fresh, field.attname))
    for relation in model._meta.related_objects:
        if relation.is_cached(instance):
            relation.delete_cached_value(instance)
    return instance


@contextmanager
def locked(*instances: models.Model) -> Iterator[None]:
    """One transaction holding the write lock on each row, each re-read first.

    Lock in a fixed order (an access request before its dispute) so two
    actions never wait on each other.
    """
    with transaction.atomic():
        for instance in instances:
            lock_and_refresh(instance)
        yield
