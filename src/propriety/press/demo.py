"""Press and media in the demo council (Kestrelford Town Council, acses-town).

Loaded through the actions, like everything in the demo: an election whose
pre-election period is running today, press releases in every state (one
blocked in the pre-election period, one officer's draft the word check flags
as political), the spokesperson register, a media contact and a record of
media interest with the members told. Does nothing if the council already has
press records, so loading twice is safe.
"""

from __future__ import annotations

import datetime

from django.db import transaction
from django.utils import timezone

from propriety.councils.models import Council, Ward
from propriety.people.models import Person
from propriety.press.actions import (
    do_appoint_spokesperson,
    do_approve_press_release,
    do_draft_press_release,
    do_end_spokesperson,
    do_publish_press_release,
    do_record_election,
    do_record_media_contact,
    do_record_media_interest,
    do_return_press_release,
    do_submit_press_release,
    do_withdraw_press_release,
)
from propriety.press.models import Election, PressRelease, Spokesperson


def has_press_records(council: Council) -> bool:
    return (
        PressRelease.objects.for_council(council).exists()
        or Election.objects.for_council(council).exists()
    )


def load_press_demo(council: Council, today: datetime.date | None = None) -> None:
    """Load the demo's press records into ``council`` (once; all or nothing)."""
    if has_press_records(council):
        return
    with transaction.atomic():
        _load(council, today or timezone.localdate())


