"""``/api/v1/documents`` and ``/api/v1/access-requests``: the register, reading a
document, and members' requests to see one (need to know), with disputes.

Thin, like the views: an ``access_*`` function (404 for missing and forbidden
alike), then a ``do_*`` action that decides whether the token's person may
act (403) and whether the input will do (422). Every decision shown carries
its clauses.
"""

from __future__ import annotations

import datetime
from typing import Any, Literal

from django.http import Http404, HttpRequest
from django.utils import timezone
from ninja import Field, Query, Router, Schema, Status

from propriety.api.auth import current_person
from propriety.api.paging import Paged, PageIn, paged
from propriety.api.schemas import (
    ERRORS,
    READ_ERRORS,
    DecisionOut,
    PersonRef,
    TimelineEntryOut,
    decision_out,
    officer_of,
    person_ref,
    timeline_out,
    title_of,
)
from propriety.audit.reads import record_read
from propriety.documents import request_access
from propriety.documents.access import (
    access_document_by_id,
    documents_visible_to,
    register_visible_to,
)
from propriety.documents.models import AccessDispute, AccessRequest, Classification, Document
from propriety.documents.requests import (
    USE_ONLY_FOR_PURPOSE,
    do_allocate_access_request,
    do_decide_dispute,
    do_determine_access_request,
    do_raise_dispute,
    do_request_access,
    do_take_dispute_further,
    do_withdraw_access_request,
    report_required,
)
from propriety.people.models import Person

documents_router = Router(tags=["documents"])
access_requests_router = Router(tags=["access requests"])

YouMay = Literal[
    "allocate",
    "determine",
    "withdraw",
    "dispute",
    "decide_dispute",
    "take_dispute_further",
]


# --- schemas -------------------------------------------------------------------------


class RegisterEntryOut(Schema):
    id: int = Field(description="The document's id, for /documents/{id}.")
    reference: str = Field(description="The council's own reference.")
    title: str = Field(description="The document's title.")
    classification: Classification = Field(description="How the document is classified.")
    classification_label: str = Field(description="The classification in plain English.")
    exempt_category: int | None = Field(
        description="For exempt information: the paragraph of Schedule 12A, Part 1 (1 to 7)."
    )
    exempt_category_label: str | None = Field(description="That paragraph in plain English.")
    committee: str | None = Field(description="The committee whose business it is, if any.")
    meeting_date: datetime.date | None = Field(description="The meeting it is for, if any.")
    readable: bool = Field(
        description=(
            "Whether you may read it now (public, your committee's, or released to you). "
            "If not, you may ask to see it: POST /documents/{id}/access-requests."
        )
    )


class DocumentOut(RegisterEntryOut):
    summary: str = Field(description="A short summary, if the register has one.")
    body: str = Field(description="The document's text.")


class AccessRequestIn(Schema):
    purpose: str = Field(description="What you will use the document for (required).")
    justification: str = Field(
        "", description="Why you need to know, in specific terms (need to know)."
    )
    third_party_name: str = Field(
        "", max_length=200, description="The constituent or other person you ask for, if any."
    )
    member_interest: bool = Field(
        False, description="You have a code-of-conduct interest in the subject."
    )
    facts: dict[str, Any] = Field(
        default_factory=dict,
        description="Answers to the facts the council's rulebook declares for `document.access` "
        "(name: value; see `schemas/rulebooks/<rulebook>.json`).",
    )


class DocumentRef(Schema):
    id: int = Field(description="The document's id, for /documents/{id}.")
    reference: str = Field(description="The council's own reference.")
    title: str = Field(description="The document's title.")
    classification: Classification = Field(description="How the document is classified.")


