"""``/api/v1/elections``: the elections whose pre-election periods the press rules look at."""

from __future__ import annotations

import datetime
from typing import Literal

from django.http import HttpRequest
from django.utils import timezone
from ninja import Field, Query, Router, Schema, Status

from propriety.api.auth import current_person
from propriety.api.paging import Paged, PageIn, paged
from propriety.api.schemas import (
    ERRORS,
    READ_ERRORS,
    PersonRef,
    PlausibleDate,
    TimelineEntryOut,
    person_ref,
    timeline_out,
)
from propriety.people.models import Person
from propriety.press import access
from propriety.press.actions import (
    do_change_election,
    do_record_election,
    do_withdraw_election,
)
from propriety.press.models import (
    Election,
)

elections_router = Router(tags=["elections"])


class ElectionRef(Schema):
    id: int = Field(description="The election's id, for /elections/{id}.")
    title: str = Field(description="The election, e.g. `Town council elections 2027`.")
    notice_of_election: datetime.date = Field(
        description="The date of the notice of election: the pre-election period's first day."
    )
    polling_day: datetime.date = Field(
        description="Polling day: the pre-election period's last day."
    )


def election_ref(election: Election | None) -> ElectionRef | None:
    if election is None:
        return None
    return ElectionRef(
        id=election.pk,
        title=election.title,
        notice_of_election=election.notice_of_election,
        polling_day=election.polling_day,
    )


ElectionMay = Literal["change", "withdraw"]


class ElectionOut(ElectionRef):
    reference: str = Field(description="The council's reference, e.g. `ELE-2`.")
    in_period_today: bool = Field(
        description="Today falls in its pre-election period (never once it is withdrawn)."
    )
    withdrawn: bool = Field(
        description="It was withdrawn (recorded in error or countermanded): it makes no "
        "pre-election period."
    )
    withdrawn_on: datetime.date | None = Field(
        description="The day it was withdrawn; null while it stands."
    )
    withdrawn_by: PersonRef | None = Field(description="Who withdrew it; null while it stands.")
    withdrawal_reason: str = Field(description="Why it was withdrawn; empty while it stands.")
    timeline: list[TimelineEntryOut] = Field(
        description="Recorded, corrected, withdrawn: everything that happened, oldest first."
    )
    you_may: list[ElectionMay] = Field(description="What the token's person may do with it now.")


class ElectionIn(Schema):
    title: str = Field(description="The election, e.g. `Town council elections 2027`.")
    notice_of_election: PlausibleDate = Field(description="The date of the notice of election.")
    polling_day: PlausibleDate = Field(
        description="Polling day: on or after the notice of election."
    )


class ElectionChangeIn(ElectionIn):
    reason: str = Field("", description="What was wrong (optional; shown in the history).")


class ElectionWithdrawIn(Schema):
    reason: str = Field("", description="Why the election is withdrawn (required).")


def election_out(election: Election, person: Person) -> ElectionOut:
    today = timezone.localdate()
    may: list[ElectionMay] = (
        ["change", "withdraw"] if access.can_change_election(person, election, today) else []
    )
    return ElectionOut(
        id=election.pk,
        reference=election.reference,
        title=election.title,
        notice_of_election=election.notice_of_election,
        polling_day=election.polling_day,
        in_period_today=election.in_period_on(today),
        withdrawn=election.is_withdrawn,
        withdrawn_on=election.withdrawn_on,
        withdrawn_by=person_ref(election.withdrawn_by),
        withdrawal_reason=election.withdrawal_reason,
        timeline=timeline_out(election),
        you_may=may,
    )


@elections_router.get(
    "",
    response={200: Paged[ElectionOut], **READ_ERRORS},
    summary="The election timetable",
    operation_id="list_elections",
)
def list_elections(request: HttpRequest, paging: Query[PageIn]) -> Paged[ElectionOut]:
    """The council's recorded elections, newest polling day first, withdrawn ones marked. The
    pre-election period runs from the notice of election to polling day, both included."""
    person = current_person(request)
    return paged(access.elections_visible_to(person), paging, lambda e: election_out(e, person))


@elections_router.post(
    "",
    response={201: ElectionOut, 401: ERRORS[401], 403: ERRORS[403], 422: ERRORS[422]},
    summary="Record an election (the Clerk)",
    operation_id="create_election",
)
def create_election(request: HttpRequest, payload: ElectionIn) -> Status[Schema]:
    """The Clerk records an election; polling day must be on or after the notice of election."""
    person = current_person(request)
    election = do_record_election(
        person.council,
        title=payload.title,
        notice_of_election=payload.notice_of_election,
        polling_day=payload.polling_day,
        acting_user=person,
    )
    return Status(201, election_out(election, person))


@elections_router.get(
    "/{election_id}",
    response={200: ElectionOut, **READ_ERRORS},
    summary="An election",
    operation_id="get_election",
)
def get_election(request: HttpRequest, election_id: int) -> ElectionOut:
    """An election, whether today falls in its pre-election period, and its history."""
    person = current_person(request)
    return election_out(access.access_election_by_id(person, election_id), person)


@elections_router.put(
    "/{election_id}",
    response={200: ElectionOut, **ERRORS},
    summary="Correct an election (the Clerk)",
    operation_id="change_election",
)
def change_election(
    request: HttpRequest, election_id: int, payload: ElectionChangeIn
) -> ElectionOut:
    """The Clerk corrects the title or dates of an election that stands; the pre-election
    period follows the corrected dates from now on (decisions already made keep theirs).
    422 if nothing changes or polling day is before the notice; 403 for anyone else or
    once it is withdrawn."""
    person = current_person(request)
    election = access.access_election_by_id(person, election_id)
    do_change_election(
        election,
        title=payload.title,
        notice_of_election=payload.notice_of_election,
        polling_day=payload.polling_day,
        reason=payload.reason,
        acting_user=person,
    )
    return election_out(election, person)


@elections_router.post(
    "/{election_id}/withdraw",
    response={200: ElectionOut, **ERRORS},
    summary="Withdraw an election (the Clerk)",
    operation_id="withdraw_election",
)
def withdraw_election(
    request: HttpRequest, election_id: int, payload: ElectionWithdrawIn
) -> ElectionOut:
    """The Clerk withdraws an election recorded in error or countermanded, saying why (422
    without a reason). It stays on the timetable, marked withdrawn, and no longer makes a
    pre-election period."""
    person = current_person(request)
    election = access.access_election_by_id(person, election_id)
    do_withdraw_election(election, reason=payload.reason, acting_user=person)
    return election_out(election, person)
