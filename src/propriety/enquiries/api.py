"""``/api/v1/enquiries``: members' enquiries, everything the pages offer.

Thin, like the views: ``access_enquiry_by_id`` (404 for missing and
forbidden alike), then a ``do_*`` action that decides whether the token's
person may act (403) and whether the input will do (422). Every answer
carries the clauses behind it.
"""

from __future__ import annotations

import datetime
from typing import Any, Literal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils import timezone
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
    officer_of,
    person_ref,
    timeline_out,
    title_of,
)
from propriety.enquiries import access
from propriety.enquiries.actions import (
    EnquiryRefused,
    do_acknowledge_enquiry,
    do_answer_enquiry,
    do_clarify_enquiry,
    do_close_enquiry,
    do_record_feedback,
    do_request_clarification,
    do_submit_enquiry,
    do_triage_enquiry,
    do_withdraw_enquiry,
)
from propriety.enquiries.agreements import (
    agreement_citations,
    do_end_direct_contact_agreement,
    do_record_direct_contact_agreement,
)
from propriety.enquiries.clocks import clocks_for, is_overdue
from propriety.enquiries.listing import sorted_enquiries
from propriety.enquiries.models import (
    ADDRESSED,
    ADDRESSED_LABELS,
    KIND_LABELS,
    KINDS,
    DirectContactAgreement,
    Enquiry,
)
from propriety.people.models import Person

router = Router(tags=["enquiries"])
agreements_router = Router(tags=["enquiry agreements"])

# The states in which the respond clock runs (not paused, not finished).
_RUNNING = (Enquiry.Status.WITH_CLERK, Enquiry.Status.ALLOCATED)

YouMay = Literal[
    "allocate",
    "acknowledge",
    "ask_clarification",
    "clarify",
    "answer",
    "give_feedback",
    "close",
    "withdraw",
]


# --- schemas -------------------------------------------------------------------------


class EnquiryIn(Schema):
    subject: str = Field(max_length=200, description="A short subject for the enquiry.")
    body: str = Field(description="The enquiry itself.")
    kind: str = Field(
        description="What the member asks for: "
        + "; ".join(f"`{k}`: {KIND_LABELS.get(k, k)}" for k in KINDS)
        + ".",
        json_schema_extra={"enum": list(KINDS)},
    )
    addressed_to: str = Field(
        description="Whom the member wrote to: "
        + "; ".join(f"`{k}`: {ADDRESSED_LABELS.get(k, k)}" for k in ADDRESSED)
        + ".",
        json_schema_extra={"enum": list(ADDRESSED)},
    )
    addressed_officer_id: int | None = Field(
        None, description="The officer the member wrote to, if they named one (a person's id)."
    )
    constituent_name: str = Field(
        "", max_length=200, description="The constituent the enquiry is made for, if any."
    )
    asks_for_priority: bool = Field(False, description="The member asks for it to be put first.")
    via_formal_decision: bool = Field(
        False, description="The request comes from a decision of the council or a committee."
    )
    delegated_authority: bool = Field(
        False, description="A cabinet member acting under their delegated authority."
    )
    facts: dict[str, Any] = Field(
        default_factory=dict,
        description="Answers to the facts the council's rulebook declares for `enquiry.route` "
        "(name: value; see `schemas/rulebooks/<rulebook>.json` and docs/decide.md). Left out, "
        "each takes its declared default.",
    )
    agreement_id: int | None = Field(
        None,
        description=(
            "The Clerk's agreement for direct contact to make the enquiry under (an id from "
            "/enquiry-agreements): current, and for this member or every member. The enquiry "
            "then goes to that agreement's officer, and `addressed_to` must not be "
            "`proper_officer`."
        ),
    )


class RefusalOut(Schema):
    detail: str = Field(description="Why the rulebook refuses the request as made.")
    outcome: Literal["refuse"] = Field(description="Always `refuse`.")
    citations: list[CitationOut] = Field(description="The clauses that refuse it.")
    proper_route: str = Field(description="Where to take the matter instead, in plain English.")
    rulebook_version: str = Field(description="The version of the rulebook that refused.")