class DisputeOut(Schema):
    grounds: str = Field(description="Why the member thinks the refusal is wrong.")
    raised_on: datetime.date = Field(description="When the member disputed the refusal.")
    stage: AccessDispute.Stage = Field(description="`raised`, or `advised`: taken further.")
    status: AccessDispute.Status = Field(description="`open`, `refusal_upheld`, `access_granted`.")
    status_label: str = Field(description="The status in plain English.")
    handler_role: str = Field(description="The rulebook's role for whoever decides it now.")
    handler_title: str | None = Field(description="That role in the council's own words.")
    route: DecisionOut = Field(description="The rulebook's decision on who decides, and what for.")
    report_required: bool = Field(
        description="The protocol requires a report with the decision at this stage."
    )
    reasons: str = Field(description="The reasons for the decision on the dispute.")
    report: str = Field(description="The report given with the decision, if any.")
    decided_by: PersonRef | None = Field(description="Who decided the dispute.")
    decided_on: datetime.date | None = Field(description="When the dispute was decided.")
    can_go_further: bool = Field(description="The member may take an upheld refusal further.")
    next: list[str] = Field(description="Who it may go to next, in the council's own words.")


class ReleasedOut(Schema):
    body: str = Field(description="The document's text.")
    purpose: str = Field(description="The purpose the member gave.")
    condition: str = Field(description="The condition on its use.")


class AccessRequestSummaryOut(Schema):
    id: int = Field(description="The request's id, for /access-requests/{id}.")
    reference: str = Field(description="The council's reference, e.g. `DAR-5`.")
    document: DocumentRef | None = Field(
        description="The document asked for (none when the request is for correspondence)."
    )
    correspondence_id: int | None = Field(
        None,
        description="The correspondence asked for, where the request is for correspondence "
        "(see /correspondence/{correspondence_id} once released).",
    )
    member: PersonRef = Field(description="The member who asked.")
    requested_on: datetime.date = Field(description="When the member asked.")
    status: AccessRequest.Status = Field(description="Where the request is.")
    status_label: str = Field(description="The status in plain English.")
    decider: PersonRef | None = Field(description="The officer who decides, if referred.")
    disputed: bool = Field(description="The member has disputed a refusal.")


class AccessRequestOut(AccessRequestSummaryOut):
    purpose: str = Field(description="What the member will use the document for.")
    justification: str = Field(description="Why the member needs to know.")
    third_party_name: str = Field(description="The constituent or other person asked for.")
    member_interest: bool = Field(description="The member declared a code-of-conduct interest.")
    data_protection_risk: bool = Field(
        description="The deciding officer's finding that release is likely to breach data law."
    )
    decider_role: str = Field(description="The rulebook's role for whoever decides, if referred.")
    decider_title: str | None = Field(description="That role in the council's own words.")
    recommendation: DecisionOut = Field(
        description="The rulebook's `document.access` decision when the request was made."
    )
    determined_by: PersonRef | None = Field(description="Who decided (none: the rulebook did).")
    determined_on: datetime.date | None = Field(description="When it was decided.")
    reasons: str = Field(description="The reasons for the decision.")
    dispute: DisputeOut | None = Field(description="The member's dispute of a refusal, if any.")
    released: ReleasedOut | None = Field(
        description="The document, with your purpose and the condition: only for the member, "
        "once released."
    )
    timeline: list[TimelineEntryOut] = Field(description="Everything that happened, oldest first.")
    you_may: list[YouMay] = Field(description="What the token's person may do with it now.")


class AccessRequestAllocateIn(Schema):
    decider_id: int = Field(description="The officer to decide (a person's id).")


class DetermineIn(Schema):
    release: bool = Field(description="Release the document (true) or refuse access (false).")
    reasons: str = Field(description="The reasons for the decision (required).")
    data_protection_risk: bool | None = Field(
        None, description="Your finding that release is likely to breach data protection law."
    )


class DisputeIn(Schema):
    grounds: str = Field(description="Why you think the refusal is wrong.")


class DecideDisputeIn(Schema):
    grant: bool = Field(description="Grant access (true) or uphold the refusal (false).")
    reasons: str = Field(description="The reasons for the decision.")
    report: str = Field(
        "", description="The report, where the protocol requires one (see `report_required`)."
    )


# --- presenting ----------------------------------------------------------------------


