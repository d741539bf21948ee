"""``/api/v1/press-releases``: drafting, approving and publishing press releases and media
statements.
"""

from __future__ import annotations

import datetime
from typing import Any, Literal

from django.http import HttpRequest
from django.utils import timezone
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
    person_ref,
    timeline_out,
    title_of,
)
from propriety.people.models import Person
from propriety.press import access
from propriety.press.actions import (
    do_approve_press_release,
    do_draft_press_release,
    do_edit_press_release,
    do_publish_press_release,
    do_return_press_release,
    do_submit_press_release,
    do_withdraw_press_release,
)
from propriety.press.api.elections import ElectionRef, election_ref
from propriety.press.models import (
    PressRelease,
)

releases_router = Router(tags=["press releases"])


ReleaseMay = Literal["edit", "submit", "approve", "send_back", "publish", "withdraw"]


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


class PressReleaseWithdrawIn(Schema):
    reason: str = Field(
        "",
        max_length=2000,
        description="Why it is withdrawn (optional, as on the page; shown in its timeline).",
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
    if access.can_withdraw(person, release):
        may.append("withdraw")
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


@releases_router.post(
    "/{release_id}/withdraw",
    response={200: ReleaseOut, **ERRORS},
    summary="Withdraw before it is published (the drafter)",
    operation_id="withdraw_press_release",
)
def withdraw_release(
    request: HttpRequest, release_id: int, payload: PressReleaseWithdrawIn
) -> ReleaseOut:
    """The drafter withdraws a release that is not yet published (a draft, sent back,
    waiting for approval, approved, or blocked by the rulebook): it stays on the record,
    marked withdrawn, with the reason in its timeline. Anyone else who can see it, or a
    release already published or withdrawn, gets 403; 404 if it is not yours to see."""
    person = current_person(request)
    release = access.access_press_release_by_id(person, release_id)
    do_withdraw_press_release(release, reason=payload.reason, acting_user=person)
    return release_out(release, person)