class EnquiryFilters(Schema):
    show: Literal["overdue", "due_this_week"] | None = Field(
        None,
        description=(
            "`overdue`: open, not waiting for the member, and past the date the answer was due; "
            "`due_this_week`: open, not waiting for the member, and due between today and "
            "the Friday of this working week (of next week, at a weekend)."
        ),
    )
    officer: int | None = Field(None, description="Only enquiries with this officer (an id).")
    ward: int | None = Field(None, description="Only enquiries from this ward (an id).")
    status: Enquiry.Status | None = Field(None, description="Only enquiries in this state.")
    sort: Literal["urgency", "newest", "oldest"] = Field(
        "urgency",
        description=(
            "`urgency` (the default): overdue first, then open enquiries by the date the "
            "answer is due, then the rest newest first; `newest`; `oldest`."
        ),
    )


class ClocksOut(Schema):
    acknowledge_due: datetime.date = Field(description="When the enquiry must be acknowledged.")
    acknowledged_on: datetime.date | None = Field(description="When it was acknowledged.")
    acknowledge_explanation: str = Field(
        description="How the acknowledge date is worked out, in working days."
    )
    respond_due: datetime.date = Field(description="When the answer is due.")
    respond_explanation: str = Field(
        description=(
            "How the answer date is worked out, e.g. `10 working days from 23 December 2026, "
            "not counting 25 and 28 December and 1 January: due 11 January 2027`."
        )
    )
    paused: bool = Field(description="The clock is paused while the member clarifies.")
    paused_days: int = Field(description="Working days the clock has been paused in all.")
    overdue: bool = Field(
        description="Open, not waiting for the member, and past the date the answer was due."
    )
    citations: list[CitationOut] = Field(description="The clauses that set the clocks.")


class AgreementRef(Schema):
    id: int = Field(description="The agreement's id, for /enquiry-agreements/{id}.")
    reference: str = Field(description="The council's reference, e.g. `DCA-3`.")
    officer: PersonRef = Field(description="The officer members may contact direct.")
    matter: str = Field(description="The matter it covers.")


def agreement_ref(agreement: DirectContactAgreement | None) -> AgreementRef | None:
    if agreement is None:
        return None
    return AgreementRef(
        id=agreement.pk,
        reference=agreement.reference,
        officer=PersonRef(id=agreement.officer.pk, name=agreement.officer.full_name),
        matter=agreement.matter,
    )


class EnquirySummaryOut(Schema):
    id: int = Field(description="The enquiry's id, for /enquiries/{id}.")
    reference: str = Field(description="The council's reference, e.g. `ENQ-12`.")
    subject: str = Field(description="The member's short subject.")
    kind: str = Field(description="What the member asks for (see `kind` on create).")
    status: Enquiry.Status = Field(description="Where the enquiry is.")
    status_label: str = Field(description="The status in plain English.")
    priority: str = Field(description="`low`, `normal`, `high`, `urgent`, or empty: not set.")
    member: PersonRef = Field(description="The member who asked.")
    officer: PersonRef | None = Field(description="The officer it is with, if allocated.")
    ward: str | None = Field(description="The member's ward, if they have one.")
    received_on: datetime.date = Field(description="The day it arrived (the clocks run from it).")
    respond_due: datetime.date = Field(description="When the answer is due.")
    overdue: bool = Field(description="Open, not waiting for the member, and past its due date.")


class EnquiryOut(EnquirySummaryOut):
    body: str = Field(description="The enquiry itself.")
    kind_label: str = Field(description="The kind in plain English.")
    addressed_to: str = Field(
        description="Whom the member wrote to (see `addressed_to` on create)."
    )
    addressed_to_label: str = Field(description="Whom the member wrote to, in plain English.")
    addressed_officer: PersonRef | None = Field(description="The officer the member named.")
    constituent_name: str = Field(description="The constituent it is for, if any.")
    asks_for_priority: bool = Field(description="The member asked for it to be put first.")
    via_formal_decision: bool = Field(
        description="The request comes from a decision of the council or a committee."
    )
    agreement: AgreementRef | None = Field(
        description="The Clerk's agreement for direct contact the member used, if any."
    )
    handler_role: str = Field(description="The rulebook's role for whoever has it now.")
    handler_title: str | None = Field(description="That role in the council's own words.")
    clarification_question: str = Field(description="The officer's last question, if any.")
    answered_on: datetime.date | None = Field(description="When it was answered, if it has been.")
    answer: str = Field(description="The officer's answer (empty until answered).")
    follow_up_until: datetime.date | None = Field(
        description="The member can say whether the answer answered until this day."
    )
    member_satisfied: bool | None = Field(description="The member's feedback, once given.")
    member_feedback: str = Field(description="What the member said the answer did not cover.")
    escalation_level: int = Field(
        description="0: on time; 1: handler reminded; 2 and up: escalated up the route."
    )
    clocks: ClocksOut = Field(description="The acknowledge and respond clocks, in working days.")
    route: DecisionOut = Field(description="The rulebook's routing decision when it arrived.")
    timeline: list[TimelineEntryOut] = Field(description="Everything that happened, oldest first.")
    you_may: list[YouMay] = Field(description="What the token's person may do with it now.")


