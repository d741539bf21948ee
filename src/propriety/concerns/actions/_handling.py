"""A concern's steps and handlers: starting, taking part in and finishing a step."""

from __future__ import annotations

import datetime
from typing import Any

from django.core.exceptions import ValidationError

from propriety.concerns.actions._common import _require
from propriety.concerns.models import (
    Concern,
    ConcernHandler,
    ConcernStep,
)
from propriety.concerns.routing import (
    PERSONNEL_COMMITTEE,
    handlers_for,
    stored_handler_role,
)
from propriety.councils.protocol import role_title, the
from propriety.people.holders import holders_of
from propriety.people.models import Person
from propriety.people.roles import Role


def _start_step(
    concern: Concern, number: int, stored: dict[str, Any], day: datetime.date
) -> tuple[ConcernStep, list[Person]]:
    """Create the step for a stored decision and its handlers (inside the caller's recording)."""
    named = stored_handler_role(stored)
    role, people = handlers_for(
        concern.council, named, raised_by=concern.raised_by, about=concern.about, day=day
    )
    if role != named:
        # Nobody who may handle it holds the role the rulebook names (it was raised by them,
        # or is about them): the council as employer deals with it instead.
        if _holds(concern, named, concern.raised_by, day):
            reason = f"{concern.raised_by.full_name}, who would otherwise deal with it, raised it"
        elif concern.about is not None:
            reason = (
                f"{concern.about.full_name}, who would otherwise deal with it, is the person "
                "it is about"
            )
        else:
            reason = "nobody else holds that role"
        stored = {
            **stored,
            "stand_in": {
                "for": {"role": named, "title": role_title(concern.council, named)},
                "why": f"The protocol names {the(role_title(concern.council, named))}. "
                f"{reason}, so the council as employer deals with it through "
                f"{the(role_title(concern.council, role))} instead.",
            },
        }
    step = ConcernStep(
        council=concern.council,
        concern=concern,
        number=number,
        stage=concern.stage,
        handler_role=role,
        route=stored,
        started_on=day,
    )
    step.save()
    for person in people:
        ConcernHandler(council=concern.council, step=step, person=person).save()
    concern.handler_role = role
    concern.route = stored
    concern.rulebook_version = str(stored.get("rulebook_version", ""))
    return step, people


def _holds(concern: Concern, role: str, person: Person, day: datetime.date) -> bool:
    return any(p.pk == person.pk for p in holders_of(concern.council, role, day))


def _took_part(
    concern: Concern,
    step: ConcernStep,
    handlers: list[Person],
    acting_user: Person,
    took_part: list[Person] | None,
    day: datetime.date,
) -> list[Person]:
    """Who took part in the step; a personnel matter is never dealt with by the chair alone."""
    chosen = {p.pk: p for p in (took_part or [])}
    chosen[acting_user.pk] = acting_user
    handler_ids = {p.pk for p in handlers}
    if any(pk not in handler_ids for pk in chosen):
        raise ValidationError({"took_part": "Choose people who handle this step."})
    people = list(chosen.values())
    if step.handler_role == PERSONNEL_COMMITTEE:
        _require(
            any(r.role == Role.PERSONNEL_COMMITTEE_MEMBER for r in acting_user.roles_on(day)),
            "Only the personnel committee's members deal with this.",
        )
        if len(people) == 1 and any(r.role == Role.COUNCIL_CHAIR for r in people[0].roles_on(day)):
            clauses = [
                ", ".join(o.get("clauses", []))
                for o in concern.route.get("obligations", [])
                if o.get("id") == "chair-not-alone"
            ]
            cite = f" ({clauses[0]})" if clauses and clauses[0] else ""
            raise ValidationError(
                {
                    "took_part": "The chair must not deal with a personnel matter alone: record "
                    f"the other members of the personnel committee who took part{cite}."
                }
            )
    return people


def _finish_step(
    step: ConcernStep,
    *,
    result: str,
    done: str,
    acting_user: Person | None,
    took_part: list[Person],
    day: datetime.date,
) -> None:
    step.result = result
    step.done = done
    step.ended_on = day
    step.recorded_by = acting_user
    step.save(update_fields=["result", "done", "ended_on", "recorded_by"])
    ids = {p.pk for p in took_part}
    for handler in ConcernHandler.objects.for_council(step.council).filter(step=step):
        if handler.person_id in ids:
            handler.took_part = True
            handler.save(update_fields=["took_part"])


def _current_step(concern: Concern) -> ConcernStep:
    step = concern.current_step()
    if step is None:  # pragma: no cover - every concern starts with a step
        raise ValidationError({"__all__": "This concern has no step to record."})
    return step