def _load(council: Council, day: datetime.date) -> None:
    people: dict[str, Person] = {
        p.email.split("@")[0]: p for p in Person.objects.for_council(council)
    }

    def who(key: str) -> Person:
        return people[key]

    def ago(days: int) -> datetime.date:
        return day - datetime.timedelta(days=days)

    clerk = who("clerk")
    staff = who("staff")

    # The election timetable: a by-election whose pre-election period runs today.
    do_record_election(
        council,
        title="Riverside ward by-election",
        notice_of_election=ago(10),
        polling_day=day + datetime.timedelta(days=25),
        today=ago(12),
        acting_user=clerk,
    )

    # Published: the Mayor (chair of the council) asked the Town Clerk, who approved it.
    mayor = who("mayor")
    release = do_draft_press_release(
        mayor,
        title="Kestrelford in Bloom wins regional gold",
        body="Kestrelford Town Council is delighted that the town has won a regional gold "
        "award. The Mayor thanks the volunteers who planted and watered all summer.",
        today=ago(45),
        acting_user=mayor,
    )
    do_submit_press_release(release, today=ago(45), acting_user=mayor)
    do_approve_press_release(release, reasons="Factual.", today=ago(44), acting_user=clerk)
    do_publish_press_release(release, today=ago(43), acting_user=clerk)

    # Approved, not yet published: an officer's factual release.
    release = do_draft_press_release(
        staff,
        title="Christmas lights switch-on: road closures",
        body="Market Street will be closed from 4pm to 8pm on the evening of the switch-on.",
        today=ago(30),
        acting_user=staff,
    )
    do_submit_press_release(release, today=ago(30), acting_user=staff)
    do_approve_press_release(release, today=ago(29), acting_user=clerk)

    # Sent back: a ward councillor's release, returned with reasons.
    ward_member = who("ward-councillor")
    release = do_draft_press_release(
        ward_member,
        title="Millfield play area to reopen",
        body="The play area will reopen next month after repairs.",
        today=ago(20),
        acting_user=ward_member,
    )
    do_submit_press_release(release, today=ago(20), acting_user=ward_member)
    do_return_press_release(
        release,
        reasons="Please give the reopening date the contractor has confirmed.",
        today=ago(19),
        acting_user=clerk,
    )

    # Withdrawn: the drafter's own announcement, overtaken by events before approval.
    release = do_draft_press_release(
        ward_member,
        title="Riverside footbridge survey",
        body="The council will survey the Riverside footbridge this spring.",
        today=ago(18),
        acting_user=ward_member,
    )
    do_submit_press_release(release, today=ago(18), acting_user=ward_member)
    do_withdraw_press_release(
        release,
        reason="The survey has been postponed to the autumn.",
        today=ago(17),
        acting_user=ward_member,
    )

    # Waiting for approval: a committee chair's release on a major planning matter.
    planning_chair = who("planning-chair")
    release = do_draft_press_release(
        planning_chair,
        title="Planning Committee's response on Millfield Lane car park",
        body="The Planning Committee has responded to the district council's consultation.",
        about_major_planning=True,
        today=ago(15),
        acting_user=planning_chair,
    )
    do_submit_press_release(release, today=ago(15), acting_user=planning_chair)

    # Waiting for approval, flagged: an officer's draft that strays into political opinion.
    release = do_draft_press_release(
        staff,
        title="Car park charges explained",
        body="The charges follow a review. The Green Valley Group and the opposition have "
        "opposed them, but the figures show they are needed.",
        today=ago(14),
        acting_user=staff,
    )
    do_submit_press_release(release, today=ago(14), acting_user=staff)

    # Blocked: a release promoting a party group, in the pre-election period (§11.2, §11.1).
    leader = who("independents-leader")
    release = do_draft_press_release(
        leader,
        title="Independents deliver for Riverside",
        body="Vote for the Kestrelford Independents on polling day: we delivered the new "
        "footbridge.",
        promotes_party_group=True,
        political_content=True,
        today=ago(2),
        acting_user=leader,
    )
    do_submit_press_release(release, today=ago(2), acting_user=leader)

    # A draft, not yet submitted.
    riverside = who("riverside-councillor")
    do_draft_press_release(
        riverside,
        title="Riverside litter pick",
        body="Volunteers are invited to join the litter pick on Saturday morning.",
        on_behalf_of_council=False,
        today=ago(1),
        acting_user=riverside,
    )

    # The register: the Mayor and the committee chairs by role; one resolution; one
    # officer authorised to answer the media (§11.4).
    do_appoint_spokesperson(
        council,
        person=who("deputy-mayor"),
        resolution_reference="FC 2026/57",
        resolved_on=datetime.date(2026, 6, 8),
        scope="Town centre regeneration",
        today=ago(40),
        acting_user=clerk,
    )
    do_appoint_spokesperson(
        council,
        person=staff,
        basis=Spokesperson.Basis.AUTHORISATION,
        resolution_reference="Town Clerk's authorisation TC/2026/3",
        resolved_on=ago(40),
        scope="Facilities and events",
        today=ago(40),
        acting_user=clerk,
    )
    # An ended entry: the register's "Ended" list.
    do_end_spokesperson(
        do_appoint_spokesperson(
            council,
            person=who("finance-chair"),
            resolution_reference="FC 2025/112",
            resolved_on=datetime.date(2025, 9, 8),
            scope="The 2026 budget consultation",
            today=ago(90),
            acting_user=clerk,
        ),
        reason="The consultation closed",
        today=ago(30),
        acting_user=clerk,
    )
    do_record_media_contact(
        ward_member,
        capacity="ward_member",
        outlet="Kestrelford Courier",
        topic="Millfield play area",
        today=ago(18),
        acting_user=ward_member,
    )
    do_record_media_contact(
        staff,
        capacity="council",
        outlet="Vale Radio",
        topic="Christmas lights road closures",
        today=ago(28),
        acting_user=staff,
    )

    # Media interest in Riverside: its ward councillors and the chair of the council are told.
    ward = Ward.objects.for_council(council).filter(name="Riverside").first()
    do_record_media_interest(
        staff,
        matter="Flooding at the Riverside footbridge",
        outlet="Kestrelford Courier",
        details="A reporter has asked when the footbridge will reopen.",
        ward=ward,
        today=ago(3),
        acting_user=staff,
    )
