"""``/api/v1/press-releases``, ``/spokespeople``, ``/elections``, ``/media-contacts`` and
``/media-interest``: everything the press pages offer.

Thin, like the views: an ``access_*`` function (404 for missing and forbidden
alike), then a ``do_*`` action that decides whether the token's person may act
(403) and whether the input will do (422). Every decision carries its clauses.
"""

from __future__ import annotations

import datetime
from typing import Any, Literal

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest
from django.utils import timezone
from ninja import Field, NinjaAPI, Query, Router, Schema, Status

from propriety.api.auth import current_person
from propriety.api.paging import Paged, PageIn, paged
from propriety.api.schemas import (
    ERRORS,
    READ_ERRORS,
    DecisionOut,
    PersonRef,
    TimelineEntryOut,
    decision_out,
    person_ref,
    timeline_out,
    title_of,
)
from propriety.councils.models import Ward
from propriety.people.models import Person
from propriety.press import access
from propriety.press.actions import (
    do_appoint_spokesperson,
    do_approve_press_release,
    do_change_election,
    do_draft_press_release,
    do_edit_press_release,
    do_end_spokesperson,
    do_publish_press_release,
    do_record_election,
    do_record_media_contact,
    do_record_media_interest,
    do_return_press_release,
    do_submit_press_release,
    do_withdraw_election,
)
from propriety.press.models import (
    CAPACITIES,
    CAPACITY_LABELS,
    Election,
    MediaContact,
    MediaInterest,
    PressRelease,
    Spokesperson,
)
from propriety.press.views import _by_role

releases_router = Router(tags=["press releases"])
spokespeople_router = Router(tags=["spokespeople"])
elections_router = Router(tags=["elections"])
media_contacts_router = Router(tags=["media contacts"])
media_interest_router = Router(tags=["media interest"])

ReleaseMay = Literal["edit", "submit", "approve", "send_back", "publish"]


# --- press releases --------------------------------------------------------------------------


class ReleaseIn(Schema):
    title: str = Field(max_length=200, description="The release's title.")
    body: str = Field(description="The text of the release.")
    kind: PressRelease.Kind = Field(
        PressRelease.Kind.RELEASE, description="`release` or `statement` (a media statement)."
    )
    on_behalf_of_council: bool = Field(
        True, description="Issued on behalf of the council (false: in the drafter's own name)."
    )
    about_dispute: bool = Field(
        False, description="It clarifies the council's position on a dispute."
    )
    about_major_planning: bool = Field(
        False, description="It concerns a major planning development."
    )
    about_court: bool = Field(False, description="It concerns court proceedings.")
    about_individual_complaint: bool = Field(
        False, description="It concerns an individual's complaint."
    )
    political_content: bool = Field(
        False,
        description="The drafter says it expresses a political opinion, comment or statement.",
    )
    promotes_party_group: bool = Field(False, description="It promotes a party or party group.")
    facts: dict[str, Any] = Field(
        default_factory=dict,
        description="Answers to the facts the council's rulebook declares for `press.release` "
        "(name: value; see `schemas/rulebooks/<rulebook>.json` and docs/decide.md). Left out, "
        "each takes its declared default.",
    )


class ReasonsIn(Schema):
    reasons: str = Field("", description="Why (required to send it back).")


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


class ReleaseSummaryOut(Schema):
    id: int = Field(description="The release's id, for /press-releases/{id}.")
    reference: str = Field(description="The council's reference, e.g. `PR-3`.")
    title: str = Field(description="The release's title.")
    kind: str = Field(description="`release` (a press release) or `statement` (a media statement).")
    status: PressRelease.Status = Field(description="Where the release is.")
    status_label: str = Field(description="The status in plain English.")
    drafted_by: PersonRef = Field(description="Who drafted it.")
    published_on: datetime.date | None = Field(
        description="The day it was recorded as published; null until then."
    )


