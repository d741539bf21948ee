"""``/api/v1/concerns``: concerns and complaints, everything the pages offer.

Thin, like the views: ``access_concern_by_id`` (404 for missing and forbidden
alike), then a ``do_*`` action that decides whether the token's person may act
(403) and whether the input will do (422). Every step carries its clauses.
There is no endpoint that sanctions a member.
"""

from __future__ import annotations

import datetime
from typing import Any, Literal

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from ninja import Field, Query, Router, Schema, Status

from propriety.api.auth import current_person
from propriety.api.paging import Paged, PageIn, paged
from propriety.api.schemas import (
    ERRORS,
    READ_ERRORS,
    CitationOut,
    DecisionOut,
    ErrorOut,
    InvalidOut,
    PersonRef,
    TimelineEntryOut,
    citations_out,
    decision_out,
    person_ref,
    timeline_out,
    title_of,
)
from propriety.audit.reads import record_read
from propriety.concerns import access
from propriety.concerns.actions import (
    ConcernRefused,
    do_add_concern_note,
    do_close_concern,
    do_move_concern_on,
    do_raise_concern,
    do_refer_to_monitoring_officer,
    do_resolve_concern,
)
from propriety.concerns.models import DIRECTION_LABELS, DIRECTIONS, SERIOUSNESS, Concern
from propriety.concerns.present import step_views
from propriety.people.models import Person

router = Router(tags=["concerns"])

YouMay = Literal["resolve", "move_on", "refer_to_monitoring_officer", "add_note", "close"]


class ConcernIn(Schema):
    direction: str = Field(
        description="What kind of concern: "
        + "; ".join(f"`{d}`: {DIRECTION_LABELS.get(d, d)}" for d in DIRECTIONS)
        + ".",
        json_schema_extra={"enum": list(DIRECTIONS)},
    )
    about_id: int | None = Field(
        None, description="The person of the council it is about (a grievance need name none)."
    )
    summary: str = Field(max_length=200, description="A short summary.")
    details: str = Field(description="What happened.")
    seriousness: str = Field(
        "minor", description="`minor` or `serious`.", json_schema_extra={"enum": list(SERIOUSNESS)}
    )
    direct_discussion_inappropriate: bool = Field(
        False, description="Discussing it directly with the person would not be right."
    )
    formal_written: bool = Field(False, description="It is a formal written complaint.")
    sanction_requested: bool = Field(
        False,
        description="The complainant asks the council to sanction the member. The council "
        "cannot: the answer is 409 with the clause that refuses it.",
    )
    facts: dict[str, Any] = Field(
        default_factory=dict,
        description="Answers to the facts the council's rulebook declares for `concern.route` "
        "(name: value; see `schemas/rulebooks/<rulebook>.json` and docs/decide.md). Left out, "
        "each takes its declared default. Every step is decided with them, and each step's "
        "`decision.declared_facts` says what was answered.",
    )


class ConcernRefusalOut(Schema):
    detail: str = Field(description="Why the rulebook refuses the concern as raised.")
    outcome: Literal["refuse"] = Field(description="Always `refuse`.")
    citations: list[CitationOut] = Field(description="The clauses that refuse it.")
    rulebook_version: str = Field(description="The version of the rulebook that refused.")


class ConcernStepOut(Schema):
    number: int = Field(description="1 for the first step, and so on.")
    stage: str = Field(description="The `concern.route` stage asked: `new`, `first`, `second`.")
    handler_role: str = Field(description="The rulebook's role that handles this step.")
    handled_by: str = Field(description="That role in the council's own words.")
    handlers: list[str] = Field(description="The people who handle it (all a body's members).")
    took_part: list[str] = Field(description="Those recorded as taking part.")
    started_on: datetime.date = Field(description="When the step began.")
    ended_on: datetime.date | None = Field(description="When it ended, if it has.")
    done: str = Field(description="What the handler recorded was done.")
    result: str = Field(description="`` (in hand), `resolved`, `moved_on`, `referred` or `closed`.")
    decision: DecisionOut = Field(
        description="The rulebook's decision for this step: who handles it, who next if it "
        "is not resolved, the guidance, obligations and clauses."
    )


