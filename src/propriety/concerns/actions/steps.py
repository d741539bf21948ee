"""Moving a concern along: resolving it, or moving it on to the next handler."""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError

from propriety.audit.recording import recording
from propriety.concerns import access, notify
from propriety.concerns.actions._common import (
    _NEXT_STAGE,
    _names,
    _require,
    _stored_clauses,
    _today,
    _who,
)
from propriety.concerns.actions._handling import (
    _current_step,
    _finish_step,
    _start_step,
    _took_part,
)
from propriety.concerns.actions.referral import _refer
from propriety.concerns.models import (
    Concern,
    ConcernStep,
)
from propriety.concerns.routing import (
    MONITORING_OFFICER,
    answers_kept,
    decide_for,
    following,
    handler_role_of,
    next_roles,
    stored_handler_role,
)
from propriety.councils.locking import locks_row
from propriety.councils.protocol import summary_of
from propriety.people.models import Person
from propriety.web.wording import quoted


@locks_row
def do_resolve_concern(
    concern: Concern,
    *,
    done: str,
    outcome: str,
    took_part: list[Person] | None = None,
    today: datetime.date | None = None,
    acting_user: Person,
) -> Concern:
    """The handler records what was done at this step and that it resolved the concern."""
    day = _today(today)
    _require(
        access.can_record_step(acting_user, concern),
        "Only whoever handles this step records it.",
    )
    errors = {}
    if not done.strip():
        errors["done"] = "Say what was done at this step."
    if not outcome.strip():
        errors["outcome"] = "Say how it was resolved."
    if errors:
        raise ValidationError(errors)
    step = _current_step(concern)
    people = _took_part(
        concern, step, access.handlers_of(concern, step), acting_user, took_part, day
    )
    concern.status = Concern.Status.RESOLVED
    concern.outcome = outcome.strip()
    concern.finished_on = day
    with recording(
        council=concern.council,
        actor=acting_user,
        action="concern.resolved",
        obj=concern,
        citations=_stored_clauses(concern),
        rulebook_version=concern.rulebook_version,
        details={
            "says": f"{_names(people)} recorded what was done: {quoted(done)} "
            f"Resolved: “{outcome.strip()}”",
            "step": step.number,
            "took_part": [p.pk for p in people],
        },
    ):
        _finish_step(
            step,
            result=ConcernStep.Result.RESOLVED,
            done=done.strip(),
            acting_user=acting_user,
            took_part=people,
            day=day,
        )
        concern.save(update_fields=["status", "outcome", "finished_on", "updated_at"])
    notify.concern_resolved(concern)
    return concern


@locks_row
@locks_row
def do_move_concern_on(
    concern: Concern,
    *,
    done: str,
    took_part: list[Person] | None = None,
    today: datetime.date | None = None,
    acting_user: Person,
) -> Concern:
    """Not resolved at this step: take it to the next one the route names.

    The stage advances and the rulebook is asked again, so the new step has its
    own handler, guidance and clauses. Where the next step is the Monitoring
    Officer, the case is handed over with its record instead.
    """
    day = _today(today)
    _require(
        access.can_record_step(acting_user, concern) and concern.is_open,
        "Only whoever handles this step records it.",
    )
    if not access.can_move_on(concern):
        raise ValidationError(
            {
                "__all__": "The protocol sets no further step: record how it was resolved, "
                "or close it."
            }
        )
    if not done.strip():
        raise ValidationError({"done": "Say what was done at this step."})
    step = _current_step(concern)
    people = _took_part(
        concern, step, access.handlers_of(concern, step), acting_user, took_part, day
    )
    if next_roles(concern.route)[0] == MONITORING_OFFICER:
        with recording(
            council=concern.council,
            actor=acting_user,
            action="concern.moved_on",
            obj=concern,
            citations=_stored_clauses(concern),
            rulebook_version=concern.rulebook_version,
            details={
                "says": f"{_names(people)} recorded what was done: {quoted(done)} "
                "Not resolved: the next step is the Monitoring Officer.",
                "step": step.number,
                "took_part": [p.pk for p in people],
            },
        ):
            _finish_step(
                step,
                result=ConcernStep.Result.REFERRED,
                done=done.strip(),
                acting_user=acting_user,
                took_part=people,
                day=day,
            )
        _refer(concern, day, acting_user, reason=done.strip())
        return concern
    previous = concern.route
    concern.stage = _NEXT_STAGE[concern.stage]
    decision = decide_for(concern, concern.stage, day)
    stored = summary_of(decision, answers_kept(concern))
    if handler_role_of(decision) == stored_handler_role(previous) != next_roles(previous)[0]:
        stored = following(previous, stored)
    with recording(
        council=concern.council,
        actor=acting_user,
        action="concern.moved_on",
        obj=concern,
        citations=[{"rulebook": c["rulebook"], "clause": c["clause"]} for c in stored["citations"]],
        rulebook_version=decision.rulebook_version,
    ) as rec:
        _finish_step(
            step,
            result=ConcernStep.Result.MOVED_ON,
            done=done.strip(),
            acting_user=acting_user,
            took_part=people,
            day=day,
        )
        new_step, handlers = _start_step(concern, step.number + 1, stored, day)
        concern.save(
            update_fields=["stage", "handler_role", "route", "rulebook_version", "updated_at"]
        )
        rec.details = {
            "says": f"{_names(people)} recorded what was done: {quoted(done)} Not resolved: "
            f"the protocol now sends it to {_who(concern, new_step.handler_role, handlers)}. "
            f"{stored['explanation']}",
            "step": new_step.number,
            "stage": concern.stage,
            "handler_role": new_step.handler_role,
            "handlers": [p.pk for p in handlers],
            "took_part": [p.pk for p in people],
        }
    notify.concern_arrived(concern, handlers)
    return concern
