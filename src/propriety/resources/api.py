"""``/api/v1/resource-requests``: members' requests to use council resources and their
decisions (``resources.use``). Thin, like the views."""

from __future__ import annotations

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest
from django.utils import timezone
from ninja import Field, Query, Router, Schema, Status

from propriety.api.auth import current_person
from propriety.api.paging import Paged, PageIn, list_query, paged
from propriety.api.schemas import (
    ERRORS,
    READ_ERRORS,
    DecisionOut,
    PersonRef,
    PlausibleDate,
    TimelineEntryOut,
    decision_out,
    officer_of,
    person_ref,
    timeline_out,
)
from propriety.resources import access
from propriety.resources.actions import do_decide_resource_request, do_request_resources
from propriety.resources.listing import FILTERS, SORTS, sorted_requests
from propriety.resources.models import ResourceRequest
from propriety.web.list_controls import controls_from, described

router = Router(tags=["council resources"])


class ResourceRequestIn(Schema):
    kind: str = Field(description="`printing`, `room`, `equipment`, `consumables` or `staff_time`.")
    purpose: str = Field(
        description="`council_business`, `party_political`, `party_meeting`, `campaigning`, "
        "`electioneering`, `private`, `non_council_capacity` or `other_authority`."
    )
    description: str = Field(description="What you need and why.")
    needed_on: PlausibleDate | None = Field(None, description="When you need it.")
    commercial_discussion: bool = Field(
        False, description="A discussion with third parties over commercial matters."
    )
    officers_present: bool = Field(False, description="Officers will be present at it.")
    officer_id: int | None = Field(None, description="The officer whose help you ask for.")


class ResourceDecideIn(Schema):
    allow: bool = Field(description="Allow (true) or refuse (false).")
    reasons: str = Field(description="The reasons for the decision.")


class ResourceRequestOut(Schema):
    id: int = Field(description="Its id, for the paths that take one.")
    reference: str = Field(description="The council's reference for it.")
    kind: str = Field(description="What is asked for.")
    purpose: str = Field(description="What it is for (the `resources.use` purpose).")
    description: str = Field(description="What is needed and why.")
    needed_on: datetime.date | None = Field(description="When it is needed.")
    officer: PersonRef | None = Field(description="The officer whose help is asked for.")
    requested_by: PersonRef = Field(description="Who asked.")
    requested_on: datetime.date = Field(description="The day they asked.")
    status: str = Field(description="`allowed`, `refused` or `referred` (waiting for a decision).")
    decided_by: PersonRef | None = Field(
        description="Who decided a referred request; null otherwise."
    )
    reasons: str = Field(description="The reasons given for the decision.")
    decision: DecisionOut = Field(description="The protocol's answer and its clauses.")
    timeline: list[TimelineEntryOut] = Field(description="Everything that happened, oldest first.")


def request_out(r: ResourceRequest) -> ResourceRequestOut:
    return ResourceRequestOut(
        id=r.pk,
        reference=r.reference,
        kind=r.kind,
        purpose=r.purpose,
        description=r.description,
        needed_on=r.needed_on,
        officer=person_ref(r.officer),
        requested_by=PersonRef(id=r.requested_by.pk, name=r.requested_by.full_name),
        requested_on=r.requested_on,
        status=r.status,
        decided_by=person_ref(r.decided_by),
        reasons=r.reasons,
        decision=decision_out(r.decision),
        timeline=timeline_out(r),
    )


class ResourceRequestListQuery(list_query("ResourceRequestListQuery", described(FILTERS), SORTS)):  # type: ignore[misc]
    """The list's filters and order, as its page offers them."""


@router.get("", response={200: Paged[ResourceRequestOut], **READ_ERRORS}, summary="The register")
def list_requests(
    request: HttpRequest, query: Query[ResourceRequestListQuery], paging: Query[PageIn]
) -> Paged[ResourceRequestOut]:
    """The Clerk sees the whole register; others their own and those they decide. Those
    waiting for a decision first (needed soonest first), then the rest newest first; paged,
    with the total `count`."""
    today = timezone.localdate()
    controls = controls_from(query.dict(), FILTERS, SORTS, strict=True)
    rows = controls.apply(access.requests_visible_to(current_person(request), today))
    return paged(sorted_requests(rows, controls.sort, today), paging, request_out)


@router.post("", response={201: ResourceRequestOut, **ERRORS}, summary="Ask to use resources")
def create_request(request: HttpRequest, payload: ResourceRequestIn) -> Status[Schema]:
    """Serving members ask; the rulebook allows, refuses (citing the clause) or refers."""
    person = current_person(request)
    if not access.may_request(person):
        raise PermissionDenied("Serving members ask to use council resources themselves.")
    officer = (
        officer_of(person.council, payload.officer_id, "officer_id")
        if payload.officer_id is not None
        else None
    )
    record = do_request_resources(
        person,
        kind=payload.kind,
        purpose=payload.purpose,
        description=payload.description,
        needed_on=payload.needed_on,
        commercial_discussion=payload.commercial_discussion,
        officers_present=payload.officers_present,
        officer=officer,
        acting_user=person,
    )
    return Status(201, request_out(record))


@router.get(
    "/{resource_id}", response={200: ResourceRequestOut, **READ_ERRORS}, summary="A request"
)
def get_request(request: HttpRequest, resource_id: int) -> ResourceRequestOut:
    """A request to use council resources and its decision. 404 if it does not exist or is not yours to see."""
    return request_out(access.access_resource_request_by_id(current_person(request), resource_id))


@router.post(
    "/{resource_id}/decide", response={200: ResourceRequestOut, **ERRORS}, summary="Decide it"
)
def decide_request(
    request: HttpRequest, resource_id: int, payload: ResourceDecideIn
) -> ResourceRequestOut:
    """Whoever the protocol leaves a referred request to decides it, with reasons."""
    person = current_person(request)
    record = access.access_resource_request_by_id(person, resource_id)
    if not access.can_decide(person, record):
        raise PermissionDenied("You do not decide this request.")
    if not payload.reasons.strip():
        raise ValidationError({"reasons": "Give the reasons for your decision."})
    return request_out(
        do_decide_resource_request(
            record, allow=payload.allow, reasons=payload.reasons, acting_user=person
        )
    )
