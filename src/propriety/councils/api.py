"""``/api/v1/council``, ``/api/v1/people``, ``/api/v1/roles``: the Clerk's set-up over the API.

Everyone signed in reads the council's details and its rulebook history; only
the Clerk changes them, lists and adds people and gives or ends roles (403 for
anyone else; another council's person or role is 404 like a missing one).
Refusals by the actions are 422 naming the field.
"""

from __future__ import annotations

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import HttpRequest
from ninja import Field, Query, Router, Schema, Status

from propriety.api.auth import current_person
from propriety.api.paging import Paged, PageIn, paged
from propriety.api.schemas import (
    ERRORS,
    READ_ERRORS,
    ErrorOut,
    InvalidOut,
    PersonRef,
    PlausibleDate,
)
from propriety.councils.access import can_set_up
from propriety.councils.actions import (
    do_change_council_details,
    do_change_council_rulebook,
    do_set_governance_committee,
)
from propriety.councils.models import Committee, Council, PartyGroup, Ward
from propriety.councils.rulebooks import history
from propriety.people.access import access_person_by_id, access_role_by_id
from propriety.people.models import Person, RoleAssignment
from propriety.people.setup_actions import do_add_person, do_add_role, do_end_person_role

council_router = Router(tags=["set-up"])
people_router = Router(tags=["set-up"])
roles_router = Router(tags=["set-up"])

WRITE_ERRORS = {401: ErrorOut, 403: ErrorOut, 422: InvalidOut}


def _clerk(request: HttpRequest) -> Person:
    person = current_person(request)
    if not can_set_up(person):
        raise PermissionDenied("Only the Clerk sets up the council.")
    return person


# --- the council -----------------------------------------------------------------------


class InForceOut(Schema):
    rulebook: str = Field(description="The rulebook's id, e.g. `acses-town`.")
    version: str = Field(description="The version the rulebook stated when it was adopted.")
    in_force_from: datetime.date = Field(description="Its first day in force.")
    until: datetime.date | None = Field(description="Its last day; null while in force.")
    reasons: str = Field(description="Why the council adopted it (e.g. the resolution).")


class GovernanceCommitteeRef(Schema):
    id: int = Field(description="The committee's id.")
    name: str = Field(description="The committee's name.")


class CouncilSetupOut(Schema):
    name: str
    slug: str
    kind: str = Field(description="`parish`, `town` or `principal`.")
    nation: str = Field(description="Whose bank holidays apply.")
    principal_council_name: str
    monitoring_officer: PersonRef | None = Field(
        description="The Monitoring Officer named in the council's details, if any."
    )
    governance_committee: GovernanceCommitteeRef | None = Field(
        description="The council's governance committee: its current members read the "
        "governance report and the oversight pages. Null: none named."
    )
    acknowledge_working_days: int | None = Field(description="Null: the rulebook's.")
    respond_working_days: int | None = Field(description="Null: the rulebook's.")
    follow_up_working_days: int
    rulebook: str = Field(description="The rulebook in force today.")
    rulebook_history: list[InForceOut] = Field(description="Every rulebook followed, oldest first.")


class CouncilIn(Schema):
    name: str
    nation: Council.Nation
    principal_council_name: str = ""
    monitoring_officer_id: int | None = None
    governance_committee_id: int | None = Field(
        None,
        description="An open committee of the council to name its governance committee; "
        "null: none.",
    )
    acknowledge_working_days: int | None = Field(None, ge=1, le=60)
    respond_working_days: int | None = Field(None, ge=1, le=60)
    follow_up_working_days: int = Field(10, ge=1, le=60)


class RulebookIn(Schema):
    rulebook: str = Field(description="A rulebook of the library (`propriety rulebook list`).")
    reasons: str = Field(description="Why the council changes its protocol.")


def council_out(council: Council) -> CouncilSetupOut:
    mo = council.monitoring_officer
    gc = council.governance_committee
    return CouncilSetupOut(
        name=council.name,
        slug=council.slug,
        kind=council.kind,
        nation=council.nation,
        principal_council_name=council.principal_council_name,
        monitoring_officer=PersonRef(id=mo.pk, name=mo.full_name) if mo else None,
        governance_committee=GovernanceCommitteeRef(id=gc.pk, name=gc.name) if gc else None,
        acknowledge_working_days=council.acknowledge_working_days,
        respond_working_days=council.respond_working_days,
        follow_up_working_days=council.follow_up_working_days,
        rulebook=council.rulebook,
        rulebook_history=[
            InForceOut(
                rulebook=p.rulebook,
                version=p.version,
                in_force_from=p.in_force_from,
                until=p.until,
                reasons=p.adoption.reasons if p.adoption else "",
            )
            for p in history(council)
        ],
    )


@council_router.get(
    "",
    response={200: CouncilSetupOut, 401: ErrorOut},
    summary="Your council: its details, clocks and rulebook history",
    operation_id="get_council",
)
def get_council(request: HttpRequest) -> CouncilSetupOut:
    """Everyone signed in may read it; the rulebook history says which rulebook and version
    were in force from which day."""
    return council_out(current_person(request).council)


