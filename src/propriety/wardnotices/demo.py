"""Ward notices in the demo council (Kestrelford Town Council, acses-town), in every state
its rulebook gives: a consultation and a council public meeting with the ward members told,
a visit to premises in another ward (that ward's members told), an officer's visit the
Clerk records for the facilities officer (the ward members told), and, refused citing the
clause, a member's own meeting in the pre-election period the press demo records, a
party-political meeting and a request for staff at a ward surgery. Loaded once."""

from __future__ import annotations

import datetime

from django.db import transaction
from django.utils import timezone

from propriety.councils.models import Council, Ward
from propriety.people.models import Person
from propriety.wardnotices.actions import do_record_ward_notice
from propriety.wardnotices.models import WardNotice


def load_ward_notices_demo(council: Council, today: datetime.date | None = None) -> None:
    day = today or timezone.localdate()
    notices = WardNotice.objects.for_council(council)
    with transaction.atomic():
        if not notices.exists():
            _load(council, day)
        if not notices.filter(event="officer_visit").exists():  # demos loaded before visits
            _load_officer_visit(council, day)


def _load_officer_visit(council: Council, day: datetime.date) -> None:
    people = {p.email.split("@")[0]: p for p in Person.objects.for_council(council)}
    do_record_ward_notice(
        people["clerk"],
        event="officer_visit",
        title="Tree survey on Abbey Fields",
        takes_place_on=day + datetime.timedelta(days=4),
        wards=[Ward.objects.for_council(council).get(name="Abbey")],
        details="Lucy will walk the avenue with the tree surgeon; some limes may need felling.",
        visiting_officer=people["staff"],
        today=day - datetime.timedelta(days=1),
        acting_user=people["clerk"],
    )


def _load(council: Council, day: datetime.date) -> None:
    people = {p.email.split("@")[0]: p for p in Person.objects.for_council(council)}
    wards = {w.name: w for w in Ward.objects.for_council(council)}

    def ago(days: int) -> datetime.date:
        return day - datetime.timedelta(days=days)

    def record(
        who: str, event: str, title: str, on: datetime.date, *names: str, **kw: object
    ) -> None:
        do_record_ward_notice(
            people[who],
            event=event,
            title=title,
            takes_place_on=on,
            wards=[wards[n] for n in names],
            today=kw.pop("recorded", ago(0)),  # type: ignore[arg-type]
            acting_user=people[who],
            **kw,  # type: ignore[arg-type]
        )

    record(
        "staff",
        "consultation",
        "Riverside car park charges",
        ago(20),
        "Riverside",
        recorded=ago(21),
    )
    record(
        "clerk",
        "council_public_meeting",
        "Town centre flooding: public meeting",
        day + datetime.timedelta(days=12),
        "Abbey",
        "Millfield",
        recorded=ago(3),
        details="At the Corn Exchange, 7pm.",
    )
    record(
        "clerk",
        "sensitive_operational_matter",
        "Closure of Millfield play area",
        ago(2),
        "Millfield",
        recorded=ago(2),
    )
    record(
        "ward-councillor",
        "premises_visit",
        "Visit to the Riverside depot",
        ago(5),
        "Riverside",
        recorded=ago(6),
    )
    # Refused: the press demo's by-election makes today part of the pre-election period.
    record(
        "riverside-councillor",
        "member_public_meeting",
        "Riverside residents' evening",
        day,
        "Riverside",
    )
    record(
        "independents-leader",
        "member_public_meeting",
        "Independents' summer hustings",
        ago(40),
        "Abbey",
        recorded=ago(45),
        party_political=True,
    )
    record(
        "ward-councillor",
        "ward_surgery_support",
        "Staff at Saturday surgery",
        ago(30),
        "Millfield",
        recorded=ago(31),
    )
