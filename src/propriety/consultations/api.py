"""``/api/v1/delegated-actions``: action delegated to a named officer "in consultation with
the chair" (acses-town §7.4). The officer decides; a chair's attempt is refused (403)
citing the clause."""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.http import HttpRequest
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
from propriety.consultations import access
from propriety.consultations.actions import do_record_consulted_decision, do_record_delegation
from propriety.consultations.listing import FILTERS, SORTS, sorted_actions
from propriety.consultations.models import DelegatedAction
from propriety.councils.models import Committee
from propriety.interests.api import Text
from propriety.people.models import Person
from propriety.web.list_controls import controls_from, described

router = Router(tags=["decisions in consultation with a chair"])


class DelegationIn(Schema):
    resolution_reference: Text = Field(description="The resolution that authorised the officer.")
    matter: Text = Field(description="The action.")
    officer_id: int = Field(description="The named officer.")
    chair_id: int = Field(description="The chair to be consulted.")
    committee_id: int | None = None
    details: Text = ""
    authorised_on: PlausibleDate | None = None


class DelegatedActionOut(Schema):
    id: int
    reference: str
    committee: str | None
    resolution_reference: str
    matter: str
    officer: PersonRef
    chair: PersonRef
    authorised_on: datetime.date
    status: DelegatedAction.Status
    consulted_on: datetime.date | None
    chair_view: str
    pressure_applied: bool
    decision_text: str = Field(description="The officer's own decision.")
    decided_on: datetime.date | None
    decision: DecisionOut = Field(description="The delegated.action answer, with clauses.")
    timeline: list[TimelineEntryOut]


def action_out(a: DelegatedAction) -> DelegatedActionOut:
    return DelegatedActionOut(
        id=a.pk,
        reference=a.reference,
        committee=a.committee.name if a.committee else None,
        resolution_reference=a.resolution_reference,
        matter=a.matter,
        officer=PersonRef(id=a.officer.pk, name=a.officer.full_name),
        chair=PersonRef(id=a.chair.pk, name=a.chair.full_name),
        authorised_on=a.authorised_on,
        status=DelegatedAction.Status(a.status),
        consulted_on=a.consulted_on,
        chair_view=a.chair_view,
        pressure_applied=a.pressure_applied,
        decision_text=a.decision_text,
        decided_on=a.decided_on,
        decision=decision_out(a.decision),
        timeline=timeline_out(a),
    )


def _of(person: Person, person_id: int) -> Person | None:
    found: Person | None = Person.objects.for_council(person.council).filter(pk=person_id).first()
    return found


class DelegatedActionListQuery(list_query("DelegatedActionListQuery", described(FILTERS), SORTS)):  # type: ignore[misc]
    """The list's filters and order, as its page offers them."""


@router.get(
    "",
    response={200: Paged[DelegatedActionOut], **READ_ERRORS},
    summary="Delegated actions (the Clerk's; the officer's and chair's own)",
    operation_id="list_delegated_actions",
)
def list_actions(
    request: HttpRequest, query: Query[DelegatedActionListQuery], paging: Query[PageIn]
) -> Paged[DelegatedActionOut]:
    """Every delegated action for the Clerk; for others, those they are the named officer or the chair of. Those waiting for the officer first, then the rest newest first; paged, with the total `count`."""
    controls = controls_from(query.dict(), FILTERS, SORTS, strict=True)
    rows = controls.apply(access.actions_visible_to(current_person(request)))
    rows = sorted_actions(rows, controls.sort)
    return paged(rows, paging, action_out)


@router.post(
    "",
    response={201: DelegatedActionOut, 401: ERRORS[401], 403: ERRORS[403], 422: ERRORS[422]},
    summary="Record a delegation (an officer)",
    operation_id="record_delegation",
)
def record_delegation(request: HttpRequest, payload: DelegationIn) -> Status[Schema]:
    """An officer records that a resolution authorised a named officer to act in consultation with a chair."""
    person = current_person(request)
    committee = None
    if payload.committee_id is not None:
        committee = (
            Committee.objects.for_council(person.council).filter(pk=payload.committee_id).first()
        )
        if committee is None:
            raise ValidationError({"committee_id": "Choose a committee of this council."})
    action = do_record_delegation(
        person.council,
        committee=committee,
        resolution_reference=payload.resolution_reference,
        matter=payload.matter,
        details=payload.details,
        officer=_of(person, payload.officer_id),
        chair=_of(person, payload.chair_id),
        authorised_on=payload.authorised_on,
        acting_user=person,
    )
    return Status(201, action_out(action))


@router.get(
    "/{action_id}",
    response={200: DelegatedActionOut, **READ_ERRORS},
    summary="A delegated action",
    operation_id="get_delegated_action",
)
def get_action(request: HttpRequest, action_id: int) -> DelegatedActionOut:
    """A delegated action, with who decides under the protocol and the decision once taken."""
    return action_out(access.access_delegated_action_by_id(current_person(request), action_id))


class DecisionIn(Schema):
    consulted_on: PlausibleDate
    chair_view: Text = Field(description="What the chair said.")
    decision_text: Text = Field(description="The officer's own decision.")
    pressure_applied: bool = False


@router.post(
    "/{action_id}/decision",
    response={200: DelegatedActionOut, **ERRORS},
    summary="Record the consultation and the decision (the named officer only; a chair is "
    "refused citing the clause)",
    operation_id="record_consulted_decision",
)
def decide(request: HttpRequest, action_id: int, payload: DecisionIn) -> DelegatedActionOut:
    """The named officer records when they consulted the chair, what the chair said and their own decision. A chair is refused (403) citing the clause."""
    person = current_person(request)
    action = access.access_delegated_action_by_id(person, action_id)
    do_record_consulted_decision(
        action,
        consulted_on=payload.consulted_on,
        chair_view=payload.chair_view,
        decision_text=payload.decision_text,
        pressure_applied=payload.pressure_applied,
        acting_user=person,
    )
    return action_out(action)


def add_routers(api: NinjaAPI) -> None:
    api.add_router("/delegated-actions", router)
