"""Incoming correspondence to the council: recording a letter or email it received, and
what was done with it (``correspondence.incoming``).

The council's rulebook says what is done with anonymous, vexatious, abusive or repeated
letters: who deals with them, whether they need an answer, or that a named person (the
chair, say) decides. Where it leaves the decision to a person, that person records what
was done, with reasons. Nothing here sanctions the sender: it records and routes.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from propriety.audit.recording import recording
from propriety.correspondence import access
from propriety.correspondence.models import (
    ADDRESSED_TO,
    INCOMING_FLAGS,
    IncomingLetter,
)
from propriety.councils.declared import answered, check_answers
from propriety.councils.locking import locked
from propriety.councils.protocol import (
    answers,
    citations_of,
    decide,
    role_title,
    stored_clauses,
    summary_of,
)
from propriety.enquiries.notify import send
from propriety.people.models import Person
from propriety.protocol import format_date

QUESTION = "correspondence.incoming"


def incoming_facts(letter: IncomingLetter) -> dict[str, Any]:
    """The facts ``correspondence.incoming`` takes, from a recorded letter."""
    return {
        "addressed_to": letter.addressed_to,
        **{name: bool(getattr(letter, name)) for name in INCOMING_FLAGS},
        **(letter.declared_facts or {}),
    }


def handler_role_of(decision: Any) -> str:
    """The role that decides (referred) or deals with it (the route's), else the Clerk."""
    if decision.outcome == "refer" and decision.refer_to:
        return str(decision.refer_to)
    if decision.route is not None:
        return str(decision.route.now)
    return "proper_officer"


def do_record_incoming(
    recorder: Person,
    *,
    received_on: datetime.date,
    summary: str,
    addressed_to: str = "council",
    sender: str = "",
    medium: str = IncomingLetter.Medium.LETTER,
    flags: Mapping[str, bool] | None = None,
    declared: Mapping[str, Any] | None = None,
    today: datetime.date | None = None,
    acting_user: Person,
) -> IncomingLetter:
    """An officer records a letter or email the council received; the rulebook says who
    deals with it and how, citing its clauses (``declared``: answers to the facts the
    council's rulebook declares for the question)."""
    day = today or timezone.localdate()
    if acting_user.pk != recorder.pk or not access.may_record_incoming(recorder, day):
        raise PermissionDenied("The council's officers record the correspondence it receives.")
    council = recorder.council
    if not answers(council, QUESTION):
        raise ValidationError(
            {
                "__all__": "The council’s protocol does not say how the correspondence it "
                "receives is dealt with, so this service cannot decide it."
            }
        )
    flags = {name: bool((flags or {}).get(name)) for name in INCOMING_FLAGS}
    errors: dict[str, str] = {}
    if not summary.strip():
        errors["summary"] = "Say in a few words what it is about."
    elif len(summary.strip()) > 200:
        errors["summary"] = "The summary must be 200 characters or fewer."
    if received_on > day:
        errors["received_on"] = "The day it was received must be today or in the past."
    if not sender.strip() and not flags["anonymous"]:
        errors["sender"] = (
            "Say who it is from, or answer that it gives no name or address to reply to."
        )
    elif len(sender.strip()) > 200:
        errors["sender"] = "The sender must be 200 characters or fewer."
    if addressed_to not in ADDRESSED_TO:
        errors["addressed_to"] = "Choose who received it."
    if medium not in IncomingLetter.Medium.values:
        errors["medium"] = "Choose how it came."
    if errors:
        raise ValidationError(errors)
    given = check_answers(council, QUESTION, declared)
    letter = IncomingLetter(
        council=council,
        received_on=received_on,
        medium=medium,
        sender=sender.strip(),
        summary=summary.strip(),
        addressed_to=addressed_to,
        declared_facts=given,
        recorded_by=recorder,
        **flags,
    )
    decision = decide(council, QUESTION, incoming_facts(letter), today=day)
    letter.decision = summary_of(decision, answered(council, QUESTION, given))
    letter.handler_role = handler_role_of(decision)
    letter.status = (
        IncomingLetter.Status.REFERRED
        if decision.outcome == "refer"
        else IncomingLetter.Status.OPEN
    )
    letter.rulebook_version = decision.rulebook_version
    who = role_title(council, letter.handler_role)
    with recording(
        council=council,
        actor=acting_user,
        action="correspondence.incoming_recorded",
        citations=citations_of(decision),
        rulebook_version=decision.rulebook_version,
    ) as rec:
        letter.full_clean()
        letter.save()
        rec.obj = letter
        verdict = (
            f"the protocol leaves what is done to {who}"
            if letter.status == IncomingLetter.Status.REFERRED
            else f"under the protocol {who} deals with it"
        )
        rec.details = {
            "says": f"{recorder.full_name} recorded {letter.get_medium_display().lower()} "
            f"received on {format_date(received_on)}: {verdict}. {decision.explanation}",
            "outcome": decision.outcome,
            "handler_role": letter.handler_role,
            "declared_facts": letter.decision.get("declared_facts", []),
        }
    handlers = [p for p in access.incoming_handlers(letter, day) if p.pk != recorder.pk]
    if letter.status == IncomingLetter.Status.REFERRED and handlers:
        clauses = ", ".join(c.clause for c in decision.citations)
        send(
            handlers,
            f"Correspondence for you to decide on: {letter.reference}",
            f"{recorder.full_name} recorded correspondence the council received "
            f"({letter.summary}).\n\n{decision.explanation}\n\nThe protocol leaves what is "
            f"done to you ({clauses}): record it, with your reasons.\n",
        )
    return letter


def do_record_incoming_dealt_with(
    letter: IncomingLetter,
    *,
    action: str,
    reasons: str,
    today: datetime.date | None = None,
    acting_user: Person,
) -> IncomingLetter:
    """Whoever the protocol gives it to records what was done with it, and why."""
    day = today or timezone.localdate()
    with locked(letter):
        if not access.can_deal_with_incoming(acting_user, letter, day):
            if letter.status == IncomingLetter.Status.DEALT_WITH:
                raise ValidationError({"__all__": "Someone has already recorded what was done."})
            raise PermissionDenied("The protocol does not give this letter to you.")
        errors: dict[str, str] = {}
        if action not in IncomingLetter.Action.values:
            errors["action"] = "Choose what was done with it."
        if not reasons.strip():
            errors["reasons"] = "Say what was done and why."
        if errors:
            raise ValidationError(errors)
        letter.status = IncomingLetter.Status.DEALT_WITH
        letter.action = action
        letter.reasons = reasons.strip()
        letter.dealt_with_by = acting_user
        letter.dealt_with_on = day
        with recording(
            council=letter.council,
            actor=acting_user,
            action="correspondence.incoming_dealt_with",
            obj=letter,
            citations=stored_clauses(letter.decision),
            rulebook_version=letter.rulebook_version,
            details={
                "says": f"{acting_user.full_name} recorded what was done on "
                f"{format_date(day)}: {letter.get_action_display().lower()}. "
                f"Reasons: {letter.reasons}",
                "action": action,
            },
        ):
            letter.save(
                update_fields=["status", "action", "reasons", "dealt_with_by", "dealt_with_on"]
            )
    return letter