class EnquiryAllocateIn(Schema):
    priority: Literal["low", "normal", "high", "urgent"] = Field(description="The priority.")
    officer_id: int = Field(description="The officer to deal with it (a person's id).")


class QuestionIn(Schema):
    question: str = Field(description="What the member needs to clarify.")


class ReplyIn(Schema):
    reply: str = Field(description="The member's clarification.")


class AnswerIn(Schema):
    answer: str = Field(description="The answer to the enquiry.")


class FeedbackIn(Schema):
    answered: bool = Field(description="Did the answer answer the question?")
    comment: str = Field(
        "", description="What it did not cover (required when `answered` is false)."
    )


class ReasonIn(Schema):
    reason: str = Field(description="Why.")


class OptionalReasonIn(Schema):
    reason: str = Field("", description="Why, if the member wishes to say.")


# --- presenting ----------------------------------------------------------------------


def _summary_fields(enquiry: Enquiry, today: datetime.date) -> dict[str, object]:
    return {
        "id": enquiry.pk,
        "reference": enquiry.reference,
        "subject": enquiry.subject,
        "kind": enquiry.kind,
        "status": enquiry.status,
        "status_label": enquiry.get_status_display(),
        "priority": enquiry.priority,
        "member": person_ref(enquiry.member),
        "officer": person_ref(enquiry.officer),
        "ward": enquiry.ward.name if enquiry.ward else None,
        "received_on": enquiry.received_on,
        "respond_due": enquiry.respond_due,
        "overdue": is_overdue(enquiry, today),
    }


def _you_may(person: Person, enquiry: Enquiry, today: datetime.date) -> list[YouMay]:
    may: list[YouMay] = []
    manages = access.can_manage(person, today)
    if manages and enquiry.is_open:
        may.append("allocate")
    if enquiry.acknowledged_on is None and access.can_answer(person, enquiry, today):
        may.append("acknowledge")
    if access.can_ask_clarification(person, enquiry, today):
        may.append("ask_clarification")
    if access.can_clarify(person, enquiry):
        may.append("clarify")
    if access.can_answer(person, enquiry, today):
        may.append("answer")
    if access.can_give_feedback(person, enquiry):
        may.append("give_feedback")
    if manages and enquiry.status not in (Enquiry.Status.CLOSED, Enquiry.Status.WITHDRAWN):
        may.append("close")
    if access.can_withdraw(person, enquiry):
        may.append("withdraw")
    return may


def enquiry_out(enquiry: Enquiry, person: Person) -> EnquiryOut:
    today = timezone.localdate()
    clocks = clocks_for(enquiry, today)
    return EnquiryOut(
        **_summary_fields(enquiry, today),  # type: ignore[arg-type]
        body=enquiry.body,
        kind_label=KIND_LABELS.get(enquiry.kind, enquiry.kind),
        addressed_to=enquiry.addressed_to,
        addressed_to_label=ADDRESSED_LABELS.get(enquiry.addressed_to, enquiry.addressed_to),
        addressed_officer=person_ref(enquiry.addressed_officer),
        agreement=agreement_ref(enquiry.agreement),
        constituent_name=enquiry.constituent_name,
        asks_for_priority=enquiry.asks_for_priority,
        via_formal_decision=enquiry.via_formal_decision,
        handler_role=enquiry.handler_role,
        handler_title=title_of(enquiry.council, enquiry.handler_role),
        clarification_question=enquiry.clarification_question,
        answered_on=enquiry.answered_on,
        answer=enquiry.answer,
        follow_up_until=enquiry.follow_up_until,
        member_satisfied=enquiry.member_satisfied,
        member_feedback=enquiry.member_feedback,
        escalation_level=enquiry.escalation_level,
        clocks=ClocksOut(
            acknowledge_due=clocks.acknowledge.due,
            acknowledged_on=enquiry.acknowledged_on,
            acknowledge_explanation=clocks.acknowledge.explanation,
            respond_due=clocks.respond.due,
            respond_explanation=clocks.respond.explanation,
            paused=clocks.respond.paused_now,
            paused_days=clocks.respond.paused_days,
            overdue=is_overdue(enquiry, today),
            citations=citations_out(clocks.acknowledge_decision, clocks.respond_decision),
        ),
        route=decision_out(enquiry.route),
        timeline=timeline_out(enquiry),
        you_may=_you_may(person, enquiry, today),
    )


