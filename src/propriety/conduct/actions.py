"""Asking the rulebook "Can I…?" (conduct.action), and keeping the answer if the person
chooses. The protocol advises; nothing here sanctions anyone or tells anyone else."""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from propriety.audit.recording import recording
from propriety.conduct import access
from propriety.conduct.models import (
    ACTION_LABELS,
    CONCERNING_LABELS,
    FORUM_LABELS,
    ConductQuestion,
)
from propriety.councils.declared import answered, check_answers
from propriety.councils.protocol import citations_of, decide, summary_of
from propriety.people.models import Person
from propriety.protocol import Decision

QUESTION = "conduct.action"


def ask_conduct(
    person: Person,
    *,
    action: str,
    forum: str,
    concerning: str,
    declared: Mapping[str, Any] | None = None,
    today: datetime.date | None = None,
) -> tuple[Decision, dict[str, Any]]:
    """What the council's protocol says about something ``person`` plans to do; nothing
    is stored. Returns the decision and the declared answers it was made on."""
    day = today or timezone.localdate()
    actor = access.actor_of(person, day)
    if actor is None:
        raise PermissionDenied("Only serving members and officers ask the protocol this.")
    if not access.answers_conduct(person.council):
        raise ValidationError(
            {
                "__all__": "The council's protocol says nothing about how members and officers "
                "behave outside a request, so there is nothing to ask it here."
            }
        )
    errors = {}
    if action not in ACTION_LABELS:
        errors["action"] = "Choose what you plan to do."
    if forum not in FORUM_LABELS:
        errors["forum"] = "Choose where."
    if concerning not in CONCERNING_LABELS:
        errors["concerning"] = "Choose whom it concerns."
    if errors:
        raise ValidationError(errors)
    answers = check_answers(person.council, QUESTION, declared)
    facts = {"actor": actor, "action": action, "forum": forum, "concerning": concerning}
    return decide(person.council, QUESTION, {**facts, **answers}, today=day), answers


def do_keep_conduct_question(
    person: Person,
    *,
    action: str,
    forum: str,
    concerning: str,
    plan: str = "",
    declared: Mapping[str, Any] | None = None,
    today: datetime.date | None = None,
    acting_user: Person,
) -> ConductQuestion:
    """The person keeps the answer to their "Can I…?" question, asked again on the day so
    what is kept is what the rulebook says (with its clauses and version)."""
    if acting_user.pk != person.pk:
        raise PermissionDenied("People keep their own questions.")
    day = today or timezone.localdate()
    decision, answers = ask_conduct(
        person, action=action, forum=forum, concerning=concerning, declared=declared, today=day
    )
    question = ConductQuestion(
        council=person.council,
        asked_by=person,
        asked_on=day,
        actor=access.actor_of(person, day) or "",
        action=action,
        forum=forum,
        concerning=concerning,
        plan=plan.strip(),
        declared_facts=answers,
        decision=summary_of(decision, answered(person.council, QUESTION, answers)),
        rulebook_version=decision.rulebook_version,
    )
    with recording(
        council=person.council,
        actor=acting_user,
        action="conduct.question_kept",
        citations=citations_of(decision),
        rulebook_version=decision.rulebook_version,
    ) as rec:
        question.full_clean()
        question.save()
        rec.obj = question
        rec.details = {
            "says": f"{person.full_name} kept the protocol's answer ({decision.outcome}) to "
            f"“Can I… {ACTION_LABELS[action].lower()}, {FORUM_LABELS[forum].lower()}?”",
            "outcome": decision.outcome,
        }
    return question
