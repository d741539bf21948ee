"""Kestrelford's correspondence (acses-town), loaded through the actions, once.

One draft in each state the check can find under §12.1–§12.5: clean, a blind
copy to a councillor, a copy to another councillor without the author's
consent, a confidential letter addressed to a complainant, a letter in a
councillor's name giving instructions, and one recorded as sent.

Correspondence the council received (``correspondence.incoming``) is loaded
for a council whose rulebook answers that question (none of the five seeds
does, so Kestrelford shows the page saying its protocol does not deal with it):
an ordinary letter and an anonymous one still to deal with, an abusive one
waiting for the person the protocol gives it to, and two dealt with.
"""

from __future__ import annotations

import datetime

from django.utils import timezone

from propriety.correspondence import access
from propriety.correspondence.actions import (
    do_draft_correspondence,
    do_record_incoming,
    do_record_incoming_dealt_with,
    do_record_sent,
)
from propriety.correspondence.actions.incoming import QUESTION
from propriety.correspondence.check import Addressee
from propriety.correspondence.models import Correspondence, IncomingLetter
from propriety.councils.models import Council
from propriety.councils.protocol import answers
from propriety.people.holders import holders_of
from propriety.people.models import Person


def load_incoming_demo(council: Council, today: datetime.date | None = None) -> None:
    """Once, where the council's rulebook answers ``correspondence.incoming``: one letter
    received in each state, recorded by the Clerk through the actions."""
    if not answers(council, QUESTION) or IncomingLetter.objects.for_council(council).exists():
        return
    clerks = holders_of(council, "proper_officer")
    if not clerks:
        return
    clerk = clerks[0]
    day = today or timezone.localdate()

    def record(days_ago: int, summary: str, sender: str, **flags: bool) -> IncomingLetter:
        return do_record_incoming(
            clerk,
            received_on=day - datetime.timedelta(days=days_ago),
            summary=summary,
            sender=sender,
            medium=IncomingLetter.Medium.EMAIL if days_ago % 2 else IncomingLetter.Medium.LETTER,
            flags=flags,
            today=day,
            acting_user=clerk,
        )

    def deal_with(letter: IncomingLetter, action: str, reasons: str) -> None:
        handlers = access.incoming_handlers(letter, day)
        who = clerk if access.can_deal_with_incoming(clerk, letter, day) else handlers[0]
        do_record_incoming_dealt_with(
            letter, action=action, reasons=reasons, today=day, acting_user=who
        )

    record(1, "Asks for the allotment rules and the waiting list", "Mrs Priya Okafor")
    record(2, "Unsigned note about parking on the green", "", anonymous=True)
    record(3, "Offensive email about the Clerk and the play area", "J. Fenwick", abusive=True)
    repeated = record(
        9, "The same complaint about the bus shelter, a fourth time", "Mr Alan Reid", repeated=True
    )
    deal_with(
        repeated,
        "not_answered",
        "Answered in full on 2 October; the reply was sent again "
        "with a note that the council has nothing to add.",
    )
    threat = record(
        12,
        "Threatening letter about the closure of the public toilets",
        "",
        anonymous=True,
        abusive=True,
    )
    deal_with(threat, "passed_on", "Threatening and unsigned: passed to the police; no reply.")


def load_correspondence_demo(council: Council) -> None:
    """Add the demo correspondence unless the council already has some (safe to run twice)."""
    load_incoming_demo(council)
    if Correspondence.objects.for_council(council).exists():
        return
    people = {p.email.split("@")[0]: p for p in Person.objects.for_council(council)}
    needed = ("clerk", "deputy-clerk", "staff", "mayor", "deputy-mayor", "planning-chair")
    if not all(key in people for key in (*needed, "finance-chair", "ward-councillor")):
        return
    today = timezone.localdate()

    def person(key: str, line: str = "to") -> Addressee:
        p = people[key]
        return Addressee(line, p.full_name, "", p.email, p)

    def draft(
        author: str, subject: str, body: str, recipients: list[Addressee], **kw: object
    ) -> Correspondence:
        writer = people[author]
        return do_draft_correspondence(
            writer,
            subject=subject,
            body=body,
            recipients=recipients,
            today=today,
            acting_user=writer,
            **kw,  # type: ignore[arg-type]
        )

    draft(
        "clerk",
        "Bin collections on Millfield Road",
        "Dear Cllr Carter,\n\nThank you for your email. The collection missed on Tuesday "
        "will be made on Friday.\n\nRachel Thornton\nTown Clerk",
        [person("ward-councillor")],
    )
    draft(
        "deputy-clerk",
        "Planning Committee agenda",
        "Dear Cllr Raman,\n\nThe draft agenda for the next meeting is attached.\n\nOwen Davies",
        [person("planning-chair"), person("finance-chair", "bcc")],
    )
    draft(
        "staff",
        "Riverside play area",
        "Dear Cllr Begum,\n\nThe new swings will be installed next month.\n\nLucy Marsh",
        [person("riverside-councillor"), person("deputy-mayor", "cc")],
    )
    draft(
        "clerk",
        "Your complaint about the market",
        "Dear Mr Hale,\n\nCONFIDENTIAL\n\nThe council is looking into your complaint.\n\n"
        "Rachel Thornton\nTown Clerk",
        [Addressee("to", "Robert Hale", "complainant", "robert.hale@example.org")],
        flags={"marked_confidential": True},
    )
    draft(
        "ward-councillor",
        "Grass cutting at Millfield Green",
        "Dear Greenway Contractors,\n\nPlease cut the grass at Millfield Green this week and "
        "send the invoice to the council.\n\nCllr Ben Carter",
        [Addressee("to", "Greenway Contractors", "third_party", "office@greenway.example")],
        flags={"gives_instructions": True, "creates_obligations": True},
    )
    sent = draft(
        "mayor",
        "Invitation to the Remembrance Sunday service",
        "Dear Colonel Fairbrother,\n\nI should be delighted if you would join us at the "
        "Remembrance Sunday service.\n\nCllr Margaret Ashby\nMayor of Kestrelford",
        [Addressee("to", "Colonel James Fairbrother", "third_party", "")],
        flags={"official": True},
    )
    do_record_sent(sent, today=today, acting_user=people["mayor"])
