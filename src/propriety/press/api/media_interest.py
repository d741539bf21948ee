"""``/api/v1/media-interest``: media interest in a matter, and the members told of it."""

from __future__ import annotations

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest
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
    timeline_out,
)
from propriety.councils.models import Ward
from propriety.people.models import Person
from propriety.press import access
from propriety.press.actions import (
    do_record_media_interest,
)
from propriety.press.models import (
    MediaInterest,
)

media_interest_router = Router(tags=["media interest"])


class MediaInterestIn(Schema):
    matter: str = Field(description="The matter the media are interested in.")
    details: str = Field("", description="What the media asked, or anything else to pass on.")
    outlet: str = Field("", description="The newspaper, station or journalist, if known.")
    ward_id: int | None = Field(None, description="The ward concerned, if any.")
    also_tell_ids: list[int] = Field(
        default_factory=list, description="Other members to tell (ids)."
    )


class MediaInterestOut(Schema):
    id: int = Field(description="The record's id, for /media-interest/{id}.")
    reference: str = Field(description="The council's reference for the record.")
    matter: str = Field(description="The matter the media are interested in.")
    details: str = Field(description="What the media asked, or anything else passed on.")
    outlet: str = Field(description="The newspaper, station or journalist, if known.")
    ward: str | None = Field(description="The ward concerned; null for none.")
    recorded_by: PersonRef = Field(description="The officer who recorded it.")
    recorded_on: datetime.date = Field(description="The day it was recorded.")
    members_told: list[PersonRef] = Field(description="The members emailed about it.")
    decision: DecisionOut | None = Field(
        description="The protocol's rule on telling members; null where it has none."
    )
    timeline: list[TimelineEntryOut] = Field(description="Everything that happened, oldest first.")


def interest_out(record: MediaInterest) -> MediaInterestOut:
    return MediaInterestOut(
        id=record.pk,
        reference=record.reference,
        matter=record.matter,
        details=record.details,
        outlet=record.outlet,
        ward=record.ward.name if record.ward else None,
        recorded_by=PersonRef(id=record.recorded_by.pk, name=record.recorded_by.full_name),
        recorded_on=record.recorded_on,
        members_told=[
            PersonRef(id=p.pk, name=p.full_name) for p in record.members_told.order_by("full_name")
        ],
        decision=decision_out(record.decision) if record.decision else None,
        timeline=timeline_out(record),
    )


@media_interest_router.get(
    "",
    response={200: Paged[MediaInterestOut], **READ_ERRORS},
    summary="Media interest you can see",
    operation_id="list_media_interest",
)
def list_interest(request: HttpRequest, paging: Query[PageIn]) -> Paged[MediaInterestOut]:
    """Officers see every record of media interest; members the ones they were told about."""
    return paged(access.media_interest_visible_to(current_person(request)), paging, interest_out)


@media_interest_router.post(
    "",
    response={201: MediaInterestOut, 401: ERRORS[401], 403: ERRORS[403], 422: ERRORS[422]},
    summary="Record media interest and tell the members the protocol names (officers)",
    operation_id="create_media_interest",
)
def create_interest(request: HttpRequest, payload: MediaInterestIn) -> Status[Schema]:
    """An officer records media interest in a matter, optionally in a ward. Where the
    rulebook asks for members to be told (`ward.notification`, a media story), the ward
    councillors of that ward and the chair of the council are emailed, with any members
    listed in `also_tell_ids`; who was told is recorded."""
    person = current_person(request)
    if not access.can_record_media_interest(person):
        raise PermissionDenied("Only officers record media interest.")
    ward = None
    if payload.ward_id is not None:
        ward = Ward.objects.for_council(person.council).filter(pk=payload.ward_id).first()
        if ward is None:
            raise ValidationError({"ward_id": "Choose a ward of your council."})
    members = list(Person.objects.for_council(person.council).filter(pk__in=payload.also_tell_ids))
    if len(members) != len(set(payload.also_tell_ids)):
        raise ValidationError({"also_tell_ids": "Choose members of your council."})
    record = do_record_media_interest(
        person,
        matter=payload.matter,
        details=payload.details,
        outlet=payload.outlet,
        ward=ward,
        also_tell=members,
        acting_user=person,
    )
    return Status(201, interest_out(record))


@media_interest_router.get(
    "/{interest_id}",
    response={200: MediaInterestOut, **READ_ERRORS},
    summary="A record of media interest",
    operation_id="get_media_interest",
)
def get_interest(request: HttpRequest, interest_id: int) -> MediaInterestOut:
    """A record of media interest, the members told and the rule that asked for it. 404 if it
    does not exist or is not yours to see."""
    return interest_out(access.access_media_interest_by_id(current_person(request), interest_id))
