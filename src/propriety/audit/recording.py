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
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django.db import models, transaction

if TYPE_CHECKING:
    from propriety.councils.models import Council
    from propriety.people.models import Person


class UnauditedWriteError(RuntimeError):
    """A council-owned row was written outside ``recording(...)``."""


class CrossCouncilWriteError(RuntimeError):
    """An action recorded for one council tried to write another council's row."""


@dataclass
class Recording:
    """What the action is doing; tell it the object and details once you have them."""

    council: Council | None
    actor: Person | None
    action: str
    obj: models.Model | None = None
    citations: list[dict[str, str]] = field(default_factory=list)
    rulebook: str = ""
    rulebook_version: str = ""
    details: dict[str, Any] = field(default_factory=dict)


_current: contextvars.ContextVar[Recording | None] = contextvars.ContextVar(
    "propriety_audit_recording", default=None
)


def current_recording() -> Recording | None:
    """The recording in progress, or None outside any action."""
    return _current.get()


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
        token = _current.set(rec)
        try:
            yield rec
            _write_event(rec)
        finally:
            _current.reset(token)


def _write_event(rec: Recording) -> None:
    from propriety.audit.models import AuditEvent

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
    AuditEvent.unscoped.create(
        council=rec.council,
        actor=rec.actor,
        action=rec.action,
        object_type=obj._meta.label_lower if obj is not None else "",
        object_id=str(obj.pk) if obj is not None and obj.pk is not None else "",
        object_repr=str(obj)[:200] if obj is not None else "",
        citations=rec.citations,
        rulebook=rulebook,
        rulebook_version=version,
        details=rec.details,
    )


def require_recording(model: type[models.Model], operation: str, council_id: Any = None) -> None:
    """Raise unless a recording is active (and, if known, for the same council)."""
    rec = _current.get()
    name = model.__name__
    if rec is None:
        raise UnauditedWriteError(
            f"{operation} on {name} outside an action. Writes go through an action "
            f"function (do_<verb>_<noun>) that runs inside "
            f"`with recording(council=..., actor=..., action=...)` from "
            f"propriety.audit.recording, so the change and its audit event commit together."
        )
    if council_id is not None and rec.council is not None and rec.council.pk != council_id:
        raise CrossCouncilWriteError(
            f"{operation} on {name} of council #{council_id} inside an action recorded for "
            f"{rec.council} (#{rec.council.pk}): an action only writes its own council's rows."
        )