class ReleaseOut(ReleaseSummaryOut):
    body: str = Field(description="The text of the release.")
    drafter_role: str = Field(description="The drafter's role, worked out from their roles.")
    on_behalf_of_council: bool = Field(
        description="Issued on behalf of the council (false: in the drafter's own name)."
    )
    about_dispute: bool = Field(description="It clarifies the council's position on a dispute.")
    about_major_planning: bool = Field(description="It concerns a major planning development.")
    about_court: bool = Field(description="It concerns court proceedings.")
    about_individual_complaint: bool = Field(description="It concerns an individual's complaint.")
    political_content: bool = Field(
        description="The drafter says it expresses a political opinion, comment or statement."
    )
    promotes_party_group: bool = Field(description="It promotes a party or party group.")
    political_suggestions: list[str] = Field(
        description="Words that suggest political content: a hint for the approver, never a ruling."
    )
    approver_role: str = Field(description="The rulebook's role for whoever approves it.")
    approver_title: str | None = Field(description="That role in the council's own words.")
    approvers: list[PersonRef] = Field(description="Who holds that role today.")
    pre_election: bool = Field(description="Decided in a pre-election period.")
    election: ElectionRef | None = Field(description="The election whose period it fell in.")
    submitted_on: datetime.date | None = Field(
        description="The day it was submitted for approval; null while a draft."
    )
    decided_by: PersonRef | None = Field(
        description="Who approved it or sent it back; null until then."
    )
    decided_on: datetime.date | None = Field(
        description="The day it was approved, sent back or blocked; null until then."
    )
    reasons: str = Field(description="The approver's reasons, if any (always given to send back).")
    published_by: PersonRef | None = Field(
        description="Who recorded it as published; null until then."
    )
    decision: DecisionOut | None = Field(description="The rulebook's decision, once submitted.")
    timeline: list[TimelineEntryOut] = Field(description="Everything that happened, oldest first.")
    you_may: list[ReleaseMay] = Field(description="What the token's person may do with it now.")


def _summary(release: PressRelease) -> dict[str, object]:
    return {
        "id": release.pk,
        "reference": release.reference,
        "title": release.title,
        "kind": release.kind,
        "status": release.status,
        "status_label": release.get_status_display(),
        "drafted_by": person_ref(release.drafted_by),
        "published_on": release.published_on,
    }


def release_out(release: PressRelease, person: Person) -> ReleaseOut:
    today = timezone.localdate()
    may: list[ReleaseMay] = []
    if access.can_edit(person, release):
        may.append("edit")
    if access.can_submit(person, release):
        may.append("submit")
    if access.can_approve(person, release, today):
        may += ["approve", "send_back"]
    if access.can_publish(person, release, today):
        may.append("publish")
    return ReleaseOut(
        **_summary(release),  # type: ignore[arg-type]
        body=release.body,
        drafter_role=release.drafter_role,
        on_behalf_of_council=release.on_behalf_of_council,
        about_dispute=release.about_dispute,
        about_major_planning=release.about_major_planning,
        about_court=release.about_court,
        about_individual_complaint=release.about_individual_complaint,
        political_content=release.political_content,
        promotes_party_group=release.promotes_party_group,
        political_suggestions=list(release.political_suggestions),
        approver_role=release.approver_role,
        approver_title=title_of(release.council, release.approver_role),
        approvers=[
            PersonRef(id=p.pk, name=p.full_name) for p in access.approvers_of(release, today)
        ],
        pre_election=release.pre_election,
        election=election_ref(release.election),
        submitted_on=release.submitted_on,
        decided_by=person_ref(release.decided_by),
        decided_on=release.decided_on,
        reasons=release.reasons,
        published_by=person_ref(release.published_by),
        decision=decision_out(release.decision) if release.decision else None,
        timeline=timeline_out(release),
        you_may=may,
    )


@releases_router.get(
    "",
    response={200: Paged[ReleaseSummaryOut], **READ_ERRORS},
    summary="List the press releases you can see",
    operation_id="list_press_releases",
)
def list_releases(request: HttpRequest, paging: Query[PageIn]) -> Paged[ReleaseSummaryOut]:
    """The Clerk sees every release; others their own drafts, those waiting for them to
    approve, and everything published."""
    person = current_person(request)
    return paged(
        access.releases_visible_to(person),
        paging,
        lambda r: ReleaseSummaryOut(**_summary(r)),  # type: ignore[arg-type]
    )


@releases_router.post(
    "",
    response={201: ReleaseOut, 401: ERRORS[401], 403: ERRORS[403], 422: ERRORS[422]},
    summary="Draft a press release or media statement",
    operation_id="create_press_release",
)
def create_release(request: HttpRequest, payload: ReleaseIn) -> Status[Schema]:
    """An officer or a serving member drafts; nothing is decided until it is submitted."""
    person = current_person(request)
    data = payload.dict()
    release = do_draft_press_release(person, acting_user=person, declared=data.pop("facts"), **data)
    return Status(201, release_out(release, person))


