"""Emails about concerns, sent after the change commits (see enquiries.notify.send).

They say little: the case is private to its parties and handlers, so the
email points to the case page rather than repeating what it says, except
the referral, which carries the record to the Monitoring Officer.
"""

from __future__ import annotations

from django.conf import settings

from propriety.concerns.models import Concern
from propriety.enquiries.notify import send
from propriety.people.models import Person


def _footer(concern: Concern) -> str:
    base = getattr(settings, "PROPRIETY_BASE_URL", "").rstrip("/")
    return f"\n\n{concern.reference}\n{base}/concerns/{concern.pk}/\n"


def concern_arrived(concern: Concern, handlers: list[Person]) -> None:
    send(
        handlers,
        f"A concern for you to deal with: {concern.reference}",
        f"{concern.direction_label} has come to you under the council's protocol. "
        "Please read it and record what you do." + _footer(concern),
    )


def concern_referred(concern: Concern, handlers: list[Person]) -> None:
    from propriety.concerns.actions import referral_text

    send(
        handlers,
        f"Referred to the Monitoring Officer: {concern.reference} ({concern.council.name})",
        f"{concern.council.name} has handed this case to the Monitoring Officer of "
        f"{concern.council.principal_council_name or concern.council.name}. The record "
        "follows.\n\n" + referral_text(concern.referral) + _footer(concern),
    )
    send(
        [concern.raised_by],
        f"Your concern has gone to the Monitoring Officer: {concern.reference}",
        "The council has handed your concern, with its record, to the Monitoring Officer, "
        "who decides what happens next." + _footer(concern),
    )


def concern_resolved(concern: Concern) -> None:
    send(
        [concern.raised_by],
        f"Your concern has been resolved: {concern.reference}",
        f"It was resolved: {concern.outcome}" + _footer(concern),
    )


def concern_closed(concern: Concern) -> None:
    send(
        [concern.raised_by],
        f"Your concern is closed: {concern.reference}",
        f"It was closed: {concern.outcome}" + _footer(concern),
    )
