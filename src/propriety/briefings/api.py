"""``/api/v1/briefings``: party groups' requests for briefings and the log of briefings.

A group's briefing is seen by its members, the officers present and the Clerk
only; another group gets 404, as for a briefing that does not exist.
"""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.utils import timezone
from ninja import Field, NinjaAPI, Query, Router, Schema, Status

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
    timeline_out,
)
from propriety.briefings import access
from propriety.briefings.actions import (
    do_decide_briefing,
    do_link_same_matter,
    do_record_briefing,
    do_request_briefing,
)
from propriety.briefings.listing import API_FILTERS, SORTS, filters_for, sorted_briefings
from propriety.briefings.models import Briefing
from propriety.councils.models import PartyGroup
from propriety.interests.api import Text
from propriety.people.models import Person
from propriety.web.list_controls import controls_from

router = Router(tags=["party-group briefings"])


class RequestIn(Schema):
    group_id: int = Field(description="Your party group.")
    matter: Text = Field(description="What the group wants advice on.")
    matter_kind: Briefing.Matter = Field(Briefing.Matter.COUNCIL_BUSINESS)
    details: Text = ""
    meeting_on: PlausibleDate | None = None
    non_members_present: bool = Field(False, description="People who are not councillors attend.")
    support_services: bool = Field(False, description="Support services are asked for too.")
    relay_requested: bool = Field(False, description="The group wants its discussion passed on.")


class BriefingOut(Schema):
    id: int
    reference: str
    group: str
    requested_by: PersonRef
    matter: str
    matter_kind: Briefing.Matter
    status: Briefing.Status
    requested_on: datetime.date
    meeting_on: datetime.date | None
    non_members_present: bool
    decision: DecisionOut = Field(description="The party_group.briefing answer, with clauses.")
    same_matter_as: str | None = Field(
        description="The Clerk only: the earlier briefing to another group on the same matter."
    )
    reasons: str
    given_on: datetime.date | None
    advice: str
    discussion: str = Field(description="The group's discussion, confidential to the group.")
    officers_present: list[PersonRef]
    attendees: list[PersonRef]
    timeline: list[TimelineEntryOut]


def _refs(briefing: Briefing, ids: list[int]) -> list[PersonRef]:
    people = Person.objects.for_council(briefing.council).filter(pk__in=ids)
    return [PersonRef(id=p.pk, name=p.full_name) for p in people]


def briefing_out(person: Person, b: Briefing) -> BriefingOut:
    clerk = access.is_clerk(person, timezone.localdate())
    earlier = b.same_matter_as if clerk else None
    return BriefingOut(
        id=b.pk,
        reference=b.reference,
        group=b.group.name,
        requested_by=PersonRef(id=b.requested_by.pk, name=b.requested_by.full_name),
        matter=b.matter,
        matter_kind=Briefing.Matter(b.matter_kind),
        status=Briefing.Status(b.status),
        requested_on=b.requested_on,
        meeting_on=b.meeting_on,
        non_members_present=b.non_members_present,
        decision=decision_out(b.decision),
        same_matter_as=f"{earlier.reference} ({earlier.group.name})" if earlier else None,
        reasons=b.reasons,
        given_on=b.given_on,
        advice=b.advice,
        discussion=b.discussion,
        officers_present=_refs(b, b.officers_present),
        attendees=_refs(b, b.attendees),
        timeline=timeline_out(b),
    )


def _people(person: Person, ids: list[int], field: str) -> list[Person]:
    found = list(Person.objects.for_council(person.council).filter(pk__in=ids))
    if len(found) != len(set(ids)):
        raise ValidationError({field: "Choose people of this council."})
    return found


class BriefingListQuery(list_query("BriefingListQuery", API_FILTERS, SORTS)):  # type: ignore[misc]
    """The list's filters and order, as its page offers them."""


@router.get(
    "",
    response={200: Paged[BriefingOut], **READ_ERRORS},
    summary="Briefings (your groups'; every group's for the Clerk)",
    operation_id="list_briefings",
)
def list_briefings(
    request: HttpRequest, query: Query[BriefingListQuery], paging: Query[PageIn]
) -> Paged[BriefingOut]:
    """Your groups' briefings; every group's for the Clerk; those you attended as an officer. Open ones first (the soonest meeting first), then the rest newest first; paged, with the total `count`."""
    person = current_person(request)
    visible = access.briefings_visible_to(person)
    controls = controls_from(query.dict(), filters_for(person.council, visible), SORTS, strict=True)
    rows = sorted_briefings(controls.apply(visible), controls.sort, timezone.localdate())
    return paged(rows, paging, lambda b: briefing_out(person, b))


