"""Kestrelford's correspondence (acses-town), loaded through the actions, once.

One draft in each state the check can find under §12.1–§12.5: clean, a blind
copy to a councillor, a copy to another councillor without the author's
consent, a confidential letter addressed to a complainant, a letter in a
councillor's name giving instructions, and one recorded as sent.
"""

from __future__ import annotations

from django.utils import timezone

from propriety.correspondence.actions import do_draft_correspondence, do_record_sent
from propriety.correspondence.check import Addressee
from propriety.correspondence.models import Correspondence
from propriety.councils.models import Council
from propriety.people.models import Person


def load_correspondence_demo(council: Council) -> None:
    """Add the demo correspondence unless the council already has some (safe to run twice)."""
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