def _friday(day: datetime.date) -> datetime.date:
    """The end of ``day``'s working week; at a weekend, of the week ahead (as the pages do)."""
    if day.weekday() >= 5:
        day += datetime.timedelta(days=7 - day.weekday())
    return day + datetime.timedelta(days=4 - day.weekday())


def _filtered(
    enquiries: QuerySet[Enquiry], filters: EnquiryFilters, today: datetime.date
) -> QuerySet[Enquiry]:
    if filters.show == "overdue":
        enquiries = enquiries.filter(status__in=_RUNNING, respond_due__lt=today)
    elif filters.show == "due_this_week":
        enquiries = enquiries.filter(
            status__in=_RUNNING, respond_due__gte=today, respond_due__lte=_friday(today)
        )
    if filters.officer is not None:
        enquiries = enquiries.filter(officer_id=filters.officer)
    if filters.ward is not None:
        enquiries = enquiries.filter(ward_id=filters.ward)
    if filters.status is not None:
        enquiries = enquiries.filter(status=filters.status)
    return enquiries


# --- endpoints -----------------------------------------------------------------------


@router.get(
    "",
    response={200: Paged[EnquirySummaryOut], **READ_ERRORS},
    summary="List the enquiries you can see",
    operation_id="list_enquiries",
)
def list_enquiries(
    request: HttpRequest, filters: Query[EnquiryFilters], paging: Query[PageIn]
) -> Paged[EnquirySummaryOut]:
    """The Clerk sees every enquiry of the council; a member the enquiries they made; an
    officer the enquiries allocated to them, overdue first unless `sort` says otherwise. The filters narrow the list
    (they are the Clerk's casework views: `show=overdue`, `show=due_this_week`, by officer,
    ward or status)."""
    person = current_person(request)
    today = timezone.localdate()
    enquiries = _filtered(access.enquiries_visible_to(person, today), filters, today)
    return paged(
        sorted_enquiries(enquiries, filters.sort, today),
        paging,
        lambda e: EnquirySummaryOut(**_summary_fields(e, today)),  # type: ignore[arg-type]
    )


@router.post(
    "",
    response={201: EnquiryOut, 409: RefusalOut, 401: ErrorOut, 403: ErrorOut, 422: InvalidOut},
    summary="Make an enquiry",
    operation_id="create_enquiry",
)
def create_enquiry(request: HttpRequest, payload: EnquiryIn) -> Status[Schema]:
    """A serving member makes an enquiry; the council's rulebook routes it (to the Clerk or an
    officer) and starts its clocks. Where the rulebook refuses the request as made (for
    example an instruction to an officer), nothing is stored and the answer is 409 with the
    clauses that refuse it and where to take the matter instead."""
    person = current_person(request)
    if payload.kind not in KINDS:
        raise ValidationError({"kind": "Choose what kind of enquiry this is."})
    if payload.addressed_to not in ADDRESSED:
        raise ValidationError({"addressed_to": "Choose who the enquiry is addressed to."})
    officer = (
        officer_of(person.council, payload.addressed_officer_id, "addressed_officer_id")
        if payload.addressed_officer_id is not None
        else None
    )
    agreement = (
        _agreement_of(person, payload.agreement_id) if payload.agreement_id is not None else None
    )
    try:
        enquiry = do_submit_enquiry(
            person,
            subject=payload.subject,
            body=payload.body,
            kind=payload.kind,
            addressed_to=payload.addressed_to,
            addressed_officer=officer,
            constituent_name=payload.constituent_name,
            asks_for_priority=payload.asks_for_priority,
            via_formal_decision=payload.via_formal_decision,
            delegated_authority=payload.delegated_authority,
            agreement=agreement,
            declared=payload.facts,
            acting_user=person,
        )
    except EnquiryRefused as refused:
        return Status(
            409,
            RefusalOut(
                detail=refused.decision.explanation,
                outcome="refuse",
                citations=citations_out(refused.decision),
                proper_route=refused.proper_route,
                rulebook_version=refused.decision.rulebook_version,
            ),
        )
    return Status(201, enquiry_out(enquiry, person))