def _entry_fields(document: Document, readable: bool) -> dict[str, object]:
    return {
        "id": document.pk,
        "reference": document.reference,
        "title": document.title,
        "classification": document.classification,
        "classification_label": document.get_classification_display(),
        "exempt_category": document.exempt_category,
        "exempt_category_label": (
            document.get_exempt_category_display() if document.exempt_category else None
        ),
        "committee": document.committee.name if document.committee else None,
        "meeting_date": document.meeting_date,
        "readable": readable,
    }


def _summary_fields(request: AccessRequest) -> dict[str, object]:
    document = request.document
    return {
        "id": request.pk,
        "reference": request.reference,
        "document": DocumentRef(
            id=document.pk,
            reference=document.reference,
            title=document.title,
            classification=Classification(document.classification),
        )
        if document is not None
        else None,
        "correspondence_id": request.correspondence_id,
        "member": person_ref(request.member),
        "requested_on": request.requested_on,
        "status": request.status,
        "status_label": request.get_status_display(),
        "decider": person_ref(request.decider),
        "disputed": request_access.dispute_of(request) is not None,
    }


def _dispute_out(dispute: AccessDispute) -> DisputeOut:
    council = dispute.council
    return DisputeOut(
        grounds=dispute.grounds,
        raised_on=dispute.raised_on,
        stage=AccessDispute.Stage(dispute.stage),
        status=AccessDispute.Status(dispute.status),
        status_label=dispute.get_status_display(),
        handler_role=dispute.handler_role,
        handler_title=title_of(council, dispute.handler_role),
        route=decision_out(dispute.route),
        report_required=report_required(dispute),
        reasons=dispute.reasons,
        report=dispute.report,
        decided_by=person_ref(dispute.decided_by),
        decided_on=dispute.decided_on,
        can_go_further=dispute.can_go_further,
        next=[title_of(council, role) or role for role in dispute.next_roles],
    )


def _you_may(
    person: Person, request: AccessRequest, dispute: AccessDispute | None, today: datetime.date
) -> list[YouMay]:
    may: list[YouMay] = []
    mine = request.member_id == person.pk
    waiting = request.status == AccessRequest.Status.AWAITING_DECISION
    if waiting and request_access.can_manage(person, today):
        may.append("allocate")
    if request_access.can_determine(person, request, today):
        may.append("determine")
    if mine and waiting:
        may.append("withdraw")
    if mine and request.status == AccessRequest.Status.REFUSED and dispute is None:
        may.append("dispute")
    if dispute is not None and request_access.can_decide_dispute(person, dispute, today):
        may.append("decide_dispute")
    if dispute is not None and mine and dispute.can_go_further:
        may.append("take_dispute_further")
    return may


def access_request_out(request: AccessRequest, person: Person) -> AccessRequestOut:
    today = timezone.localdate()
    dispute = request_access.dispute_of(request)
    released = None
    if request.status == AccessRequest.Status.RELEASED and request.member_id == person.pk:
        released = ReleasedOut(
            body=request.target.body, purpose=request.purpose, condition=USE_ONLY_FOR_PURPOSE
        )
    return AccessRequestOut(
        **_summary_fields(request),  # type: ignore[arg-type]
        purpose=request.purpose,
        justification=request.justification,
        third_party_name=request.third_party_name,
        member_interest=request.member_interest,
        data_protection_risk=request.data_protection_risk,
        decider_role=request.decider_role,
        decider_title=title_of(request.council, request.decider_role),
        recommendation=decision_out(request.recommendation),
        determined_by=person_ref(request.determined_by),
        determined_on=request.determined_on,
        reasons=request.reasons,
        dispute=_dispute_out(dispute) if dispute is not None else None,
        released=released,
        timeline=timeline_out(request, dispute) if dispute else timeline_out(request),
        you_may=_you_may(person, request, dispute, today),
    )


def _dispute_or_404(request: AccessRequest) -> AccessDispute:
    dispute = request_access.dispute_of(request)
    if dispute is None:
        raise Http404("No dispute.")
    return dispute