@router.post(
    "",
    response={201: BriefingOut, 401: ERRORS[401], 403: ERRORS[403], 422: ERRORS[422]},
    summary="Ask for a briefing for your group (refused at once where the protocol bars it)",
    operation_id="request_briefing",
)
def request_briefing(request: HttpRequest, payload: RequestIn) -> Status[Schema]:
    """A member of the group asks the Clerk for a briefing. What the protocol bars (party business, non-members present, support services) is refused at once, citing the clause."""
    person = current_person(request)
    group = PartyGroup.objects.for_council(person.council).filter(pk=payload.group_id).first()
    if group is None:
        raise ValidationError({"group_id": "Choose a party group of this council."})
    briefing = do_request_briefing(
        group,
        matter=payload.matter,
        matter_kind=payload.matter_kind,
        details=payload.details,
        meeting_on=payload.meeting_on,
        non_members_present=payload.non_members_present,
        support_services=payload.support_services,
        relay_requested=payload.relay_requested,
        acting_user=person,
    )
    return Status(201, briefing_out(person, briefing))


@router.get(
    "/{briefing_id}",
    response={200: BriefingOut, **READ_ERRORS},
    summary="A briefing (its group's members, the officers present, the Clerk)",
    operation_id="get_briefing",
)
def get_briefing(request: HttpRequest, briefing_id: int) -> BriefingOut:
    """A briefing. 404 for another group's: one group's discussion is never shown to another."""
    person = current_person(request)
    return briefing_out(person, access.access_briefing_by_id(person, briefing_id))


class SameMatterIn(Schema):
    earlier_id: int | None = Field(
        None, description="The earlier briefing to another group; null for none."
    )


@router.post(
    "/{briefing_id}/same-matter",
    response={200: BriefingOut, **ERRORS},
    summary="Record that another group was briefed on the same matter (the Clerk)",
    operation_id="link_same_matter",
)
def same_matter(request: HttpRequest, briefing_id: int, payload: SameMatterIn) -> BriefingOut:
    """The Clerk records that another group was briefed on the same matter (or not); the protocol is asked again."""
    person = current_person(request)
    briefing = access.access_briefing_by_id(person, briefing_id)
    earlier = None
    if payload.earlier_id is not None:
        earlier = Briefing.objects.for_council(person.council).filter(pk=payload.earlier_id).first()
        if earlier is None:
            raise ValidationError({"earlier_id": "Choose a briefing of this council."})
    do_link_same_matter(briefing, earlier=earlier, acting_user=person)
    return briefing_out(person, briefing)


class BriefingDecideIn(Schema):
    agree: bool = Field(description="True to brief the group, false to decline.")
    reasons: Text = Field("", description="Why (needed to decline).")


@router.post(
    "/{briefing_id}/decide",
    response={200: BriefingOut, **ERRORS},
    summary="Agree or decline (the Clerk; a group briefed on a matter another was may not be "
    "declined)",
    operation_id="decide_briefing",
)
def decide(request: HttpRequest, briefing_id: int, payload: BriefingDecideIn) -> BriefingOut:
    """The Clerk agrees or declines. A group asking on a matter already briefed to another may not be declined (422 citing the clause)."""
    person = current_person(request)
    briefing = access.access_briefing_by_id(person, briefing_id)
    do_decide_briefing(briefing, agree=payload.agree, reasons=payload.reasons, acting_user=person)
    return briefing_out(person, briefing)


class RecordIn(Schema):
    given_on: PlausibleDate
    advice: Text = Field(description="The facts and professional advice given.")
    officer_ids: list[int] = Field(description="The officers present.")
    attendee_ids: list[int] = Field(default_factory=list, description="The members attending.")
    non_members_attended: bool = Field(False, description="People who are not councillors came.")
    discussion: Text = Field("", description="The group's discussion (confidential to it).")


@router.post(
    "/{briefing_id}/record",
    response={200: BriefingOut, **ERRORS},
    summary="Record the briefing given (an officer, once the Clerk agreed)",
    operation_id="record_briefing",
)
def record(request: HttpRequest, briefing_id: int, payload: RecordIn) -> BriefingOut:
    """An officer records the briefing given: the advice, the officers present and the attendees. Officers do not attend where non-members are present (422 citing the clause)."""
    person = current_person(request)
    briefing = access.access_briefing_by_id(person, briefing_id)
    do_record_briefing(
        briefing,
        given_on=payload.given_on,
        advice=payload.advice,
        officers=_people(person, payload.officer_ids, "officer_ids"),
        attendees=_people(person, payload.attendee_ids, "attendee_ids"),
        non_members_attended=payload.non_members_attended,
        discussion=payload.discussion,
        acting_user=person,
    )
    return briefing_out(person, briefing)


def add_routers(api: NinjaAPI) -> None:
    api.add_router("/briefings", router)
