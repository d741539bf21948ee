"""Mail out, so that replies come back to their case.

Every notification is multipart (plain text and the same in simple HTML),
carries the case reference in its subject (``[ENQ-12]``), a Reply-To of the
case's own address when the council receives mail, a ``References`` header
naming the case so mail programs thread the conversation, and our loop header
so an auto-reply bounced back to us is recognised, and (``COUNCIL_HEADER``) the
council it is about, so the demo's mail sink shows each council its own mail even to
an address that serves two. Sent after the change commits, so a rolled-back action
never emails anyone.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.utils.html import escape, linebreaks

from propriety.mail import addressing
from propriety.mail.parse import LOOP_HEADER

if TYPE_CHECKING:
    from propriety.councils.models import Council
    from propriety.enquiries.actions import EnquiryRefused
    from propriety.mail.models import InboundMessage
    from propriety.people.models import Person

# The council a message is about (its id), for the demo's "Mail sent" page (mail/sink.py).
COUNCIL_HEADER = "X-Propriety-Council"
REPLY_MARKER = "## Reply above this line to add to this case ##"


def _domain() -> str:
    return settings.DEFAULT_FROM_EMAIL.rsplit("@", 1)[-1] or "propriety.invalid"


def build_message(
    to: list[str],
    subject: str,
    body: str,
    *,
    council: Council | None = None,
    enquiry_id: int | None = None,
) -> EmailMultiAlternatives:
    """One outgoing message; tagged with the case when ``enquiry_id`` is given."""
    headers: dict[str, Any] = {
        LOOP_HEADER: addressing.loop_token(),
        "Auto-Submitted": "auto-generated",
    }
    if council is not None:
        headers[COUNCIL_HEADER] = str(council.pk)
    reply_to: list[str] = []
    text = body
    if enquiry_id is not None:
        tag = addressing.subject_tag(enquiry_id)
        if tag not in subject:
            subject = f"{subject} {tag}"
        thread = f"<enquiry-{enquiry_id}@{_domain()}>"
        headers["References"] = thread
        headers["In-Reply-To"] = thread
        if council is not None and council.enquiries_address:
            reply_to = [addressing.reply_address(council.enquiries_address, enquiry_id)]
            text = f"{REPLY_MARKER}\n\n{body}"
    message = EmailMultiAlternatives(
        subject=subject,
        body=text,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=to,
        reply_to=reply_to,
        headers=headers,
    )
    html = linebreaks(escape(text))
    message.attach_alternative(
        f'<!DOCTYPE html><html lang="en"><body style="font-family: Arial, sans-serif">{html}'
        "</body></html>",
        "text/html",
    )
    return message


def council_of(people: Iterable[Person]) -> Council | None:
    """The one council all of ``people`` belong to (None if none, or more than one)."""
    councils = {p.council_id: p for p in people}
    return next(iter(councils.values())).council if len(councils) == 1 else None


def send_after_commit(
    to: Iterable[str],
    subject: str,
    body: str,
    *,
    council: Council | None = None,
    enquiry_id: int | None = None,
) -> None:
    addresses = sorted({a for a in to if a})
    if not addresses:
        return
    message = build_message(addresses, subject, body, council=council, enquiry_id=enquiry_id)
    transaction.on_commit(lambda: message.send(fail_silently=False))


def refused(message: InboundMessage, refused: EnquiryRefused) -> None:
    """Tell a member their emailed enquiry was refused, citing the clauses that refuse it."""
    decision = refused.decision
    clauses = "\n".join(f"- {c.rulebook} {c.clause}: {c.says}" for c in decision.citations)
    send_after_commit(
        [message.sender],
        f"Not accepted as an enquiry: {message.subject or '(no subject)'}",
        f"Your email was not accepted as an enquiry, because the council's protocol "
        f"does not allow it as made.\n\n{decision.explanation}\n\nThe protocol says so in:\n"
        f"{clauses}\n\n{refused.proper_route}\n\nYour email is kept on record as "
        f"{message.reference}.",
        council=message.council,
    )
