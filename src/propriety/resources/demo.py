"""Council resources in the demo council (Kestrelford Town Council, acses-town): requests
allowed (council business, consumables) and refused citing the clause (campaigning,
private, party business). acses-town decides every purpose itself, so no request there is
ever referred; the referred state is in Quillerton Parish Council, whose protocol (the
national model, "Officers ¶4") leaves support outside a councillor's role to the officer
asked: one request waits for the officer, one the officer refused with reasons, and one
for council business was allowed. Loaded once."""

from __future__ import annotations

import datetime

from django.db import transaction
from django.utils import timezone

from propriety.councils.models import Council
from propriety.people.models import Person
from propriety.resources.actions import do_decide_resource_request, do_request_resources
from propriety.resources.models import ResourceRequest


def load_resources_demo(council: Council, today: datetime.date | None = None) -> None:
    if ResourceRequest.objects.for_council(council).exists():
        return
    day = today or timezone.localdate()
    with transaction.atomic():
        _load(council, day)


def _load(council: Council, day: datetime.date) -> None:
    people = {p.email.split("@")[0]: p for p in Person.objects.for_council(council)}
    rows = (
        (
            "ward-councillor",
            "printing",
            "council_business",
            "Agendas for the Millfield ward forum",
            9,
        ),
        (
            "planning-chair",
            "room",
            "council_business",
            "Committee room for a site-visit briefing",
            7,
        ),
        (
            "riverside-councillor",
            "consumables",
            "council_business",
            "Envelopes for ward casework",
            5,
        ),
        ("green-valley-leader", "printing", "campaigning", "Leaflets for the by-election", 3),
        (
            "independents-leader",
            "staff_time",
            "party_political",
            "Help drafting the group newsletter",
            2,
        ),
        ("finance-chair", "equipment", "private", "The projector for a family party", 1),
    )
    for who, kind, purpose, text, days in rows:
        _ask(
            people[who],
            kind,
            purpose,
            text,
            day - datetime.timedelta(days=days),
            people["staff"] if kind == "staff_time" else None,
        )


def _ask(
    member: Person,
    kind: str,
    purpose: str,
    text: str,
    on: datetime.date,
    officer: Person | None,
) -> ResourceRequest:
    return do_request_resources(
        member,
        kind=kind,
        purpose=purpose,
        description=text,
        officer=officer,
        today=on,
        acting_user=member,
    )


def load_referred_resources_demo(council: Council, today: datetime.date | None = None) -> None:
    """Quillerton's requests; people by their email's local part (``chair``, ``councillor``,
    ``officer``)."""
    if ResourceRequest.objects.for_council(council).exists():
        return
    day = today or timezone.localdate()
    people = {p.email.split("@")[0]: p for p in Person.objects.for_council(council)}
    rows = (
        ("councillor", "printing", "council_business", "Copies of the draft budget", 8),
        (
            "chair",
            "room",
            "non_council_capacity",
            "The meeting room for the village hall trustees, which I chair",
            6,
        ),
        ("councillor", "equipment", "private", "The laminator, for my daughter's project", 1),
    )
    with transaction.atomic():
        made = [
            _ask(
                people[who],
                kind,
                purpose,
                text,
                day - datetime.timedelta(days=days),
                people["officer"],
            )
            for who, kind, purpose, text, days in rows
        ]
        do_decide_resource_request(
            made[1],
            allow=False,
            reasons="The trustees are a separate charity: they can book the room at the "
            "hall's usual rate.",
            today=day - datetime.timedelta(days=5),
            acting_user=people["officer"],
        )
