"""``/api/v1/spokespeople``: the spokesperson register."""

from __future__ import annotations

import datetime

from django.http import HttpRequest
from django.utils import timezone
from ninja import Field, Router, Schema, Status

from propriety.api.auth import current_person
from propriety.api.schemas import (
    ERRORS,
    READ_ERRORS,
    PersonRef,
    PlausibleDate,
)
from propriety.people.models import Person
from propriety.press import access
from propriety.press.actions import (
    do_appoint_spokesperson,
    do_end_spokesperson,
)
from propriety.press.models import (
    Spokesperson,
)
from propriety.press.views.register import _by_role

spokespeople_router = Router(tags=["spokespeople"])


class ByRoleOut(Schema):
    person: PersonRef = Field(description="The member who speaks by their role.")
    capacity: str = Field(description="The role that makes them a spokesperson.")


class EntryOut(Schema):
    id: int = Field(description="The entry's id, for /spokespeople/{id}.")
    reference: str = Field(description="The council's reference for the entry.")
    person: PersonRef = Field(description="The member or officer on the register.")
    basis: Spokesperson.Basis = Field(
        description="`resolution` (a member appointed by council resolution) or "
        "`authorisation` (an officer authorised to answer the media)."
    )
    basis_label: str = Field(description="The basis in plain English.")
    resolution_reference: str = Field(description="The resolution or minute reference.")
    resolved_on: datetime.date = Field(description="The date of the resolution or authorisation.")
    scope: str = Field(description="The topics they speak on; empty for any.")
    ends_on: datetime.date | None = Field(
        description="The day the entry ended; null while it runs."
    )
    end_reason: str = Field(description="Why the entry ended, if said.")
    current: bool = Field(description="The entry runs today.")


class RegisterOut(Schema):
    by_role: list[ByRoleOut] = Field(description="The chair of the council and committee chairs.")
    entries: list[EntryOut] = Field(description="Appointed by resolution, or officers authorised.")


class AppointIn(Schema):
    person_id: int = Field(description="The member or officer (a person's id).")
    basis: Spokesperson.Basis = Field(
        Spokesperson.Basis.RESOLUTION,
        description="`resolution` (a member appointed by council resolution, the default) or "
        "`authorisation` (an officer authorised to answer the media).",
    )
    resolution_reference: str = Field(description="The resolution or minute reference.")
    resolved_on: PlausibleDate = Field(description="The date of the resolution.")
    scope: str = Field("", description="The topics; empty for any.")


class EndIn(Schema):
    reason: str = Field("", description="Why the entry ends.")


def entry_out(entry: Spokesperson) -> EntryOut:
    return EntryOut(
        id=entry.pk,
        reference=entry.reference,
        person=PersonRef(id=entry.person.pk, name=entry.person.full_name),
        basis=Spokesperson.Basis(entry.basis),
        basis_label=entry.get_basis_display(),
        resolution_reference=entry.resolution_reference,
        resolved_on=entry.resolved_on,
        scope=entry.scope,
        ends_on=entry.ends_on,
        end_reason=entry.end_reason,
        current=entry.is_current_on(timezone.localdate()),
    )


@spokespeople_router.get(
    "",
    response={200: RegisterOut, **READ_ERRORS},
    summary="The spokesperson register",
    operation_id="list_spokespeople",
)
def list_spokespeople(request: HttpRequest) -> RegisterOut:
    """Everyone of the council sees the register: the chair of the council and committee
    chairs by their roles, and the members appointed by council resolution or officers
    authorised to answer the media, current and ended."""
    person = current_person(request)
    return RegisterOut(
        by_role=[
            ByRoleOut(
                person=PersonRef(id=r["person"].pk, name=r["person"].full_name), capacity=r["as"]
            )
            for r in _by_role(person, timezone.localdate())
        ],
        entries=[entry_out(e) for e in access.spokespeople_visible_to(person)],
    )


def _of_council(person: Person, person_id: int) -> Person | None:
    found: Person | None = Person.objects.for_council(person.council).filter(pk=person_id).first()
    return found


@spokespeople_router.post(
    "",
    response={201: EntryOut, 401: ERRORS[401], 403: ERRORS[403], 422: ERRORS[422]},
    summary="Add to the register (the Clerk)",
    operation_id="appoint_spokesperson",
)
def appoint(request: HttpRequest, payload: AppointIn) -> Status[Schema]:
    """The Clerk records the council's resolution appointing a member as a spokesperson
    (`resolution`), or an officer's authorisation to answer the media (`authorisation`)."""
    person = current_person(request)
    entry = do_appoint_spokesperson(
        person.council,
        person=_of_council(person, payload.person_id),
        basis=payload.basis,
        resolution_reference=payload.resolution_reference,
        resolved_on=payload.resolved_on,
        scope=payload.scope,
        acting_user=person,
    )
    return Status(201, entry_out(entry))


@spokespeople_router.get(
    "/{entry_id}",
    response={200: EntryOut, **READ_ERRORS},
    summary="A register entry",
    operation_id="get_spokesperson",
)
def get_entry(request: HttpRequest, entry_id: int) -> EntryOut:
    """A register entry. 404 if it does not exist or is another council's."""
    return entry_out(access.access_spokesperson_by_id(current_person(request), entry_id))


@spokespeople_router.post(
    "/{entry_id}/end",
    response={200: EntryOut, **ERRORS},
    summary="End a register entry (the Clerk)",
    operation_id="end_spokesperson",
)
def end_entry(request: HttpRequest, entry_id: int, payload: EndIn) -> EntryOut:
    """The Clerk ends a register entry from today, optionally saying why."""
    person = current_person(request)
    entry = access.access_spokesperson_by_id(person, entry_id)
    do_end_spokesperson(entry, reason=payload.reason, acting_user=person)
    return entry_out(entry)
