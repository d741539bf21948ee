"""Party-group briefings in the demo council (Kestrelford Town Council, acses-town), in
every state: given, agreed, waiting (one on a matter already briefed to the other group),
declined by the Clerk, and refused under the protocol. Safe to run twice."""

from __future__ import annotations

import datetime

from django.db import transaction
from django.utils import timezone

from propriety.briefings.actions import do_decide_briefing, do_record_briefing, do_request_briefing
from propriety.briefings.models import Briefing
from propriety.councils.models import Council, PartyGroup
from propriety.interests.demo import demo_people


def load_briefings_demo(council: Council, today: datetime.date | None = None) -> None:
    if Briefing.objects.for_council(council).exists():
        return
    with transaction.atomic():
        _load(council, today or timezone.localdate())


def _load(council: Council, day: datetime.date) -> None:
    who = demo_people(council)
    groups = {g.name: g for g in PartyGroup.objects.for_council(council)}
    independents = groups["Kestrelford Independents"]
    green = groups["Green Valley Group"]
    clerk, deputy = who["clerk"], who["deputy-clerk"]

    def ago(days: int) -> datetime.date:
        return day - datetime.timedelta(days=days)

    parking = do_request_briefing(
        independents,
        matter="Town centre parking strategy",
        details="Before the Finance committee considers charges.",
        today=ago(20),
        acting_user=who["independents-leader"],
    )
    do_decide_briefing(parking, agree=True, today=ago(19), acting_user=clerk)
    do_record_briefing(
        parking,
        given_on=ago(14),
        advice="Charges would raise about £18,000 a year; the county's survey shows spare "
        "capacity on weekdays; a consultation is legally required before any change.",
        officers=[clerk, deputy],
        attendees=[who["independents-leader"], who["mayor"], who["planning-chair"]],
        discussion="The group leans towards free parking for the first hour.",
        today=ago(14),
        acting_user=clerk,
    )
    # The other group asks on the same matter: the Clerk may not decline (§8.11).
    do_request_briefing(
        green,
        matter="Town centre parking strategy",
        today=ago(2),
        acting_user=who["green-valley-leader"],
    )
    budget = do_request_briefing(
        independents, matter="Budget 2027/28", today=ago(5), acting_user=who["mayor"]
    )
    do_decide_briefing(budget, agree=True, today=ago(4), acting_user=clerk)
    cemetery = do_request_briefing(
        green, matter="Cemetery extension", today=ago(12), acting_user=who["riverside-councillor"]
    )
    do_decide_briefing(
        cemetery,
        agree=False,
        reasons="The report goes to Full Council next week with the full advice.",
        today=ago(11),
        acting_user=clerk,
    )
    do_request_briefing(
        green,
        matter="Leaflets for the May campaign",
        matter_kind=Briefing.Matter.PARTY_BUSINESS,
        today=ago(8),
        acting_user=who["riverside-councillor"],
    )
    do_request_briefing(
        independents,
        matter="Allotment rents",
        non_members_present=True,
        details="Our branch members will attend.",
        today=ago(6),
        acting_user=who["independents-leader"],
    )
