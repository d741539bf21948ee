"""The enquiries API's schemas: what comes in and what goes out."""

from __future__ import annotations

import datetime
from typing import Any, Literal

from ninja import Field, Schema

from propriety.api.schemas import (
    CitationOut,
    DecisionOut,
    PersonRef,
    TimelineEntryOut,
)
from propriety.enquiries.models import (
    ADDRESSED,
    ADDRESSED_LABELS,
    KIND_LABELS,
    KINDS,
    DirectContactAgreement,
    Enquiry,
)
from propriety.web.paging import MAX_ID

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
    officer: int | None = Field(
        None, ge=1, le=MAX_ID, description="Only enquiries with this officer (an id)."
    )
    ward: int | None = Field(
        None, ge=1, le=MAX_ID, description="Only enquiries from this ward (an id)."
    )
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
