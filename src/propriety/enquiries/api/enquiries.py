"""``/api/v1/enquiries``: members' enquiries, everything the pages offer.

Thin, like the views: ``access_enquiry_by_id`` (404 for missing and
forbidden alike), then a ``do_*`` action that decides whether the token's
person may act (403) and whether the input will do (422). Every answer
carries the clauses behind it.
"""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils import timezone
from ninja import Query, Router, Schema, Status

from propriety.api.auth import current_person
from propriety.api.paging import Paged, PageIn, paged
from propriety.api.schemas import (
    ERRORS,
    READ_ERRORS,
    ErrorOut,
    InvalidOut,
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
from propriety.enquiries.api.agreements import _agreement_of
from propriety.enquiries.api.schemas import (
    AnswerIn,
    ClocksOut,
    EnquiryAllocateIn,
    EnquiryFilters,
    EnquiryIn,
    EnquiryOut,
    EnquirySummaryOut,
    FeedbackIn,
    OptionalReasonIn,
    QuestionIn,
    ReasonIn,
    RefusalOut,
    ReplyIn,
    YouMay,
    agreement_ref,
)
from propriety.enquiries.clocks import clocks_for, is_overdue
from propriety.enquiries.listing import sorted_enquiries
from propriety.enquiries.models import (
    ADDRESSED,
    ADDRESSED_LABELS,
    KIND_LABELS,
    KINDS,
    Enquiry,
)
from propriety.people.models import Person

router = Router(tags=["enquiries"])


# The states in which the respond clock runs (not paused, not finished).
_RUNNING = (Enquiry.Status.WITH_CLERK, Enquiry.Status.ALLOCATED)


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
