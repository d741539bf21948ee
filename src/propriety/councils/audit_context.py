"""The audit recording in progress, and the guard every council-owned write passes.

It lives here, below the audit app and importing no models, because
``councils.tenancy`` and ``councils.models`` guard every write with it while
the audit app's own models are council-owned: with it here, the audit app
depends on councils and never the other way round, so no two apps' model
modules import each other in a circle (``tests/web/test_import_layers.py``).
Opening a recording and writing its event is :mod:`propriety.audit.recording`.
"""

from __future__ import annotations

import contextvars
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from django.db import models

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


def enter(rec: Recording) -> contextvars.Token[Recording | None]:
    return _current.set(rec)


def leave(token: contextvars.Token[Recording | None]) -> None:
    _current.reset(token)


def require_recording(model: type[Any], operation: str, council_id: Any = None) -> None:
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