@releases_router.get(
    "/{release_id}",
    response={200: ReleaseOut, **READ_ERRORS},
    summary="A press release, with its decision, approvers and timeline",
    operation_id="get_press_release",
)
def get_release(request: HttpRequest, release_id: int) -> ReleaseOut:
    """The release, the rulebook's decision with its clauses and obligations, who approves
    it, whether it fell in a pre-election period, the word check's political hints, its
    timeline, and what you may do with it now. 404 if it does not exist or is not yours to
    see: the two look the same."""
    person = current_person(request)
    return release_out(access.access_press_release_by_id(person, release_id), person)


@releases_router.put(
    "/{release_id}",
    response={200: ReleaseOut, **ERRORS},
    summary="Change a draft (the drafter, while a draft or sent back)",
    operation_id="edit_press_release",
)
def edit_release(request: HttpRequest, release_id: int, payload: ReleaseIn) -> ReleaseOut:
    """The drafter changes a draft, or one sent back to them; the word check runs again."""
    person = current_person(request)
    release = access.access_press_release_by_id(person, release_id)
    data = payload.dict()
    do_edit_press_release(
        release,
        title=data.pop("title"),
        body=data.pop("body"),
        kind=data.pop("kind"),
        declared=data.pop("facts"),
        acting_user=person,
        **data,
    )
    return release_out(release, person)


@releases_router.post(
    "/{release_id}/submit",
    response={200: ReleaseOut, **ERRORS},
    summary="Submit for approval (the drafter)",
    operation_id="submit_press_release",
)
def submit_release(request: HttpRequest, release_id: int) -> ReleaseOut:
    """The rulebook decides whether it may go (a refusal blocks it, citing the clause) and
    who approves it; in a pre-election period its rules for publicity apply."""
    person = current_person(request)
    release = access.access_press_release_by_id(person, release_id)
    do_submit_press_release(release, acting_user=person)
    return release_out(release, person)


@releases_router.post(
    "/{release_id}/approve",
    response={200: ReleaseOut, **ERRORS},
    summary="Approve (the approver the protocol names)",
    operation_id="approve_press_release",
)
def approve_release(request: HttpRequest, release_id: int, payload: ReasonsIn) -> ReleaseOut:
    """The rulebook is asked again on the day; a release it now refuses is blocked instead."""
    person = current_person(request)
    release = access.access_press_release_by_id(person, release_id)
    do_approve_press_release(release, reasons=payload.reasons, acting_user=person)
    return release_out(release, person)


@releases_router.post(
    "/{release_id}/send-back",
    response={200: ReleaseOut, **ERRORS},
    summary="Send back to the drafter with reasons (the approver)",
    operation_id="send_back_press_release",
)
def send_back_release(request: HttpRequest, release_id: int, payload: ReasonsIn) -> ReleaseOut:
    """The approver sends it back to the drafter, who can change it and submit it again;
    reasons are required."""
    person = current_person(request)
    release = access.access_press_release_by_id(person, release_id)
    do_return_press_release(release, reasons=payload.reasons, acting_user=person)
    return release_out(release, person)


@releases_router.post(
    "/{release_id}/publish",
    response={200: ReleaseOut, **ERRORS},
    summary="Record an approved release as published",
    operation_id="publish_press_release",
)
def publish_release(request: HttpRequest, release_id: int) -> ReleaseOut:
    """The drafter, the approver or the Clerk records that an approved release has gone out.
    The rulebook is asked once more on the day; a release it now refuses is blocked
    instead."""
    person = current_person(request)
    release = access.access_press_release_by_id(person, release_id)
    do_publish_press_release(release, acting_user=person)
    return release_out(release, person)


# --- the spokesperson register ------------------------------------------------------------------


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
    resolved_on: datetime.date = Field(description="The date of the resolution.")
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


# --- elections -----------------------------------------------------------------------------------


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
    notice_of_election: datetime.date = Field(description="The date of the notice of election.")
    polling_day: datetime.date = Field(
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


# --- media contacts ------------------------------------------------------------------------------


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


# --- media interest ------------------------------------------------------------------------------


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


def add_routers(api: NinjaAPI) -> None:
    """Add the press and media routers (called once from propriety.api.routers)."""
    api.add_router("/press-releases", releases_router)
    api.add_router("/spokespeople", spokespeople_router)
    api.add_router("/elections", elections_router)
    api.add_router("/media-contacts", media_contacts_router)
    api.add_router("/media-interest", media_interest_router)
