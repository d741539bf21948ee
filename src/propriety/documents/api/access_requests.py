"""``/api/v1/access-requests``: members' requests to see a document (need to know),
with their disputes.
"""

from __future__ import annotations

from django.http import HttpRequest
from ninja import Query, Router, Status

from propriety.api.auth import current_person
from propriety.api.paging import Paged, PageIn, paged
from propriety.api.schemas import (
    ERRORS,
    READ_ERRORS,
    officer_of,
)
from propriety.audit.reads import record_read
from propriety.documents import request_access
from propriety.documents.api.schemas import (
    AccessRequestAllocateIn,
    AccessRequestOut,
    AccessRequestSummaryOut,
    DecideDisputeIn,
    DetermineIn,
    DisputeIn,
    _dispute_or_404,
    _summary_fields,
    access_request_out,
)
from propriety.documents.requests import (
    do_allocate_access_request,
    do_decide_dispute,
    do_determine_access_request,
    do_raise_dispute,
    do_take_dispute_further,
    do_withdraw_access_request,
)

access_requests_router = Router(tags=["access requests"])


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
