"""``/api/v1/media-contacts``: contacts from the media, recorded with the protocol's decision."""

from __future__ import annotations

import datetime

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
from propriety.press import access
from propriety.press.actions import (
    do_record_media_contact,
)
from propriety.press.models import (
    CAPACITIES,
    CAPACITY_LABELS,
    MediaContact,
)

media_contacts_router = Router(tags=["media contacts"])


class MediaContactIn(Schema):
    capacity: str = Field(
        "council",
        description="The capacity you speak in: "
        + "; ".join(f"`{k}`: {CAPACITY_LABELS.get(k, k)}" for k in CAPACITIES)
        + ". Officers always speak for the council.",
        json_schema_extra={"enum": list(CAPACITIES)},
    )
    outlet: str = Field(description="The newspaper, station or journalist.")
    topic: str = Field(description="What it is about.")
    political_comment: bool = Field(False, description="You will make a political comment.")


class MediaContactOut(Schema):
    id: int = Field(description="The contact's id, for /media-contacts/{id}.")
    reference: str = Field(description="The council's reference for the contact.")
    person: PersonRef = Field(description="Who speaks to the media.")
    speaker_role: str = Field(description="Their role, worked out from their roles.")
    capacity: str = Field(description="The capacity they speak in.")
    capacity_label: str = Field(description="The capacity in plain English.")
    outlet: str = Field(description="The newspaper, station or journalist.")
    topic: str = Field(description="What it is about.")
    political_comment: bool = Field(description="They said they will make a political comment.")
    contact_on: datetime.date = Field(description="The day it was recorded.")
    pre_election: bool = Field(description="It fell in a pre-election period.")
    decision: DecisionOut = Field(description="What the protocol says: may they, and what to do.")
    timeline: list[TimelineEntryOut] = Field(description="Everything that happened, oldest first.")


def contact_out(contact: MediaContact) -> MediaContactOut:
    return MediaContactOut(
        id=contact.pk,
        reference=contact.reference,
        person=PersonRef(id=contact.person.pk, name=contact.person.full_name),
        speaker_role=contact.speaker_role,
        capacity=contact.capacity,
        capacity_label=contact.get_capacity_display(),
        outlet=contact.outlet,
        topic=contact.topic,
        political_comment=contact.political_comment,
        contact_on=contact.contact_on,
        pre_election=contact.pre_election,
        decision=decision_out(contact.decision),
        timeline=timeline_out(contact),
    )


@media_contacts_router.get(
    "",
    response={200: Paged[MediaContactOut], **READ_ERRORS},
    summary="Media contacts you can see",
    operation_id="list_media_contacts",
)
def list_contacts(request: HttpRequest, paging: Query[PageIn]) -> Paged[MediaContactOut]:
    """Your own media contacts (all of them for the Clerk), newest first, each with what the
    protocol said."""
    return paged(access.media_contacts_visible_to(current_person(request)), paging, contact_out)


@media_contacts_router.post(
    "",
    response={201: MediaContactOut, 401: ERRORS[401], 403: ERRORS[403], 422: ERRORS[422]},
    summary="Record that you speak to the media, and ask the protocol",
    operation_id="create_media_contact",
)
def create_contact(request: HttpRequest, payload: MediaContactIn) -> Status[Schema]:
    """`press.spokesperson` decides whether you may speak in the capacity you state and what
    you must do (officers: whether you must be authorised first)."""
    person = current_person(request)
    contact = do_record_media_contact(
        person,
        capacity=payload.capacity,
        outlet=payload.outlet,
        topic=payload.topic,
        political_comment=payload.political_comment,
        acting_user=person,
    )
    return Status(201, contact_out(contact))


@media_contacts_router.get(
    "/{contact_id}",
    response={200: MediaContactOut, **READ_ERRORS},
    summary="A media contact",
    operation_id="get_media_contact",
)
def get_contact(request: HttpRequest, contact_id: int) -> MediaContactOut:
    """A media contact, with the protocol's decision and its clauses. 404 if it does not
    exist or is not yours to see."""
    return contact_out(access.access_media_contact_by_id(current_person(request), contact_id))
