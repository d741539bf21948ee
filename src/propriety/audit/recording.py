"""The one way to write: inside ``recording(...)``.

Every action opens a recording. The recording opens one transaction, lets the
action write, then writes the :class:`~propriety.audit.models.AuditEvent`
describing it in the same transaction, so the change and its record commit or
roll back together. Council-owned models refuse to save, delete or bulk-write
outside a recording (see :func:`require_recording`), so a write that skips the
audit trail fails loudly in development instead of going unrecorded.
"""

from __future__ import annotations

import contextvars
import datetime
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

from django.db import models, transaction
from django.utils import timezone

from propriety.audit import log
from propriety.audit.models import AuditEvent
from propriety.councils.audit_context import (
    CrossCouncilWriteError,
    Recording,
    UnauditedWriteError,
    current_recording,
    enter,
    leave,
    require_recording,
)

if TYPE_CHECKING:
    from propriety.councils.models import Council
    from propriety.people.models import Person

__all__ = [
    "CrossCouncilWriteError",
    "Recording",
    "UnauditedWriteError",
    "action_day",
    "backdated",
    "current_recording",
    "recording",
    "require_recording",
]


# Loading the demo backdates its history: each action records the day it was told it
# happened (``today=``), so a case that "arrived three weeks ago" does not show every
# step stamped with the day the demo was loaded. Off everywhere else: real events are
# always stamped with the moment they were recorded.
_backdating: contextvars.ContextVar[bool] = contextvars.ContextVar(
    "propriety_audit_backdating", default=False
)
_action_day: contextvars.ContextVar[datetime.date | None] = contextvars.ContextVar(
    "propriety_audit_action_day", default=None
)


@contextmanager
def backdated() -> Iterator[None]:
    """Within this block (demo loading only), events are stamped with their action's day."""
    token = _backdating.set(True)
    try:
        yield
    finally:
        _backdating.reset(token)
        _action_day.set(None)


def action_day(today: datetime.date | None) -> datetime.date:
    """The day an action acts on: ``today`` if given, else the local date.

    Every action works out its day through this, so that while backdating the
    recording knows which day to stamp its event with."""
    day = today or timezone.localdate()
    if _backdating.get():
        _action_day.set(day)
    return day


def _occurred_at() -> datetime.datetime:
    now = timezone.now()
    day = _action_day.get()
    if not _backdating.get() or day is None:
        return now
    # The action's day at the present time of day.
    local = timezone.localtime(now)
    return local.replace(year=day.year, month=day.month, day=day.day)


@contextmanager
def recording(
    *,
    council: Council | None,
    actor: Person | None,
    action: str,
    obj: models.Model | None = None,
    citations: Iterable[Mapping[str, str]] = (),
    rulebook: str = "",
    rulebook_version: str = "",
    details: Mapping[str, Any] | None = None,
) -> Iterator[Recording]:
    """Run an action's writes and its audit event in one transaction.

    ``council`` may be None only while creating the council itself; set
    ``rec.council`` before the block ends. ``actor`` is None for system work
    (demo loading, migrations). If citations are given without a rulebook, the
    council's own rulebook is recorded.
    """
    rec = Recording(
        council=council,
        actor=actor,
        action=action,
        obj=obj,
        citations=[dict(c) for c in citations],
        rulebook=rulebook,
        rulebook_version=rulebook_version,
        details=dict(details or {}),
    )
    with transaction.atomic():
        token = enter(rec)
        try:
            yield rec
            _write_event(rec)
        finally:
            leave(token)


def _write_event(rec: Recording) -> None:
    if rec.council is None:
        raise ValueError(
            f"The recording of {rec.action!r} ended without a council: set rec.council "
            "inside the `with recording(...)` block (every audit event belongs to a council)."
        )
    obj = rec.obj
    rulebook = rec.rulebook or (rec.council.rulebook if rec.citations else "")
    version = rec.rulebook_version
    if rulebook and not version and rulebook == rec.council.rulebook:
        # Cited without saying which version: the version of the council's rulebook now.
        from propriety.protocol import concrete_rulebook_names
        from propriety.protocol import rulebook as load

        version = load(rulebook).version if rulebook in concrete_rulebook_names() else ""
    event = AuditEvent(
        council=rec.council,
        actor=rec.actor,
        action=rec.action,
        object_type=obj._meta.label_lower if obj is not None else "",
        object_id=str(obj.pk) if obj is not None and obj.pk is not None else "",
        object_repr=str(obj)[:200] if obj is not None else "",
        # As they will read back from the database, so the leaf hashed now is
        # the leaf verify recomputes.
        citations=log.normalised_json(rec.citations),
        rulebook=rulebook,
        rulebook_version=version,
        details=log.details_of(rec.details),
    )
    # Lock the council's log head first, then take the time: events are
    # numbered and timed in the order they join the log.
    head = log.locked_head(rec.council)
    event.occurred_at = _occurred_at()
    # Each action states its own day: never carry one over to the next event.
    _action_day.set(None)
    log.seal(event, head)
    event.save(force_insert=True)
    head.save(update_fields=["size", "frontier", "root_hash"])
