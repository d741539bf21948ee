"""Council resources in the demo council (Kestrelford Town Council, acses-town): requests
allowed (council business, consumables) and refused citing the clause (campaigning,
private, party business). acses-town decides every purpose itself, so no request there is
ever referred; the referred state is shown by rulebooks that leave it to a person (the
national model's "Officers ¶4"). Loaded once."""

from __future__ import annotations

import datetime

from django.db import transaction
from django.utils import timezone

from propriety.councils.models import Council
from propriety.people.models import Person
from propriety.resources.actions import do_request_resources
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
        do_request_resources(
            people[who],
            kind=kind,
            purpose=purpose,
            description=text,
            officer=people["staff"] if kind == "staff_time" else None,
            today=day - datetime.timedelta(days=days),
            acting_user=people[who],
        )