class ConcernNoteOut(Schema):
    author: str = Field(description="Who wrote it.")
    added_on: datetime.date = Field(description="When.")
    text: str = Field(description="The note.")


class ConcernSummaryOut(Schema):
    id: int = Field(description="The concern's id, for /concerns/{concern_id}.")
    reference: str = Field(description="The council's reference, e.g. `CON-4`.")
    direction: str = Field(description="What kind of concern (see `direction` on create).")
    direction_label: str = Field(description="The kind in plain English.")
    summary: str = Field(description="The short summary.")
    status: Concern.Status = Field(description="Where it is.")
    status_label: str = Field(description="The status in plain English.")
    raised_by: PersonRef = Field(description="Who raised it.")
    about: PersonRef | None = Field(description="Whom it is about, if anyone.")
    raised_on: datetime.date = Field(description="When it was raised.")


class ConcernOut(ConcernSummaryOut):
    details: str = Field(description="What happened.")
    seriousness: str = Field(description="`minor` or `serious`.")
    subject_is_proper_officer: bool = Field(
        description="The person it is about is the Proper Officer (derived)."
    )
    direct_discussion_inappropriate: bool = Field(description="Direct discussion is not right.")
    formal_written: bool = Field(description="A formal written complaint.")
    stage: str = Field(description="The route's stage now: `new`, `first` or `second`.")
    handler_role: str = Field(description="The rulebook's role that handles it now.")
    handler_title: str | None = Field(description="That role in the council's own words.")
    handlers: list[PersonRef] = Field(description="The people who handle it now.")
    next_if_unresolved: list[str] = Field(
        description="Who it goes to if not resolved, in the council's words (empty: the last step)."
    )
    route: DecisionOut = Field(description="The rulebook's decision for the current step.")
    outcome: str = Field(description="How it was resolved or why it was closed.")
    finished_on: datetime.date | None = Field(description="When it was resolved or closed.")
    referred_on: datetime.date | None = Field(description="When it went to the Monitoring Officer.")
    referral: dict[str, Any] | None = Field(
        description="The record handed to the Monitoring Officer (the case, its steps, notes "
        "and history), once referred."
    )
    steps: list[ConcernStepOut] = Field(description="The route so far, step by step.")
    notes: list[ConcernNoteOut] = Field(description="Notes added by the parties and handlers.")
    timeline: list[TimelineEntryOut] = Field(description="Everything that happened, oldest first.")
    you_may: list[YouMay] = Field(description="What the token's person may do with it now.")


class ConcernStepIn(Schema):
    done: str = Field(description="What was done at this step.")
    took_part_ids: list[int] = Field(
        default_factory=list,
        description="Which of this step's handlers took part (you are always included); "
        "for the personnel committee, never the chair alone.",
    )


class ConcernResolveIn(ConcernStepIn):
    outcome: str = Field(description="How it was resolved.")


class ConcernReasonIn(Schema):
    reason: str = Field(description="Why.")


class ConcernOptionalReasonIn(Schema):
    reason: str = Field("", description="Why, if you wish to say.")


class ConcernNoteIn(Schema):
    text: str = Field(description="The note.")


def _summary(concern: Concern) -> dict[str, Any]:
    return {
        "id": concern.pk,
        "reference": concern.reference,
        "direction": concern.direction,
        "direction_label": concern.direction_label,
        "summary": concern.summary,
        "status": concern.status,
        "status_label": concern.get_status_display(),
        "raised_by": person_ref(concern.raised_by),
        "about": person_ref(concern.about),
        "raised_on": concern.raised_on,
    }


def _you_may(person: Person, concern: Concern) -> list[YouMay]:
    may: list[YouMay] = []
    if access.can_record_step(person, concern):
        may.append("resolve")
        if access.can_move_on(concern):
            may.append("move_on")
    if access.can_refer(person, concern):
        may.append("refer_to_monitoring_officer")
    if access.can_add_note(person, concern):
        may.append("add_note")
    if access.can_close(person, concern):
        may.append("close")
    return may


