"""``/api/v1/declarations`` and ``/api/v1/panels``: the register and the panels.

Thin, like the views: an ``access_*`` function (404 for missing and forbidden
alike), then a ``do_*`` action that decides whether the token's person may act
(403) and whether the input will do (422). Every answer carries its clauses.
"""

from __future__ import annotations

import datetime
from typing import Annotated

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.utils import timezone
from ninja import Field, NinjaAPI, Query, Router, Schema, Status
from pydantic import AfterValidator

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
from propriety.interests import access
from propriety.interests.actions import (
    do_close_panel,
    do_declare_relationship,
    do_end_declaration,
    do_form_panel,
    do_seat_panel_member,
)
from propriety.interests.listing import (
    DECLARATION_FILTERS,
    DECLARATION_SORTS,
    PANEL_FILTERS,
    PANEL_SORTS,
    sorted_declarations,
    sorted_panels,
)
from propriety.interests.models import Declaration, Panel, PanelSeat
from propriety.people.models import Person
from propriety.web.list_controls import controls_from, described


def _no_nul(value: str) -> str:
    if "\x00" in value:
        raise ValueError("Text may not contain NUL characters.")
    return value


# Text from an API caller: PostgreSQL cannot store a NUL character, so it is refused (422).
Text = Annotated[str, AfterValidator(_no_nul)]

declarations_router = Router(tags=["relationships and interests"])
panels_router = Router(tags=["panels"])


def _person_of(person: Person, person_id: int | None, field: str) -> Person | None:
    """A person of the token's council by id, or a 422 on ``field``."""
    if person_id is None:
        return None
    found: Person | None = Person.objects.for_council(person.council).filter(pk=person_id).first()
    if found is None:
        raise ValidationError({field: "Choose a person of this council."})
    return found


class DeclarationIn(Schema):
    nature: Text = Field(
        description="`relative`, `close_friend`, `personal`, `business` or `interest`."
    )
    related_person_id: int | None = Field(None, description="A person of the council.")
    related_name: Text = Field("", description="Or an outsider: a person, body or matter.")
    details: Text = Field("", description="Anything more.")
    starts_on: PlausibleDate | None = Field(None, description="From (default today).")
    ends_on: PlausibleDate | None = Field(None, description="To (empty while it continues).")


class DeclarationOut(Schema):
    id: int
    reference: str = Field(description="e.g. `DEC-4`.")
    declarer: PersonRef
    related_person: PersonRef | None = Field(description="The person of the council, if any.")
    related_name: str = Field(description="The outsider, if not a person of the council.")
    nature: str
    nature_label: str
    details: str
    starts_on: datetime.date
    ends_on: datetime.date | None
    current: bool = Field(description="It holds today.")
    decision: DecisionOut = Field(
        description="What the protocol says about decisions involving them (outcome "
        "`not_answered` where it does not deal with it, citing what it covers)."
    )
    timeline: list[TimelineEntryOut]


def declaration_out(d: Declaration) -> DeclarationOut:
    return DeclarationOut(
        id=d.pk,
        reference=d.reference,
        declarer=PersonRef(id=d.declarer.pk, name=d.declarer.full_name),
        related_person=person_ref(d.related_person),
        related_name=d.related_name,
        nature=d.nature,
        nature_label=d.nature_label,
        details=d.details,
        starts_on=d.starts_on,
        ends_on=d.ends_on,
        current=d.is_current(timezone.localdate()),
        decision=decision_out(d.decision),
        timeline=timeline_out(d),
    )


class DeclarationEndIn(Schema):
    ends_on: PlausibleDate | None = Field(None, description="The last day it held (default today).")


_DECLARATION_QUERY = list_query("Declarations", described(DECLARATION_FILTERS), DECLARATION_SORTS)


class DeclarationListQuery(_DECLARATION_QUERY):  # type: ignore[misc,valid-type]
    """The list's filters and order, as its page offers them."""


@declarations_router.get(
    "",
    response={200: Paged[DeclarationOut], **READ_ERRORS},
    summary="The register (yours; every declaration for the Clerk and the Monitoring Officer)",
    operation_id="list_declarations",
)
def list_declarations(
    request: HttpRequest, query: Query[DeclarationListQuery], paging: Query[PageIn]
) -> Paged[DeclarationOut]:
    """Your own declarations; the Clerk and the Monitoring Officer see every declaration of the council. Current ones first, newest declared first; paged, with the total `count`."""
    today = timezone.localdate()
    controls = controls_from(query.dict(), DECLARATION_FILTERS, DECLARATION_SORTS, strict=True)
    rows = controls.apply(access.declarations_visible_to(current_person(request)))
    return paged(sorted_declarations(rows, controls.sort, today), paging, declaration_out)