# --- the register ----------------------------------------------------------------------


@documents_router.get(
    "",
    response={200: Paged[RegisterEntryOut], **READ_ERRORS},
    summary="The document register",
    operation_id="list_documents",
)
def list_documents(request: HttpRequest, paging: Query[PageIn]) -> Paged[RegisterEntryOut]:
    """Every entry of the council's register (reference, title, classification, committee),
    so a member can ask to see a document; `readable` says whether you may read it now."""
    person = current_person(request)
    readable = set(documents_visible_to(person).values_list("pk", flat=True))
    return paged(
        register_visible_to(person).order_by("-meeting_date", "reference", "pk"),
        paging,
        lambda d: RegisterEntryOut(**_entry_fields(d, d.pk in readable)),  # type: ignore[arg-type]
    )


@documents_router.get(
    "/{document_id}",
    response={200: DocumentOut, **READ_ERRORS},
    summary="Read a document",
    operation_id="get_document",
)
def get_document(request: HttpRequest, document_id: int) -> DocumentOut:
    """The document with its text, if you may read it: public, your committee's business, or
    released to you on an access request. 404 otherwise, the same as for a missing one:
    ask to see it with POST /documents/{id}/access-requests."""
    person = current_person(request)
    document = record_read(person, access_document_by_id(person, document_id))
    return DocumentOut(
        **_entry_fields(document, True),  # type: ignore[arg-type]
        summary=document.summary,
        body=document.body,
    )


@documents_router.post(
    "/{document_id}/access-requests",
    response={201: AccessRequestOut, **ERRORS},
    summary="Ask to see a document (need to know)",
    operation_id="request_document_access",
)
def request_document(
    request: HttpRequest, document_id: int, payload: AccessRequestIn
) -> Status[AccessRequestOut]:
    """A serving member asks to see a document on the register and says why. The council's
    rulebook releases it at once, refuses citing its clause, or leaves the decision to an
    officer with a recommendation (`status` is then `awaiting_decision`)."""
    person = current_person(request)
    document = register_visible_to(person).filter(pk=document_id).first()
    if document is None:
        raise Http404("No such document.")
    made = do_request_access(
        person,
        document,
        purpose=payload.purpose,
        justification=payload.justification,
        third_party_name=payload.third_party_name,
        member_interest=payload.member_interest,
        declared=payload.facts,
        acting_user=person,
    )
    return Status(201, access_request_out(made, person))


# --- access requests -------------------------------------------------------------------


@access_requests_router.get(
    "",
    response={200: Paged[AccessRequestSummaryOut], **READ_ERRORS},
    summary="List the access requests you can see",
    operation_id="list_access_requests",
)
def list_access_requests(
    request: HttpRequest, paging: Query[PageIn]
) -> Paged[AccessRequestSummaryOut]:
    """The Clerk sees every request of the council; a member their own; an officer the
    requests left to them to decide; whoever a dispute's route names, the disputes before
    them. Newest first."""
    person = current_person(request)
    return paged(
        request_access.access_requests_visible_to(person),
        paging,
        lambda r: AccessRequestSummaryOut(**_summary_fields(r)),  # type: ignore[arg-type]
    )


@access_requests_router.get(
    "/{request_id}",
    response={200: AccessRequestOut, **READ_ERRORS},
    summary="An access request, with its recommendation, decision, dispute and timeline",
    operation_id="get_access_request",
)
def get_access_request(request: HttpRequest, request_id: int) -> AccessRequestOut:
    """The request, the rulebook's recommendation with its clauses, the determination and its
    reasons, any dispute and its route, and the timeline. Once released, the member who asked
    also gets the document with their purpose and the condition on its use. 404 if it does
    not exist or is not yours to see: the two look the same."""
    person = current_person(request)
    return access_request_out(
        record_read(person, request_access.access_access_request_by_id(person, request_id)), person
    )