def concern_out(concern: Concern, person: Person) -> ConcernOut:
    views = step_views(person, concern)
    current = views[-1] if views else None
    return ConcernOut(
        **_summary(concern),
        details=concern.details,
        seriousness=concern.seriousness,
        subject_is_proper_officer=concern.subject_is_proper_officer,
        direct_discussion_inappropriate=concern.direct_discussion_inappropriate,
        formal_written=concern.formal_written,
        stage=concern.stage,
        handler_role=concern.handler_role,
        handler_title=title_of(concern.council, concern.handler_role),
        handlers=[person_ref(p) for p in access.handlers_of(concern)],  # type: ignore[misc]
        next_if_unresolved=current.next_titles if current and concern.is_open else [],
        route=decision_out(concern.route),
        outcome=concern.outcome,
        finished_on=concern.finished_on,
        referred_on=concern.referred_on,
        referral=concern.referral or None,
        steps=[
            ConcernStepOut(
                number=v.step.number,
                stage=v.step.stage,
                handler_role=v.step.handler_role,
                handled_by=v.handled_by,
                handlers=v.handlers,
                took_part=v.took_part,
                started_on=v.step.started_on,
                ended_on=v.step.ended_on,
                done=v.step.done,
                result=v.step.result,
                decision=decision_out(v.step.route),
            )
            for v in views
        ],
        notes=[
            ConcernNoteOut(author=n.author.full_name, added_on=n.added_on, text=n.text)
            for n in access.notes_of(person, concern)
        ],
        timeline=timeline_out(concern),
        you_may=_you_may(person, concern),
    )


def _person_of(person: Person, person_id: int | None, field: str) -> Person | None:
    if person_id is None:
        return None
    found: Person | None = Person.objects.for_council(person.council).filter(pk=person_id).first()
    if found is None:
        raise ValidationError({field: "Choose a person of your council."})
    return found


def _took_part(concern: Concern, ids: list[int]) -> list[Person]:
    handlers = {p.pk: p for p in access.handlers_of(concern)}
    if any(pk not in handlers for pk in ids):
        raise ValidationError({"took_part_ids": "Choose people who handle this step."})
    return [handlers[pk] for pk in ids]


@router.get(
    "",
    response={200: Paged[ConcernSummaryOut], **READ_ERRORS},
    summary="List the concerns you can see",
    operation_id="list_concerns",
)
def list_concerns(request: HttpRequest, paging: Query[PageIn]) -> Paged[ConcernSummaryOut]:
    """The concerns you raised and those you handle or handled. Nobody else's: not even
    the Clerk sees a concern they are not a party to or a handler of."""
    person = current_person(request)
    return paged(
        access.concerns_visible_to(person), paging, lambda c: ConcernSummaryOut(**_summary(c))
    )


@router.post(
    "",
    response={
        201: ConcernOut,
        409: ConcernRefusalOut,
        401: ErrorOut,
        403: ErrorOut,
        422: InvalidOut,
    },
    summary="Raise a concern",
    operation_id="create_concern",
)
def create_concern(request: HttpRequest, payload: ConcernIn) -> Status[Schema]:
    """A councillor or officer raises a concern; the council's rulebook says who handles it
    first. A code-of-conduct complaint the route sends to the Monitoring Officer is handed
    over at once with its record. A request that the council sanction a member is refused
    (409) with the clause: the council has no such power."""
    person = current_person(request)
    if payload.direction not in DIRECTIONS:
        raise ValidationError({"direction": "Choose what kind of concern this is."})
    try:
        concern = do_raise_concern(
            person,
            direction=payload.direction,
            about=_person_of(person, payload.about_id, "about_id"),
            summary=payload.summary,
            details=payload.details,
            seriousness=payload.seriousness,
            direct_discussion_inappropriate=payload.direct_discussion_inappropriate,
            formal_written=payload.formal_written,
            sanction_requested=payload.sanction_requested,
            declared=payload.facts,
            acting_user=person,
        )
    except ConcernRefused as refused:
        return Status(
            409,
            ConcernRefusalOut(
                detail=refused.decision.explanation,
                outcome="refuse",
                citations=citations_out(refused.decision),
                rulebook_version=refused.decision.rulebook_version,
            ),
        )
    return Status(201, concern_out(concern, person))