@council_router.put(
    "",
    response={200: CouncilSetupOut, **WRITE_ERRORS},
    summary="Change the council's details and clocks (the Clerk)",
    operation_id="change_council",
)
def change_council(request: HttpRequest, payload: CouncilIn) -> CouncilSetupOut:
    """Empty working days follow the rulebook. 422 if the Monitoring Officer does not hold
    that role at the council, or a field will not do."""
    person = _clerk(request)
    council = person.council
    mo = None
    if payload.monitoring_officer_id is not None:
        mo = Person.objects.for_council(council).filter(pk=payload.monitoring_officer_id).first()
        if mo is None:
            raise ValidationError({"monitoring_officer_id": "Choose a person of the council."})
    committee = None
    if payload.governance_committee_id is not None:
        committee = (
            Committee.objects.for_council(council)
            .filter(pk=payload.governance_committee_id)
            .first()
        )
        if committee is None:
            raise ValidationError({"governance_committee_id": "Choose a committee of the council."})
    with transaction.atomic():  # the details and the governance committee, or neither
        do_change_council_details(
            council,
            name=payload.name,
            nation=payload.nation,
            principal_council_name=payload.principal_council_name,
            monitoring_officer=mo,
            acknowledge_working_days=payload.acknowledge_working_days,
            respond_working_days=payload.respond_working_days,
            follow_up_working_days=payload.follow_up_working_days,
            acting_user=person,
        )
        do_set_governance_committee(council, committee=committee, acting_user=person)
    return council_out(council)


@council_router.post(
    "/rulebook",
    response={200: CouncilSetupOut, **WRITE_ERRORS},
    summary="Adopt another rulebook from today (the Clerk)",
    operation_id="change_council_rulebook",
)
def change_rulebook(request: HttpRequest, payload: RulebookIn) -> CouncilSetupOut:
    """The change is versioned: the history keeps the rulebook and version in force from today.
    422 for a rulebook not in the library or already in force, or without reasons."""
    person = _clerk(request)
    if not payload.reasons.strip():
        raise ValidationError({"reasons": "Say why the council changes its protocol."})
    do_change_council_rulebook(
        person.council, rulebook=payload.rulebook, reasons=payload.reasons, acting_user=person
    )
    return council_out(person.council)


# --- people and roles ------------------------------------------------------------------


class RoleAssignmentOut(Schema):
    id: int
    role: str = Field(description="The role's key, e.g. `ward_councillor`.")
    label: str = Field(description="The role in plain English, with its body.")
    starts_on: datetime.date
    ends_on: datetime.date | None
    committee_id: int | None
    ward_id: int | None
    party_group_id: int | None
    job_title: str
    line_manager: PersonRef | None
    cabinet_portfolio: str
    delegated_authority: str


class PersonOut(Schema):
    id: int
    full_name: str
    email: str
    active: bool = Field(description="False once disabled: they cannot sign in.")
    roles: list[RoleAssignmentOut] = Field(description="Every role, past, present and future.")


class PersonIn(Schema):
    email: str
    full_name: str
    role: str = Field(description="Their first role, e.g. `councillor` or `staff`.")
    starts_on: PlausibleDate
    ends_on: PlausibleDate | None = None
    ward_id: int | None = Field(None, description="A councillor's ward.")
    job_title: str = ""
    line_manager_id: int | None = None
    invite: bool = Field(False, description="Send them an invitation to sign in.")


class RoleIn(Schema):
    role: str
    starts_on: PlausibleDate
    ends_on: PlausibleDate | None = None
    committee_id: int | None = None
    ward_id: int | None = None
    party_group_id: int | None = None
    cabinet_portfolio: str = ""
    delegated_authority: str = ""
    job_title: str = ""
    line_manager_id: int | None = None


class EndRoleIn(Schema):
    ends_on: PlausibleDate = Field(description="The role's last day.")


def role_out(r: RoleAssignment) -> RoleAssignmentOut:
    manager = r.line_manager
    return RoleAssignmentOut(
        id=r.pk,
        role=r.role,
        label=str(r),
        starts_on=r.starts_on,
        ends_on=r.ends_on,
        committee_id=r.committee_id,
        ward_id=r.ward_id,
        party_group_id=r.party_group_id,
        job_title=r.job_title,
        line_manager=PersonRef(id=manager.pk, name=manager.full_name) if manager else None,
        cabinet_portfolio=r.cabinet_portfolio,
        delegated_authority=r.delegated_authority,
    )


def person_out(person: Person) -> PersonOut:
    roles = person.role_assignments.select_related("committee", "ward", "party_group")
    return PersonOut(
        id=person.pk,
        full_name=person.full_name,
        email=person.email,
        active=person.is_active,
        roles=[role_out(r) for r in roles],
    )


