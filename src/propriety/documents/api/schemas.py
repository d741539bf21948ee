"""The documents API's schemas, and how a document or an access request is presented
in them (with the decision's clauses and what the token's person may do next).
"""

from __future__ import annotations

import datetime
from typing import Any, Literal

from django.http import Http404
from django.utils import timezone
from ninja import Field, Schema

from propriety.api.schemas import (
    DecisionOut,
    PersonRef,
    TimelineEntryOut,
    decision_out,
    person_ref,
    timeline_out,
    title_of,
)
from propriety.documents import request_access
from propriety.documents.models import AccessDispute, AccessRequest, Classification, Document
from propriety.documents.requests import (
    USE_ONLY_FOR_PURPOSE,
    report_required,
)
from propriety.people.models import Person

YouMay = Literal[
    "allocate",
    "determine",
    "withdraw",
    "dispute",
    "decide_dispute",
    "take_dispute_further",
]


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