@router.get(
    "/{concern_id}",
    response={200: ConcernOut, **READ_ERRORS},
    summary="A concern, with its route step by step",
    operation_id="get_concern",
)
def get_concern(request: HttpRequest, concern_id: int) -> ConcernOut:
    """The concern, who handles it now and who next if it is not resolved, each step with
    its guidance and clauses, the notes, the timeline, and what you may do. 404 if it does
    not exist or is not yours to see: the two look the same."""
    person = current_person(request)
    return concern_out(record_read(person, access.access_concern_by_id(person, concern_id)), person)


@router.post(
    "/{concern_id}/resolve",
    response={200: ConcernOut, **ERRORS},
    summary="Record this step and that it resolved the concern (its handler)",
    operation_id="resolve_concern",
)
def resolve(request: HttpRequest, concern_id: int, payload: ConcernResolveIn) -> ConcernOut:
    """The current handler records what was done and how it was resolved. For the
    personnel committee, say which members took part: never the chair alone."""
    person = current_person(request)
    concern = access.access_concern_by_id(person, concern_id)
    do_resolve_concern(
        concern,
        done=payload.done,
        outcome=payload.outcome,
        took_part=_took_part(concern, payload.took_part_ids),
        acting_user=person,
    )
    return concern_out(concern, person)


@router.post(
    "/{concern_id}/move-on",
    response={200: ConcernOut, **ERRORS},
    summary="Not resolved: take it to the next step (its handler)",
    operation_id="move_concern_on",
)
def move_on(request: HttpRequest, concern_id: int, payload: ConcernStepIn) -> ConcernOut:
    """The current handler records what was done; the stage advances and the rulebook says
    who handles it next (where the next step is the Monitoring Officer, it is handed over
    with its record). 422 at the last step the route sets."""
    person = current_person(request)
    concern = access.access_concern_by_id(person, concern_id)
    do_move_concern_on(
        concern,
        done=payload.done,
        took_part=_took_part(concern, payload.took_part_ids),
        acting_user=person,
    )
    return concern_out(concern, person)


@router.post(
    "/{concern_id}/refer-to-monitoring-officer",
    response={200: ConcernOut, **ERRORS},
    summary="Hand it to the Monitoring Officer with its record",
    operation_id="refer_concern_to_monitoring_officer",
)
def refer(request: HttpRequest, concern_id: int, payload: ConcernOptionalReasonIn) -> ConcernOut:
    """Where the route leads to the Monitoring Officer: its handler (or the complainant, for
    a code-of-conduct complaint) hands the case and its record to the principal council's
    Monitoring Officer, who is emailed and can then see it."""
    person = current_person(request)
    concern = access.access_concern_by_id(person, concern_id)
    do_refer_to_monitoring_officer(concern, reason=payload.reason, acting_user=person)
    return concern_out(concern, person)


@router.post(
    "/{concern_id}/notes",
    response={200: ConcernOut, **ERRORS},
    summary="Add a note (its parties and handlers)",
    operation_id="add_concern_note",
)
def add_note(request: HttpRequest, concern_id: int, payload: ConcernNoteIn) -> ConcernOut:
    """Anyone who can see the concern adds a note, while it is not closed."""
    person = current_person(request)
    concern = access.access_concern_by_id(person, concern_id)
    do_add_concern_note(concern, text=payload.text, acting_user=person)
    return concern_out(concern, person)


@router.post(
    "/{concern_id}/close",
    response={200: ConcernOut, **ERRORS},
    summary="Close it (the person who raised it, or its handler)",
    operation_id="close_concern",
)
def close(request: HttpRequest, concern_id: int, payload: ConcernReasonIn) -> ConcernOut:
    """The person who raised it (withdrawing it) or its current handler closes it, saying why."""
    person = current_person(request)
    concern = access.access_concern_by_id(person, concern_id)
    do_close_concern(concern, reason=payload.reason, acting_user=person)
    return concern_out(concern, person)
