"""``/api/v1/ward-notices``: recording ward matters and the members the protocol says to
tell (``ward.notification``). Thin, like the views."""

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
    person_ref,
    timeline_out,
)
from propriety.councils.models import Ward
from propriety.people.models import Person
from propriety.wardnotices import access
from propriety.wardnotices.actions import do_decide_ward_notice, do_record_ward_notice
from propriety.wardnotices.listing import (
    API_FILTERS,
    SORTS,
    filters_for,
    prefetched,
    sorted_notices,
)
from propriety.wardnotices.models import WardNotice
from propriety.web.list_controls import controls_from

router = Router(tags=["ward notices"])


class WardNoticeIn(Schema):
    event: str = Field(
        description="Officers: `council_public_meeting`, `consultation`, `policy_development`, "
        "`sensitive_operational_matter`, `officer_visit`. Members: `member_public_meeting`, `premises_visit`, "
        "`ward_surgery_support`."
    )
    title: str = Field(description="What it is.")
    takes_place_on: PlausibleDate = Field(description="The day it starts or takes place.")
    ward_ids: list[int] = Field(description="The wards affected (one for a premises visit).")
    details: str = Field("", description="Anything else to pass on.")
    party_political: bool = Field(False, description="Arranged on a party-political basis.")
    visiting_officer_id: int | None = Field(
        None,
        description="For `officer_visit`: the officer who visits (default: you; the Clerk "
        "may record a visit for another officer).",
    )


class WardNoticeOut(Schema):
    id: int = Field(description="Its id, for the paths that take one.")
    reference: str = Field(description="The council's reference for it.")
    event: str = Field(description="What was recorded (the `ward.notification` event).")
    title: str = Field(description="Its title.")
    details: str = Field(description="Anything else passed on.")
    takes_place_on: datetime.date = Field(description="The day it starts or takes place.")
    wards: list[str] = Field(description="The wards affected.")
    visiting_officer: PersonRef | None = Field(description="For an officer's visit: who visits.")
    recorded_by: PersonRef = Field(description="Who recorded it.")
    recorded_on: datetime.date = Field(description="The day it was recorded.")
    outcome: str = Field(description="`allow`, `refuse` or `refer`.")
    in_pre_election_period: bool = Field(
        description="It takes place in a pre-election period on the election timetable."
    )
    decided_by: PersonRef | None = Field(description="Who decided a referred notice.")
    decided_allow: bool | None = Field(description="Their decision: may it go ahead?")
    reasons: str = Field(description="The reasons for their decision.")
    members_told: list[PersonRef] = Field(description="Everyone emailed about it.")
    decision: DecisionOut = Field(description="The protocol's answer and its clauses.")
    timeline: list[TimelineEntryOut] = Field(description="Everything that happened, oldest first.")


def notice_out(n: WardNotice) -> WardNoticeOut:
    return WardNoticeOut(
        id=n.pk,
        reference=n.reference,
        event=n.event,
        title=n.title,
        details=n.details,
        takes_place_on=n.takes_place_on,
        wards=[w.name for w in n.wards.order_by("name")],
        visiting_officer=person_ref(n.visiting_officer),
        recorded_by=PersonRef(id=n.recorded_by.pk, name=n.recorded_by.full_name),
        recorded_on=n.recorded_on,
        outcome=n.outcome,
        in_pre_election_period=n.election_id is not None,
        decided_by=person_ref(n.decided_by),
        decided_allow=n.decided_allow,
        reasons=n.reasons,
        members_told=[
            PersonRef(id=p.pk, name=p.full_name) for p in n.members_told.order_by("full_name")
        ],
        decision=decision_out(n.decision),
        timeline=timeline_out(n),
    )


class WardNoticeListQuery(list_query("WardNoticeListQuery", API_FILTERS, SORTS)):  # type: ignore[misc]
    """The list's filters and order, as its page offers them."""


@router.get("", response={200: Paged[WardNoticeOut], **READ_ERRORS}, summary="Ward notices")
def list_notices(
    request: HttpRequest, query: Query[WardNoticeListQuery], paging: Query[PageIn]
) -> Paged[WardNoticeOut]:
    """Officers see every notice; members those they recorded or were told of. Those waiting
    for a decision first (the soonest first), then the rest newest first; paged, with the
    total `count`."""
    today = timezone.localdate()
    person = current_person(request)
    controls = controls_from(query.dict(), filters_for(person.council), SORTS, strict=True)
    rows = sorted_notices(
        controls.apply(access.notices_visible_to(person, today)), controls.sort, today
    )
    return paged(prefetched(rows), paging, notice_out)


@router.post("", response={201: WardNoticeOut, **ERRORS}, summary="Record a ward notice")
def create_notice(request: HttpRequest, payload: WardNoticeIn) -> Status[Schema]:
    """The rulebook says whether it may go ahead and who is told; they are emailed."""
    person = current_person(request)
    if any(not 0 < pk < 2**63 for pk in payload.ward_ids):  # no id is out of that range
        raise ValidationError({"ward_ids": "Choose wards of your council."})
    wards = list(Ward.objects.for_council(person.council).filter(pk__in=payload.ward_ids))
    if len(wards) != len(set(payload.ward_ids)):
        raise ValidationError({"ward_ids": "Choose wards of your council."})
    visitor = None
    if payload.visiting_officer_id is not None:
        pk = payload.visiting_officer_id
        visitor = Person.objects.for_council(person.council).filter(pk=pk).first()
        if visitor is None:
            raise ValidationError({"visiting_officer_id": "Choose an officer of the council."})
    notice = do_record_ward_notice(
        person,
        event=payload.event,
        title=payload.title,
        takes_place_on=payload.takes_place_on,
        wards=wards,
        details=payload.details,
        party_political=payload.party_political,
        visiting_officer=visitor,
        acting_user=person,
    )
    return Status(201, notice_out(notice))


@router.get("/{notice_id}", response={200: WardNoticeOut, **READ_ERRORS}, summary="A ward notice")
def get_notice(request: HttpRequest, notice_id: int) -> WardNoticeOut:
    """A ward notice, the protocol's answer and who was told. 404 if it does not exist or is not yours to see."""
    return notice_out(access.access_ward_notice_by_id(current_person(request), notice_id))


class WardNoticeDecideIn(Schema):
    allow: bool = Field(description="May it go ahead (true) or not (false).")
    reasons: str = Field(description="The reasons for the decision.")


@router.post(
    "/{notice_id}/decide", response={200: WardNoticeOut, **ERRORS}, summary="Decide a referral"
)
def decide_notice(
    request: HttpRequest, notice_id: int, payload: WardNoticeDecideIn
) -> WardNoticeOut:
    """Whoever the protocol refers a ward notice to records the decision with reasons."""
    person = current_person(request)
    notice = access.access_ward_notice_by_id(person, notice_id)
    if not access.can_decide(person, notice):
        raise PermissionDenied("You do not decide this ward notice.")
    return notice_out(
        do_decide_ward_notice(
            notice, allow=payload.allow, reasons=payload.reasons, acting_user=person
        )
    )