@router.get(
    "/{enquiry_id}",
    response={200: EnquiryOut, **READ_ERRORS},
    summary="An enquiry, with its clocks, route and timeline",
    operation_id="get_enquiry",
)
def get_enquiry(request: HttpRequest, enquiry_id: int) -> EnquiryOut:
    """The enquiry, its two clocks (acknowledge and respond, in working days, with how each
    date is worked out), the rulebook's routing decision with its clauses and obligations,
    its timeline, and what you may do with it now. 404 if it does not exist or is not yours
    to see: the two look the same."""
    person = current_person(request)
    return enquiry_out(access.access_enquiry_by_id(person, enquiry_id), person)


@router.post(
    "/{enquiry_id}/allocate",
    response={200: EnquiryOut, **ERRORS},
    summary="Set the priority and allocate to an officer (the Clerk)",
    operation_id="allocate_enquiry",
)
def allocate_enquiry(
    request: HttpRequest, enquiry_id: int, payload: EnquiryAllocateIn
) -> EnquiryOut:
    """The Clerk sets the priority and gives the enquiry to an officer, or moves it to another.
    Reallocating never restarts the clocks: the dates run from when it arrived."""
    person = current_person(request)
    enquiry = access.access_enquiry_by_id(person, enquiry_id)
    officer = officer_of(enquiry.council, payload.officer_id, "officer_id")
    do_triage_enquiry(enquiry, priority=payload.priority, officer=officer, acting_user=person)
    return enquiry_out(enquiry, person)


@router.post(
    "/{enquiry_id}/acknowledge",
    response={200: EnquiryOut, **ERRORS},
    summary="Acknowledge the enquiry (its officer or the Clerk)",
    operation_id="acknowledge_enquiry",
)
def acknowledge_enquiry(request: HttpRequest, enquiry_id: int) -> EnquiryOut:
    """Record that the member has been told their enquiry arrived (the acknowledge clock)."""
    person = current_person(request)
    enquiry = access.access_enquiry_by_id(person, enquiry_id)
    do_acknowledge_enquiry(enquiry, acting_user=person)
    return enquiry_out(enquiry, person)


@router.post(
    "/{enquiry_id}/clarification-request",
    response={200: EnquiryOut, **ERRORS},
    summary="Ask the member to clarify (pauses the clock)",
    operation_id="request_enquiry_clarification",
)
def request_clarification(request: HttpRequest, enquiry_id: int, payload: QuestionIn) -> EnquiryOut:
    """Its officer or the Clerk asks the member a question; the respond clock pauses until the
    member replies."""
    person = current_person(request)
    enquiry = access.access_enquiry_by_id(person, enquiry_id)
    do_request_clarification(enquiry, question=payload.question, acting_user=person)
    return enquiry_out(enquiry, person)


@router.post(
    "/{enquiry_id}/clarification",
    response={200: EnquiryOut, **ERRORS},
    summary="Reply to a request for clarification (the member)",
    operation_id="clarify_enquiry",
)
def clarify(request: HttpRequest, enquiry_id: int, payload: ReplyIn) -> EnquiryOut:
    """The member who asked replies; the clock runs again, its due date moved on by the
    working days it was paused."""
    person = current_person(request)
    enquiry = access.access_enquiry_by_id(person, enquiry_id)
    do_clarify_enquiry(enquiry, reply=payload.reply, acting_user=person)
    return enquiry_out(enquiry, person)


@router.post(
    "/{enquiry_id}/answer",
    response={200: EnquiryOut, **ERRORS},
    summary="Answer the enquiry (its officer or the Clerk)",
    operation_id="answer_enquiry",
)
def answer(request: HttpRequest, enquiry_id: int, payload: AnswerIn) -> EnquiryOut:
    """Record the answer; the member can then say whether it answered the question until
    `follow_up_until`."""
    person = current_person(request)
    enquiry = access.access_enquiry_by_id(person, enquiry_id)
    do_answer_enquiry(enquiry, answer=payload.answer, acting_user=person)
    return enquiry_out(enquiry, person)


