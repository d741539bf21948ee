"""``/api/v1/enquiry-agreements``: the agreements that let a member contact officers
directly.
"""

from __future__ import annotations

import datetime
from typing import Literal

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest
from django.utils import timezone
from ninja import Field, Query, Router, Schema, Status

from propriety.api.auth import current_person
from propriety.api.paging import Paged, PageIn, paged
from propriety.api.schemas import (
    ERRORS,
    READ_ERRORS,
    CitationOut,
    ErrorOut,
    InvalidOut,
    PersonRef,
    PlausibleDate,
    TimelineEntryOut,
    officer_of,
    person_ref,
    timeline_out,
)
from propriety.enquiries import access
from propriety.enquiries.agreements import (
    agreement_citations,
    do_end_direct_contact_agreement,
    do_record_direct_contact_agreement,
)
from propriety.enquiries.models import (
    DirectContactAgreement,
)
from propriety.people.models import Person

agreements_router = Router(tags=["enquiry agreements"])


def _agreement_of(person: Person, agreement_id: int) -> DirectContactAgreement:
    """The member's council's agreement by id, or a 422 on ``agreement_id``."""
    agreement: DirectContactAgreement | None = (
        DirectContactAgreement.objects.for_council(person.council)
        .select_related("officer")
        .filter(pk=agreement_id)
        .first()
    )
    if agreement is None:
        raise ValidationError({"agreement_id": "Choose an agreement of your council."})
    return agreement


AgreementState = Literal["Current", "Not started yet", "Expired", "Ended"]


class AgreementOut(Schema):
    id: int = Field(description="The agreement's id.")
    reference: str = Field(description="The council's reference, e.g. `DCA-3`.")
    officer: PersonRef = Field(description="The officer members may contact direct.")
    matter: str = Field(description="The matter it covers.")
    member: PersonRef | None = Field(description="The one member it is for; null: every member.")
    starts_on: datetime.date = Field(description="The first day it is in force.")
    ends_on: datetime.date | None = Field(
        description="The last day it is in force; null: until the Clerk ends it."
    )
    ended_on: datetime.date | None = Field(
        description="The day the Clerk ended it, if they did (not in force from that day)."
    )
    agreed_by: PersonRef = Field(description="The Clerk who agreed it.")
    instructions_approved: bool = Field(
        description="The Clerk also expressly approved instructions to the officer on it."
    )
    state: AgreementState = Field(description="Whether it is in force today.")
    current: bool = Field(description="In force today: members can make enquiries under it.")
    citations: list[CitationOut] = Field(
        description="The clauses that let members go direct under the Clerk's agreement."
    )
    timeline: list[TimelineEntryOut] = Field(description="Everything that happened, oldest first.")
    you_may: list[Literal["end", "use"]] = Field(
        description="`end`: the Clerk may end it; `use`: you may make an enquiry under it."
    )


class AgreementIn(Schema):
    officer_id: int = Field(description="The officer members may contact direct (a person's id).")
    matter: str = Field(description="The matter the agreement covers.")
    member_id: int | None = Field(
        None, description="The one member it is for (a person's id); null for every member."
    )
    starts_on: PlausibleDate | None = Field(
        None, description="The first day it is in force (today if not given)."
    )
    ends_on: PlausibleDate | None = Field(
        None, description="The last day it is in force; null to keep it until the Clerk ends it."
    )
    instructions_approved: bool = Field(
        False,
        description="The Clerk also expressly approves members' instructions to the officer on "
        "this matter (where the protocol distinguishes it from direct contact).",
    )


