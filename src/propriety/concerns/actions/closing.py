"""Notes on a concern and closing it."""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError

from propriety.audit.recording import recording
from propriety.concerns import access, notify
from propriety.concerns.actions._common import _require, _stored_clauses, _today
from propriety.concerns.actions._handling import _finish_step
from propriety.concerns.models import (
    Concern,
    ConcernNote,
    ConcernStep,
)
from propriety.councils.locking import locks_row
from propriety.councils.protocol import role_title, the
from propriety.people.models import Person
from propriety.protocol import format_date

# --- notes and closing --------------------------------------------------------------------


@locks_row
@locks_row
def do_add_concern_note(
    concern: Concern, *, text: str, today: datetime.date | None = None, acting_user: Person
) -> ConcernNote:
    """Someone who can see the case (a party or a handler) adds a note to it."""
    day = _today(today)
    _require(
        access.concerns_visible_to(acting_user).filter(pk=concern.pk).exists()
        and access.can_add_note(acting_user, concern),
        "Only the people dealing with this concern add notes to it.",
    )
    if not text.strip():
        raise ValidationError({"text": "Enter your note."})
    note = ConcernNote(
        council=concern.council,
        concern=concern,
        author=acting_user,
        text=text.strip(),
        added_on=day,
    )
    with recording(
        council=concern.council,
        actor=acting_user,
        action="concern.note_added",
        obj=concern,
        details={"says": f"{acting_user.full_name} added a note."},
    ):
        note.save()
    return note


@locks_row
@locks_row
def do_close_concern(
    concern: Concern, *, reason: str, today: datetime.date | None = None, acting_user: Person
) -> Concern:
    """The person who raised it (withdrawing it) or its handler closes it, saying why."""
    day = _today(today)
    _require(
        access.can_close(acting_user, concern),
        "Only the person who raised it or its handler closes it.",
    )
    if not reason.strip():
        raise ValidationError({"reason": "Say why it is being closed."})
    step = concern.current_step()
    concern.status = Concern.Status.CLOSED
    concern.outcome = reason.strip()
    concern.finished_on = day
    with recording(
        council=concern.council,
        actor=acting_user,
        action="concern.closed",
        obj=concern,
        citations=_stored_clauses(concern),
        rulebook_version=concern.rulebook_version,
        details={"says": f"{acting_user.full_name} closed it: “{reason.strip()}”"},
    ):
        if step is not None and step.result == ConcernStep.Result.CURRENT:
            _finish_step(
                step,
                result=ConcernStep.Result.CLOSED,
                done=reason.strip(),
                acting_user=acting_user,
                took_part=[acting_user] if access.is_current_handler(acting_user, concern) else [],
                day=day,
            )
        concern.save(update_fields=["status", "outcome", "finished_on", "updated_at"])
    notify.concern_closed(concern)
    return concern


def describe_step_due(concern: Concern) -> str:
    """What happens next, in a sentence (for messages)."""
    if concern.status == Concern.Status.REFERRED and concern.referred_on:
        return f"It was handed to the Monitoring Officer on {format_date(concern.referred_on)}."
    return f"It is with {the(role_title(concern.council, concern.handler_role))}."