@declarations_router.post(
    "",
    response={201: DeclarationOut, 401: ERRORS[401], 403: ERRORS[403], 422: ERRORS[422]},
    summary="Declare a relationship or interest of your own",
    operation_id="declare_relationship",
)
def declare(request: HttpRequest, payload: DeclarationIn) -> Status[Schema]:
    """Declare a close personal relationship or interest of your own, with a person of the council (`related_person_id`) or an outsider (`related_name`). The answer says what the protocol makes of decisions involving them, with its clauses."""
    person = current_person(request)
    declaration = do_declare_relationship(
        nature=payload.nature,
        related_person=_person_of(person, payload.related_person_id, "related_person_id"),
        related_name=payload.related_name,
        details=payload.details,
        starts_on=payload.starts_on,
        ends_on=payload.ends_on,
        acting_user=person,
    )
    return Status(201, declaration_out(declaration))


@declarations_router.get(
    "/{declaration_id}",
    response={200: DeclarationOut, **READ_ERRORS},
    summary="A declaration (the declarer, the Clerk and the Monitoring Officer only)",
    operation_id="get_declaration",
)
def get_declaration(request: HttpRequest, declaration_id: int) -> DeclarationOut:
    """A declaration. 404 unless you made it or are the Clerk or the Monitoring Officer (the person it is with does not see it)."""
    return declaration_out(access.access_declaration_by_id(current_person(request), declaration_id))


@declarations_router.post(
    "/{declaration_id}/end",
    response={200: DeclarationOut, **ERRORS},
    summary="Record that it has ended (the declarer or the Clerk)",
    operation_id="end_declaration",
)
def end_declaration(
    request: HttpRequest, declaration_id: int, payload: DeclarationEndIn
) -> DeclarationOut:
    """The declarer or the Clerk records the last day the relationship or interest held."""
    person = current_person(request)
    declaration = access.access_declaration_by_id(person, declaration_id)
    do_end_declaration(declaration, ends_on=payload.ends_on, acting_user=person)
    return declaration_out(declaration)


# --- panels --------------------------------------------------------------------------------


class PanelIn(Schema):
    kind: Panel.Kind = Field(description="`appointment`, `pay`, `discipline` or `grievance`.")
    title: Text = Field(description="The panel's title.")
    subject_id: int | None = Field(None, description="The officer it is about.")
    candidates: Text = Field("", description="For an appointment: the candidates, one a line.")


class SeatOut(Schema):
    member: PersonRef
    status: PanelSeat.Status
    reasons: str = Field(description="The Clerk's reasons, where the protocol left it to them.")
    considered_on: datetime.date
    decision: DecisionOut = Field(description="The relationship.conflict answer, with clauses.")


class PanelOut(Schema):
    id: int
    reference: str
    kind: Panel.Kind
    title: str
    subject: PersonRef | None
    candidates: list[str]
    status: Panel.Status
    formed_on: datetime.date
    closed_on: datetime.date | None
    outcome: str
    seats: list[SeatOut] = Field(description="Every member considered: seated or refused.")
    timeline: list[TimelineEntryOut]


def panel_out(person: Person, panel: Panel) -> PanelOut:
    return PanelOut(
        id=panel.pk,
        reference=panel.reference,
        kind=Panel.Kind(panel.kind),
        title=panel.title,
        subject=person_ref(panel.subject),
        candidates=panel.candidate_names(),
        status=Panel.Status(panel.status),
        formed_on=panel.formed_on,
        closed_on=panel.closed_on,
        outcome=panel.outcome,
        seats=[
            SeatOut(
                member=PersonRef(id=s.member.pk, name=s.member.full_name),
                status=PanelSeat.Status(s.status),
                reasons=s.reasons,
                considered_on=s.considered_on,
                decision=decision_out(s.decision),
            )
            for s in access.seats_of(person, panel)
        ],
        timeline=[
            TimelineEntryOut(
                occurred_at=e.event.occurred_at,
                action=e.event.action,
                says=e.says,
                actor=e.actor_name,
                clauses=list(e.clauses),
            )
            for e in access.panel_timeline(person, panel)
        ],
    )