@router.post(
    "/{enquiry_id}/feedback",
    response={200: EnquiryOut, **ERRORS},
    summary="Say whether the answer answered the question (the member)",
    operation_id="enquiry_feedback",
)
def feedback(request: HttpRequest, enquiry_id: int, payload: FeedbackIn) -> EnquiryOut:
    """Yes closes the enquiry. No sends it back to the officer with the member's comment; the
    original due date stands, so it may now be overdue."""
    person = current_person(request)
    enquiry = access.access_enquiry_by_id(person, enquiry_id)
    do_record_feedback(
        enquiry, answered=payload.answered, comment=payload.comment, acting_user=person
    )
    return enquiry_out(enquiry, person)


@router.post(
    "/{enquiry_id}/close",
    response={200: EnquiryOut, **ERRORS},
    summary="Close the enquiry (the Clerk)",
    operation_id="close_enquiry",
)
def close(request: HttpRequest, enquiry_id: int, payload: ReasonIn) -> EnquiryOut:
    """The Clerk closes the enquiry, saying why."""
    person = current_person(request)
    enquiry = access.access_enquiry_by_id(person, enquiry_id)
    do_close_enquiry(enquiry, reason=payload.reason, acting_user=person)
    return enquiry_out(enquiry, person)


@router.post(
    "/{enquiry_id}/withdraw",
    response={200: EnquiryOut, **ERRORS},
    summary="Withdraw the enquiry (the member)",
    operation_id="withdraw_enquiry",
)
def withdraw(request: HttpRequest, enquiry_id: int, payload: OptionalReasonIn) -> EnquiryOut:
    """The member who asked withdraws an open enquiry, optionally saying why."""
    person = current_person(request)
    enquiry = access.access_enquiry_by_id(person, enquiry_id)
    do_withdraw_enquiry(enquiry, reason=payload.reason, acting_user=person)
    return enquiry_out(enquiry, person)


# --- agreements for direct contact ---------------------------------------------------


def _agreement_of(person: Person, agreement_id: int) -> DirectContactAgreement:
    """The member's council's agreement by id, or a 422 on ``agreement_id``."""
    agreement: DirectContactAgreement | None = (
        DirectContactAgreement.objects.for_council(person.council)
        .select_related("officer")
        .filter(pk=agreement_id)
        .first()
    )
    if agreement is None:
        raise ValidationError({"agreement_id": "Choose an agreement of your council."})
    return agreement


AgreementState = Literal["Current", "Not started yet", "Expired", "Ended"]


class AgreementOut(Schema):
    id: int = Field(description="The agreement's id.")
    reference: str = Field(description="The council's reference, e.g. `DCA-3`.")
    officer: PersonRef = Field(description="The officer members may contact direct.")
    matter: str = Field(description="The matter it covers.")
    member: PersonRef | None = Field(description="The one member it is for; null: every member.")
    starts_on: datetime.date = Field(description="The first day it is in force.")
    ends_on: datetime.date | None = Field(
        description="The last day it is in force; null: until the Clerk ends it."
    )
    ended_on: datetime.date | None = Field(
        description="The day the Clerk ended it, if they did (not in force from that day)."
    )
    agreed_by: PersonRef = Field(description="The Clerk who agreed it.")
    instructions_approved: bool = Field(
        description="The Clerk also expressly approved instructions to the officer on it."
    )
    state: AgreementState = Field(description="Whether it is in force today.")
    current: bool = Field(description="In force today: members can make enquiries under it.")
    citations: list[CitationOut] = Field(
        description="The clauses that let members go direct under the Clerk's agreement."
    )
    timeline: list[TimelineEntryOut] = Field(description="Everything that happened, oldest first.")
    you_may: list[Literal["end", "use"]] = Field(
        description="`end`: the Clerk may end it; `use`: you may make an enquiry under it."
    )


class AgreementIn(Schema):
    officer_id: int = Field(description="The officer members may contact direct (a person's id).")
    matter: str = Field(description="The matter the agreement covers.")
    member_id: int | None = Field(
        None, description="The one member it is for (a person's id); null for every member."
    )
    starts_on: datetime.date | None = Field(
        None, description="The first day it is in force (today if not given)."
    )
    ends_on: datetime.date | None = Field(
        None, description="The last day it is in force; null to keep it until the Clerk ends it."
    )
    instructions_approved: bool = Field(
        False,
        description="The Clerk also expressly approves members' instructions to the officer on "
        "this matter (where the protocol distinguishes it from direct contact).",
    )