@access_requests_router.post(
    "/{request_id}/allocate",
    response={200: AccessRequestOut, **ERRORS},
    summary="Send the decision to an officer (the Clerk)",
    operation_id="allocate_access_request",
)
def allocate(
    request: HttpRequest, request_id: int, payload: AccessRequestAllocateIn
) -> AccessRequestOut:
    """The Clerk asks another officer (for example the manager of the service) to decide."""
    person = current_person(request)
    found = request_access.access_access_request_by_id(person, request_id)
    decider = officer_of(found.council, payload.decider_id, "decider_id")
    do_allocate_access_request(found, decider=decider, acting_user=person)
    return access_request_out(found, person)


@access_requests_router.post(
    "/{request_id}/determine",
    response={200: AccessRequestOut, **ERRORS},
    summary="Release or refuse, with reasons (the deciding officer or the Clerk)",
    operation_id="determine_access_request",
)
def determine(request: HttpRequest, request_id: int, payload: DetermineIn) -> AccessRequestOut:
    """The deciding officer decides need to know and records the reasons. A release the
    rulebook refuses on the officer's own findings (for example a data protection risk) is
    refused with 422 naming the clause."""
    person = current_person(request)
    found = request_access.access_access_request_by_id(person, request_id)
    do_determine_access_request(
        found,
        release=payload.release,
        reasons=payload.reasons,
        data_protection_risk=payload.data_protection_risk,
        acting_user=person,
    )
    return access_request_out(found, person)


@access_requests_router.post(
    "/{request_id}/withdraw",
    response={200: AccessRequestOut, **ERRORS},
    summary="Withdraw a request still waiting (the member)",
    operation_id="withdraw_access_request",
)
def withdraw(request: HttpRequest, request_id: int) -> AccessRequestOut:
    """The member who asked withdraws a request that is still waiting for a decision."""
    person = current_person(request)
    found = request_access.access_access_request_by_id(person, request_id)
    do_withdraw_access_request(found, acting_user=person)
    return access_request_out(found, person)


@access_requests_router.post(
    "/{request_id}/dispute",
    response={201: AccessRequestOut, **ERRORS},
    summary="Dispute a refusal (the member)",
    operation_id="dispute_access_request",
)
def dispute(request: HttpRequest, request_id: int, payload: DisputeIn) -> Status[AccessRequestOut]:
    """The member who was refused disputes the refusal; the council's rulebook says who
    decides (for example the Town Clerk, or the Monitoring Officer)."""
    person = current_person(request)
    found = request_access.access_access_request_by_id(person, request_id)
    do_raise_dispute(found, grounds=payload.grounds, acting_user=person)
    return Status(201, access_request_out(found, person))


@access_requests_router.post(
    "/{request_id}/dispute/further",
    response={200: AccessRequestOut, **ERRORS},
    summary="Take an upheld refusal further (the member)",
    operation_id="take_access_dispute_further",
)
def dispute_further(request: HttpRequest, request_id: int) -> AccessRequestOut:
    """Where the rulebook's route goes on (for example from the Monitoring Officer to the
    Audit and Standards Committee), the member takes an upheld refusal to the next step.
    Where the decision was final, 403."""
    person = current_person(request)
    found = request_access.access_access_request_by_id(person, request_id)
    do_take_dispute_further(_dispute_or_404(found), acting_user=person)
    return access_request_out(found, person)


@access_requests_router.post(
    "/{request_id}/dispute/decide",
    response={200: AccessRequestOut, **ERRORS},
    summary="Decide a dispute (whoever the route names)",
    operation_id="decide_access_dispute",
)
def decide_dispute(
    request: HttpRequest, request_id: int, payload: DecideDisputeIn
) -> AccessRequestOut:
    """Grant access (the document is released) or uphold the refusal, with reasons, and the
    report where the protocol requires one at this stage."""
    person = current_person(request)
    found = request_access.access_access_request_by_id(person, request_id)
    do_decide_dispute(
        _dispute_or_404(found),
        grant=payload.grant,
        reasons=payload.reasons,
        report=payload.report,
        acting_user=person,
    )
    return access_request_out(found, person)