class SeatIn(Schema):
    member_id: int = Field(description="The member to consider for a seat.")
    canvassing: bool = Field(False, description="The member canvassed support for a candidate.")
    information_advantage: bool = Field(
        False, description="The member gave a candidate information the others lacked."
    )
    clerk_decision: Text = Field(
        "", description="`seat` or `refuse`: needed where the protocol leaves it to the Clerk."
    )
    reasons: Text = Field("", description="The Clerk's reasons, with `clerk_decision`.")


class CloseIn(Schema):
    outcome: Text = Field(description="What the panel decided.")


class PanelListQuery(list_query("PanelListQuery", described(PANEL_FILTERS), PANEL_SORTS)):  # type: ignore[misc]
    """The list's filters and order, as its page offers them."""


@panels_router.get(
    "",
    response={200: Paged[PanelOut], **READ_ERRORS},
    summary="Panels (the Clerk's and the Monitoring Officer's; a member's own)",
    operation_id="list_panels",
)
def list_panels(
    request: HttpRequest, query: Query[PanelListQuery], paging: Query[PageIn]
) -> Paged[PanelOut]:
    """Every panel for the Clerk and the Monitoring Officer; for a member, the panels they were considered for. Open ones first, newest first; paged, with the total `count`."""
    person = current_person(request)
    controls = controls_from(query.dict(), PANEL_FILTERS, PANEL_SORTS, strict=True)
    rows = sorted_panels(controls.apply(access.panels_visible_to(person)), controls.sort)
    return paged(rows, paging, lambda p: panel_out(person, p))


@panels_router.post(
    "",
    response={201: PanelOut, 401: ERRORS[401], 403: ERRORS[403], 422: ERRORS[422]},
    summary="Form a panel (the Clerk)",
    operation_id="form_panel",
)
def form_panel(request: HttpRequest, payload: PanelIn) -> Status[Schema]:
    """The Clerk forms an appointment panel (with its candidates) or a pay, discipline or grievance panel about an officer."""
    person = current_person(request)
    panel = do_form_panel(
        person.council,
        kind=payload.kind,
        title=payload.title,
        subject=_person_of(person, payload.subject_id, "subject_id"),
        candidates=payload.candidates,
        acting_user=person,
    )
    return Status(201, panel_out(person, panel))


@panels_router.get(
    "/{panel_id}",
    response={200: PanelOut, **READ_ERRORS},
    summary="A panel",
    operation_id="get_panel",
)
def get_panel(request: HttpRequest, panel_id: int) -> PanelOut:
    """A panel with every member considered: seated, or refused citing the clause."""
    person = current_person(request)
    return panel_out(person, access.access_panel_by_id(person, panel_id))


@panels_router.post(
    "/{panel_id}/seats",
    response={200: PanelOut, **ERRORS},
    summary="Consider a member for a seat (the Clerk): seated, or refused citing the clause",
    operation_id="seat_panel_member",
)
def seat(request: HttpRequest, panel_id: int, payload: SeatIn) -> PanelOut:
    """The Clerk considers a member for a seat. The register and the rulebook's relationship.conflict decide; where the protocol leaves it to the Clerk, `clerk_decision` and `reasons` are required (422 names the clauses)."""
    person = current_person(request)
    panel = access.access_panel_by_id(person, panel_id)
    member = _person_of(person, payload.member_id, "member_id")
    assert member is not None
    do_seat_panel_member(
        panel,
        member=member,
        canvassing=payload.canvassing,
        information_advantage=payload.information_advantage,
        clerk_decision=payload.clerk_decision,
        reasons=payload.reasons,
        acting_user=person,
    )
    return panel_out(person, panel)


@panels_router.post(
    "/{panel_id}/close",
    response={200: PanelOut, **ERRORS},
    summary="Close a panel (the Clerk)",
    operation_id="close_panel",
)
def close(request: HttpRequest, panel_id: int, payload: CloseIn) -> PanelOut:
    """The Clerk closes a panel, recording what it decided."""
    person = current_person(request)
    panel = access.access_panel_by_id(person, panel_id)
    do_close_panel(panel, outcome=payload.outcome, acting_user=person)
    return panel_out(person, panel)


def add_routers(api: NinjaAPI) -> None:
    """Add the register's routers (called once from propriety.api.routers)."""
    api.add_router("/declarations", declarations_router)
    api.add_router("/panels", panels_router)
