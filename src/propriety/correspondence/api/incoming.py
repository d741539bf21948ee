"""``/api/v1/correspondence/incoming``: correspondence the council received
(``correspondence.incoming``), as the pages offer it. Thin, like the views."""

from __future__ import annotations

import datetime
from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from ninja import Field, Query, Router, Schema, Status

from propriety.api.auth import current_person
from propriety.api.paging import Paged, PageIn, paged
from propriety.api.schemas import (
    ERRORS,
    READ_ERRORS,
    DecisionOut,
    PersonRef,
    PlausibleDate,
    TimelineEntryOut,
    decision_out,
    person_ref,
    timeline_out,
)
from propriety.correspondence import access
from propriety.correspondence.actions import do_record_incoming, do_record_incoming_dealt_with
from propriety.correspondence.models import (
    ADDRESSED_TO,
    INCOMING_FLAG_LABELS,
    IncomingLetter,
)

router = Router(tags=["correspondence received"])


class IncomingIn(Schema):
    received_on: PlausibleDate = Field(description="The day it was received.")
    summary: str = Field(max_length=200, description="What it is about, in a few words.")
    sender: str = Field(
        "", max_length=200, description="Who it is from; empty when it gives no name."
    )
    medium: str = Field(
        "letter",
        description="`letter`, `email` or `other`.",
        json_schema_extra={"enum": list(IncomingLetter.Medium.values)},
    )
    addressed_to: str = Field(
        "council",
        description="Who received it: `council` (the council or the Clerk), `member`, `officer`.",
        json_schema_extra={"enum": list(ADDRESSED_TO)},
    )
    anonymous: bool = Field(False, description=INCOMING_FLAG_LABELS["anonymous"] + ".")
    vexatious: bool = Field(False, description=INCOMING_FLAG_LABELS["vexatious"] + ".")
    abusive: bool = Field(False, description=INCOMING_FLAG_LABELS["abusive"] + ".")
    repeated: bool = Field(False, description=INCOMING_FLAG_LABELS["repeated"] + ".")
    about_staff: bool = Field(False, description=INCOMING_FLAG_LABELS["about_staff"] + ".")
    facts: dict[str, Any] = Field(
        default_factory=dict,
        description="Answers to the facts the council's rulebook declares for "
        "`correspondence.incoming` (name: value; see `schemas/rulebooks/<rulebook>.json`). "
        "Left out, each takes its declared default.",
    )


class DealtWithIn(Schema):
    action: str = Field(
        description="What was done: `answered`, `not_answered`, `passed_on` or `other`.",
        json_schema_extra={"enum": list(IncomingLetter.Action.values)},
    )
    reasons: str = Field(description="What was done, and why.")


class IncomingSummaryOut(Schema):
    id: int = Field(description="Its id, for the paths that take one.")
    reference: str = Field(description="The council's reference, e.g. `IN-3`.")
    received_on: datetime.date = Field(description="The day it was received.")
    sender: str = Field(description="Who it is from; empty when it gives no name.")
    summary: str = Field(description="What it is about.")
    status: str = Field(description="`open`, `referred` (waiting for a decision) or `dealt_with`.")


class IncomingOut(IncomingSummaryOut):
    medium: str = Field(description="`letter`, `email` or `other`.")
    addressed_to: str = Field(description="Who received it.")
    flags: dict[str, bool] = Field(description="What was recorded about it (the question's facts).")
    recorded_by: PersonRef = Field(description="The officer who recorded it.")
    handler_role: str = Field(description="The rulebook role that deals with it or decides.")
    action: str = Field(description="What was done, once recorded; empty before.")
    reasons: str = Field(description="What was done and why, once recorded.")
    dealt_with_by: PersonRef | None = Field(description="Who recorded what was done.")
    dealt_with_on: datetime.date | None = Field(description="When.")
    decision: DecisionOut = Field(description="The protocol's answer and its clauses.")
    timeline: list[TimelineEntryOut] = Field(description="Everything that happened, oldest first.")


def _summary(letter: IncomingLetter) -> dict[str, Any]:
    return {
        "id": letter.pk,
        "reference": letter.reference,
        "received_on": letter.received_on,
        "sender": letter.sender,
        "summary": letter.summary,
        "status": letter.status,
    }


def incoming_out(letter: IncomingLetter) -> IncomingOut:
    return IncomingOut(
        **_summary(letter),
        medium=letter.medium,
        addressed_to=letter.addressed_to,
        flags={name: bool(getattr(letter, name)) for name in INCOMING_FLAG_LABELS},
        recorded_by=PersonRef(id=letter.recorded_by.pk, name=letter.recorded_by.full_name),
        handler_role=letter.handler_role,
        action=letter.action,
        reasons=letter.reasons,
        dealt_with_by=person_ref(letter.dealt_with_by),
        dealt_with_on=letter.dealt_with_on,
        decision=decision_out(letter.decision),
        timeline=timeline_out(letter),
    )


@router.get(
    "",
    response={200: Paged[IncomingSummaryOut], **READ_ERRORS},
    summary="List the correspondence received that you can see",
    operation_id="list_incoming_correspondence",
)
def list_incoming(request: HttpRequest, paging: Query[PageIn]) -> Paged[IncomingSummaryOut]:
    """All of it for the Clerk; others what they recorded or what the protocol gives them."""
    person = current_person(request)
    return paged(
        access.incoming_visible_to(person),
        paging,
        lambda letter: IncomingSummaryOut(**_summary(letter)),
    )


@router.post(
    "",
    response={201: IncomingOut, **ERRORS},
    summary="Record a letter or email the council received",
    operation_id="record_incoming_correspondence",
)
def record_incoming(request: HttpRequest, payload: IncomingIn) -> Status[IncomingOut]:
    """The council's officers record it; the rulebook says who deals with it and how,
    citing its clauses (422 where the council's protocol does not answer the question)."""
    person = current_person(request)
    if not access.may_record_incoming(person):
        raise PermissionDenied("The council's officers record the correspondence it receives.")
    letter = do_record_incoming(
        person,
        received_on=payload.received_on,
        summary=payload.summary,
        sender=payload.sender,
        medium=payload.medium,
        addressed_to=payload.addressed_to,
        flags={name: getattr(payload, name) for name in INCOMING_FLAG_LABELS},
        declared=payload.facts,
        acting_user=person,
    )
    return Status(201, incoming_out(letter))


@router.get(
    "/{letter_id}",
    response={200: IncomingOut, **READ_ERRORS},
    summary="A letter or email the council received",
    operation_id="get_incoming_correspondence",
)
def get_incoming(request: HttpRequest, letter_id: int) -> IncomingOut:
    """It, the protocol's answer and what was done. 404 if missing or not yours to see."""
    return incoming_out(access.access_incoming_by_id(current_person(request), letter_id))


@router.post(
    "/{letter_id}/dealt-with",
    response={200: IncomingOut, **ERRORS},
    summary="Record what was done with it",
    operation_id="record_incoming_dealt_with",
)
def dealt_with(request: HttpRequest, letter_id: int, payload: DealtWithIn) -> IncomingOut:
    """Whoever the protocol gives it to records what was done, with reasons."""
    person = current_person(request)
    letter = access.access_incoming_by_id(person, letter_id)
    if not access.can_deal_with_incoming(person, letter):
        raise PermissionDenied("The protocol does not give this letter to you.")
    return incoming_out(
        do_record_incoming_dealt_with(
            letter, action=payload.action, reasons=payload.reasons, acting_user=person
        )
    )