def _row(
    model: type[Committee] | type[Ward] | type[PartyGroup] | type[Person],
    council: Council,
    pk: int | None,
    field: str,
) -> object:
    """A row of the council chosen by id, or a 422 naming the field."""
    if pk is None:
        return None
    row = model.objects.for_council(council).filter(pk=pk).first()
    if row is None:
        raise ValidationError(
            {field: f"Choose a {field.removesuffix('_id').replace('_', ' ')} of the council."}
        )
    return row


@people_router.get(
    "",
    response={200: Paged[PersonOut], 401: ErrorOut, 403: ErrorOut},
    summary="Everyone in the council with their roles (the Clerk)",
    operation_id="list_people",
)
def list_people(request: HttpRequest, paging: Query[PageIn]) -> Paged[PersonOut]:
    """Every person of the council, with every role they have held, hold or will hold, by
    name; paged, with the total `count`."""
    person = _clerk(request)
    rows = Person.objects.for_council(person.council).order_by("full_name", "pk")
    return paged(rows, paging, person_out)


@people_router.post(
    "",
    response={201: PersonOut, **WRITE_ERRORS},
    summary="Add a person with their first role (the Clerk)",
    operation_id="add_person",
)
def add_person(request: HttpRequest, payload: PersonIn) -> Status[PersonOut]:
    """They cannot sign in until they set a password (`invite` sends the invitation). 422 for a
    taken email or a role the council's kind does not have."""
    clerk = _clerk(request)
    council = clerk.council
    added = do_add_person(
        council,
        email=payload.email,
        full_name=payload.full_name,
        role=payload.role,
        starts_on=payload.starts_on,
        ends_on=payload.ends_on,
        ward=_row(Ward, council, payload.ward_id, "ward_id"),  # type: ignore[arg-type]
        job_title=payload.job_title,
        line_manager=_row(Person, council, payload.line_manager_id, "line_manager_id"),  # type: ignore[arg-type]
        invite=payload.invite,
        acting_user=clerk,
    )
    return Status(201, person_out(added))


@people_router.get(
    "/{person_id}",
    response={200: PersonOut, **READ_ERRORS, 403: ErrorOut},
    summary="A person and their roles (the Clerk)",
    operation_id="get_person",
)
def get_person(request: HttpRequest, person_id: int) -> PersonOut:
    """404 for another council's person, as for a missing one."""
    target = access_person_by_id(current_person(request), person_id)
    _clerk(request)
    return person_out(target)


@people_router.post(
    "/{person_id}/roles",
    response={201: PersonOut, **ERRORS},
    summary="Give a person a role with its term (the Clerk)",
    operation_id="add_role",
)
def add_role(request: HttpRequest, person_id: int, payload: RoleIn) -> Status[PersonOut]:
    """A membership, a chair, a post with its job title and line manager, a cabinet portfolio.
    422 naming the field where the role needs a body or does not take one."""
    target = access_person_by_id(current_person(request), person_id)
    clerk = _clerk(request)
    council = clerk.council
    do_add_role(
        target,
        role=payload.role,
        starts_on=payload.starts_on,
        ends_on=payload.ends_on,
        committee=_row(Committee, council, payload.committee_id, "committee_id"),  # type: ignore[arg-type]
        ward=_row(Ward, council, payload.ward_id, "ward_id"),  # type: ignore[arg-type]
        party_group=_row(PartyGroup, council, payload.party_group_id, "party_group_id"),  # type: ignore[arg-type]
        cabinet_portfolio=payload.cabinet_portfolio,
        delegated_authority=payload.delegated_authority,
        job_title=payload.job_title,
        line_manager=_row(Person, council, payload.line_manager_id, "line_manager_id"),  # type: ignore[arg-type]
        acting_user=clerk,
    )
    return Status(201, person_out(target))


class EndedRoleOut(RoleAssignmentOut):
    ended_with_term: list[RoleAssignmentOut] = Field(
        description="Ending a councillor's or co-opted member's term sooner: the member roles "
        "(chair, committee, ward...) it left with no later day to count, ended on their last "
        "day that counts, or withdrawn if none; empty otherwise."
    )
    says: str = Field(description="Those roles in plain English; empty for none.")


@roles_router.post(
    "/{role_id}/end",
    response={200: EndedRoleOut, **ERRORS},
    summary="End a role on its last day (the Clerk)",
    operation_id="end_role",
)
def end_role(request: HttpRequest, role_id: int, payload: EndRoleIn) -> EndedRoleOut:
    """Access that depends on the role ends after its last day. 422 for a day before it began.
    A term's end also ends the member roles that would count on no later day
    (`ended_with_term`, `says`)."""
    assignment = access_role_by_id(current_person(request), role_id)
    clerk = _clerk(request)
    ended = do_end_person_role(assignment, ends_on=payload.ends_on, acting_user=clerk)
    return EndedRoleOut(
        **role_out(assignment).model_dump(),
        ended_with_term=[role_out(r) for r in ended.ended_with_term],
        says=ended.says,
    )