def agreement_out(agreement: DirectContactAgreement, person: Person) -> AgreementOut:
    today = timezone.localdate()
    you_may: list[Literal["end", "use"]] = []
    if access.can_end_agreement(person, agreement, today):
        you_may.append("end")
    if any(a.pk == agreement.pk for a in access.agreements_usable_by(person, today)):
        you_may.append("use")
    citations = agreement_citations(agreement.council, today)
    return AgreementOut(
        id=agreement.pk,
        reference=agreement.reference,
        officer=PersonRef(id=agreement.officer.pk, name=agreement.officer.full_name),
        matter=agreement.matter,
        member=person_ref(agreement.member),
        starts_on=agreement.starts_on,
        ends_on=agreement.ends_on,
        ended_on=agreement.ended_on,
        agreed_by=PersonRef(id=agreement.agreed_by.pk, name=agreement.agreed_by.full_name),
        instructions_approved=agreement.instructions_approved,
        state=agreement.state(today),  # type: ignore[arg-type]
        current=agreement.is_current(today),
        citations=[
            CitationOut(rulebook=c.rulebook, clause=c.clause, says=c.says) for c in citations
        ],
        timeline=timeline_out(agreement),
        you_may=you_may,
    )


def _member_of(person: Person, member_id: int) -> Person:
    member: Person | None = Person.objects.for_council(person.council).filter(pk=member_id).first()
    if member is None:
        raise ValidationError({"member_id": "Choose a serving member of the council."})
    return member


@agreements_router.get(
    "",
    response={200: Paged[AgreementOut], **READ_ERRORS},
    summary="List the agreements for direct contact that concern you",
    operation_id="list_enquiry_agreements",
)
def list_agreements(request: HttpRequest, paging: Query[PageIn]) -> Paged[AgreementOut]:
    """The Clerk sees every agreement of the council; a member the agreements for them or for
    every member; an officer the agreements that name them. Newest first."""
    person = current_person(request)
    today = timezone.localdate()
    return paged(
        access.agreements_visible_to(person, today), paging, lambda a: agreement_out(a, person)
    )


@agreements_router.post(
    "",
    response={201: AgreementOut, 401: ErrorOut, 403: ErrorOut, 422: InvalidOut},
    summary="Record an agreement for direct contact (the Clerk)",
    operation_id="create_enquiry_agreement",
)
def create_agreement(request: HttpRequest, payload: AgreementIn) -> Status[AgreementOut]:
    """The Clerk agrees that members (or one member) may write direct to an officer about a
    matter. While it is in force, an enquiry made under it goes straight to that officer.
    422 where the council's protocol has no rule for such agreements."""
    person = current_person(request)
    if not access.can_manage(person):
        raise PermissionDenied("Only the Clerk records agreements for direct contact.")
    officer = officer_of(person.council, payload.officer_id, "officer_id")
    member = _member_of(person, payload.member_id) if payload.member_id is not None else None
    agreement = do_record_direct_contact_agreement(
        officer=officer,
        matter=payload.matter,
        member=member,
        starts_on=payload.starts_on,
        ends_on=payload.ends_on,
        instructions_approved=payload.instructions_approved,
        acting_user=person,
    )
    return Status(201, agreement_out(agreement, person))


@agreements_router.get(
    "/{agreement_id}",
    response={200: AgreementOut, **READ_ERRORS},
    summary="An agreement for direct contact, with its clauses and timeline",
    operation_id="get_enquiry_agreement",
)
def get_agreement(request: HttpRequest, agreement_id: int) -> AgreementOut:
    """404 if it does not exist or does not concern you: the two look the same."""
    person = current_person(request)
    return agreement_out(access.access_agreement_by_id(person, agreement_id), person)


@agreements_router.post(
    "/{agreement_id}/end",
    response={200: AgreementOut, **ERRORS},
    summary="End an agreement for direct contact (the Clerk)",
    operation_id="end_enquiry_agreement",
)
def end_agreement(request: HttpRequest, agreement_id: int) -> AgreementOut:
    """The Clerk ends the agreement from today; enquiries already made under it stand.
    422 if it has already ended or run out."""
    person = current_person(request)
    agreement = access.access_agreement_by_id(person, agreement_id)
    do_end_direct_contact_agreement(agreement, acting_user=person)
    return agreement_out(agreement, person)