def agreement_out(agreement: DirectContactAgreement, person: Person) -> AgreementOut:
    today = timezone.localdate()
    you_may: list[Literal["end", "use"]] = []
    if access.can_end_agreement(person, agreement, today):
        you_may.append("end")
    if any(a.pk == agreement.pk for a in access.agreements_usable_by(person, today)):
        you_may.append("use")
    citations = agreement_citations(agreement.council, today)
    return AgreementOut(
        id=agreement.pk,
        reference=agreement.reference,
        officer=PersonRef(id=agreement.officer.pk, name=agreement.officer.full_name),
        matter=agreement.matter,
        member=person_ref(agreement.member),
        starts_on=agreement.starts_on,
        ends_on=agreement.ends_on,
        ended_on=agreement.ended_on,
        agreed_by=PersonRef(id=agreement.agreed_by.pk, name=agreement.agreed_by.full_name),
        instructions_approved=agreement.instructions_approved,
        state=agreement.state(today),  # type: ignore[arg-type]
        current=agreement.is_current(today),
        citations=[
            CitationOut(rulebook=c.rulebook, clause=c.clause, says=c.says) for c in citations
        ],
        timeline=timeline_out(agreement),
        you_may=you_may,
    )


def _member_of(person: Person, member_id: int) -> Person:
    member: Person | None = Person.objects.for_council(person.council).filter(pk=member_id).first()
    if member is None:
        raise ValidationError({"member_id": "Choose a serving member of the council."})
    return member


@agreements_router.get(
    "",
    response={200: Paged[AgreementOut], **READ_ERRORS},
    summary="List the agreements for direct contact that concern you",
    operation_id="list_enquiry_agreements",
)
def list_agreements(request: HttpRequest, paging: Query[PageIn]) -> Paged[AgreementOut]:
    """The Clerk sees every agreement of the council; a member the agreements for them or for
    every member; an officer the agreements that name them. Newest first."""
    person = current_person(request)
    today = timezone.localdate()
    return paged(
        access.agreements_visible_to(person, today), paging, lambda a: agreement_out(a, person)
    )


@agreements_router.post(
    "",
    response={201: AgreementOut, 401: ErrorOut, 403: ErrorOut, 422: InvalidOut},
    summary="Record an agreement for direct contact (the Clerk)",
    operation_id="create_enquiry_agreement",
)
def create_agreement(request: HttpRequest, payload: AgreementIn) -> Status[AgreementOut]:
    """The Clerk agrees that members (or one member) may write direct to an officer about a
    matter. While it is in force, an enquiry made under it goes straight to that officer.
    422 where the council's protocol has no rule for such agreements."""
    person = current_person(request)
    if not access.can_manage(person):
        raise PermissionDenied("Only the Clerk records agreements for direct contact.")
    officer = officer_of(person.council, payload.officer_id, "officer_id")
    member = _member_of(person, payload.member_id) if payload.member_id is not None else None
    agreement = do_record_direct_contact_agreement(
        officer=officer,
        matter=payload.matter,
        member=member,
        starts_on=payload.starts_on,
        ends_on=payload.ends_on,
        instructions_approved=payload.instructions_approved,
        acting_user=person,
    )
    return Status(201, agreement_out(agreement, person))


@agreements_router.get(
    "/{agreement_id}",
    response={200: AgreementOut, **READ_ERRORS},
    summary="An agreement for direct contact, with its clauses and timeline",
    operation_id="get_enquiry_agreement",
)
def get_agreement(request: HttpRequest, agreement_id: int) -> AgreementOut:
    """404 if it does not exist or does not concern you: the two look the same."""
    person = current_person(request)
    return agreement_out(access.access_agreement_by_id(person, agreement_id), person)


@agreements_router.post(
    "/{agreement_id}/end",
    response={200: AgreementOut, **ERRORS},
    summary="End an agreement for direct contact (the Clerk)",
    operation_id="end_enquiry_agreement",
)
def end_agreement(request: HttpRequest, agreement_id: int) -> AgreementOut:
    """The Clerk ends the agreement from today; enquiries already made under it stand.
    422 if it has already ended or run out."""
    person = current_person(request)
    agreement = access.access_agreement_by_id(person, agreement_id)
    do_end_direct_contact_agreement(agreement, acting_user=person)
    return agreement_out(agreement, person)
