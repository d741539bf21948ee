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
from propriety.audit.models import AuditEvent, AuditLogHead
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
    "one_log_head",
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
    shared = _shared_head.get()
    if shared is not None and shared.council_id == rec.council.pk:
        head = shared
    else:
        head = log.locked_head(rec.council)
    event.occurred_at = _occurred_at()
    # Each action states its own day: never carry one over to the next event.
    _action_day.set(None)
    log.seal(event, head)
    event.save(force_insert=True)
    if head is not shared:
        head.save(update_fields=_HEAD_FIELDS)


_HEAD_FIELDS = ["size", "frontier", "root_hash"]

# The log head one_log_head() holds, if any.
_shared_head: contextvars.ContextVar[AuditLogHead | None] = contextvars.ContextVar(
    "propriety_audit_shared_head", default=None
)


@contextmanager
def one_log_head(council: Council) -> Iterator[None]:
    """One transaction in which the council's recordings share one lock and one write of its log head.

    For system work that records many events at once (``propriety tick``): each
    action is still its own recording with its own event, sealed into the chain
    in order, but the head is locked once at the start and written once at the
    end instead of read and written per event. If any event the block sealed is
    missing at the end (a recording inside failed, or a savepoint around one
    was rolled back, and the block went on), the chain in memory no longer
    matches the table: the whole block is refused and rolled back.
    """
    with transaction.atomic():
        head = log.locked_head(council)
        start = head.size
        token = _shared_head.set(head)
        try:
            yield
        finally:
            _shared_head.reset(token)
        if head.size != start:
            kept = AuditEvent.unscoped.filter(council=council, seq__gt=start).count()
            if kept != head.size - start:
                raise RuntimeError(
                    f"{head.size - start} events were sealed into {council}'s log in one "
                    f"one_log_head() block but {kept} were kept: nothing was recorded."
                )
            # The head is the log itself, advanced by the events just recorded:
            # its write belongs to their recordings, as it does one event at a time.
            appended = enter(Recording(council=council, actor=None, action="audit.log_appended"))
            try:
                head.save(update_fields=_HEAD_FIELDS)
            finally:
                leave(appended)
