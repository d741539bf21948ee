"""One message in: store it, then land it in its case or quarantine it.

This is the one path for mail, whichever way it arrived (``propriety mail
receive`` on a pipe, the SMTP receiver, the IMAP poller). The message is
stored first, in the same transaction as whatever it causes, so nothing is
ever half-landed and nothing is ever lost:

- a serving member writing to the council's enquiries address makes an
  enquiry through the same action as the web form (the rulebook routes it; a
  refusal is emailed back citing its clause);
- a reply tagged with a case (``enquiries+enq-12-…@`` or ``[ENQ-12]`` in the
  subject) lands as the right person's clarification, answer or follow-up, or
  as a message on the case when nothing else fits its state;
- everything else (strangers, senders the relay did not vouch for,
  auto-replies, loops, oversize or malformed mail, anything the actions
  refuse, any error) goes to quarantine with the reason, for the Clerk.

A message for no council's address is not taken at all (the caller bounces
it), so the sender learns it went nowhere.
"""

from __future__ import annotations

import datetime
import hashlib
import logging
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from propriety.audit.recording import recording
from propriety.councils.models import Council
from propriety.enquiries import access as enquiry_access
from propriety.enquiries.actions import (
    EnquiryRefused,
    do_answer_enquiry,
    do_clarify_enquiry,
    do_record_feedback,
    do_submit_enquiry,
)
from propriety.enquiries.models import Enquiry
from propriety.mail import addressing, notify
from propriety.mail.models import InboundAttachment, InboundMessage
from propriety.mail.parse import ParsedMessage, parse_message
from propriety.mail.trust import sender_authenticated
from propriety.people.models import Person

log = logging.getLogger(__name__)
Landing = InboundMessage.Landing
Status = InboundMessage.Status


@dataclass(frozen=True)
class Received:
    """What became of one message. ``message`` is None when no council takes it."""

    outcome: str  # enquiry | filed | refused | quarantined | duplicate | no_council
    message: InboundMessage | None
    says: str


def _headers_only(raw: bytes) -> bytes:
    end = raw.find(b"\r\n\r\n")
    end = raw.find(b"\n\n") if end < 0 else end
    head = raw[: end if 0 <= end < 256 * 1024 else 256 * 1024]
    return head + b"\r\n\r\n"


def _council_for(recipients: list[str]) -> tuple[Council, int | None] | None:
    for recipient in recipients:
        addressed = addressing.read_address(recipient)
        council = Council.objects.filter(enquiries_address__iexact=addressed.base).first()
        if council is not None:
            return council, addressed.enquiry_id
    return None


def receive_message(
    raw: bytes,
    *,
    via: str,
    envelope_recipients: list[str] | None = None,
    today: datetime.date | None = None,
) -> Received:
    """Take one message as received. Raises only if the database itself fails."""
    limit = settings.PROPRIETY_MAIL_MAX_BYTES
    oversize = len(raw) > limit
    stored = _headers_only(raw) if oversize else raw
    parsed = parse_message(stored)
    parsed.raw_size, parsed.sha256 = len(raw), hashlib.sha256(raw).hexdigest()
    if oversize:
        parsed.problems.append(
            f"it is {len(raw) // 1024:,} kB, over the {limit // 1024:,} kB limit: only its "
            "headers were kept; ask the sender for a smaller message or a link"
        )
    found = _council_for([r.lower() for r in (envelope_recipients or [])] or parsed.recipients)
    if found is None:
        return Received("no_council", None, "No council receives mail at that address.")
    council, tagged = found
    existing = InboundMessage.objects.for_council(council).filter(sha256=parsed.sha256).first()
    if existing is not None:
        return Received("duplicate", existing, f"Already received as {existing.reference}.")
    day = today or timezone.localdate()
    try:
        return _land(council, parsed, stored, via, tagged, day)
    except Exception as exc:  # never lose a message to a bug: keep it for the Clerk
        log.exception("Could not land a message for %s", council)
        return _quarantine(
            council,
            parsed,
            stored,
            via,
            f"Propriety could not process it ({type(exc).__name__}); it is kept here.",
        )


def _person(council: Council, address: str) -> Person | None:
    if not address:
        return None
    person: Person | None = (
        Person.objects.for_council(council).filter(email__iexact=address, is_active=True).first()
    )
    return person


def _why_not_trusted(council: Council, parsed: ParsedMessage, person: Person | None) -> str | None:
    """Why the message cannot be taken as a person's words, or None if it can."""
    if parsed.problems:
        return "It could not be taken as it is: " + "; ".join(parsed.problems) + "."
    if parsed.loop or parsed.sender in (
        council.enquiries_address.lower(),
        settings.DEFAULT_FROM_EMAIL.lower(),
    ):
        return "It is one of Propriety's own messages come back (a mail loop)."
    if parsed.automatic:
        return f"It looks automatic: {parsed.automatic}."
    if person is None:
        return f"The sender ({parsed.sender or 'unknown'}) is not one of the council's people."
    if not sender_authenticated(parsed.sender, parsed.authentication_results):
        return (
            "The receiving mail server did not confirm that it really came from "
            f"{parsed.sender} (no passing Authentication-Results), so it may be spoofed."
        )
    if not parsed.text.strip():
        return "It has no text."
    return None


def _land(
    council: Council,
    parsed: ParsedMessage,
    stored: bytes,
    via: str,
    tagged: int | None,
    day: datetime.date,
) -> Received:
    person = _person(council, parsed.sender)
    why = _why_not_trusted(council, parsed, person)
    if why is not None:
        return _quarantine(council, parsed, stored, via, why, person=person)
    assert person is not None
    enquiry_id = tagged or addressing.enquiry_in_subject(parsed.subject)
    if enquiry_id is not None:
        enquiry = Enquiry.objects.for_council(council).filter(pk=enquiry_id).first()
        if enquiry is None:
            return _quarantine(
                council,
                parsed,
                stored,
                via,
                f"It names enquiry ENQ-{enquiry_id}, which this council does not have.",
                person=person,
            )
        return _reply(council, parsed, stored, via, person, enquiry, day)
    if not enquiry_access.can_submit(person, day):
        return _quarantine(
            council,
            parsed,
            stored,
            via,
            f"{person.full_name} is not a serving member, and only members make enquiries; "
            "it names no case to file it to.",
            person=person,
        )
    return _new_enquiry(council, parsed, stored, via, person, day)


def _new_enquiry(
    council: Council,
    parsed: ParsedMessage,
    stored: bytes,
    via: str,
    person: Person,
    day: datetime.date,
) -> Received:
    subject = parsed.subject.strip() or parsed.text.strip().splitlines()[0][:120]
    try:
        with transaction.atomic():
            enquiry = do_submit_enquiry(
                person,
                subject=subject[:200],
                body=parsed.text,
                kind="information",
                addressed_to="proper_officer",
                today=day,
                acting_user=person,
            )
            message = _store(
                council,
                parsed,
                stored,
                via,
                Status.ENQUIRY,
                person=person,
                enquiry=enquiry,
                landing=Landing.ENQUIRY,
                says=f"Email from {person.full_name} became enquiry {enquiry.reference}.",
            )
    except EnquiryRefused as refused:
        message = _store(
            council,
            parsed,
            stored,
            via,
            Status.REFUSED,
            person=person,
            says=f"Email from {person.full_name} refused by the protocol: "
            f"{refused.decision.explanation}",
            citations=[
                {"rulebook": c.rulebook, "clause": c.clause} for c in refused.decision.citations
            ],
        )
        notify.refused(message, refused)
        return Received("refused", message, refused.decision.explanation)
    except (ValidationError, PermissionDenied) as exc:
        return _quarantine(council, parsed, stored, via, _reason(exc), person=person)
    return Received("enquiry", message, f"Became enquiry {enquiry.reference}.")


def _reply(
    council: Council,
    parsed: ParsedMessage,
    stored: bytes,
    via: str,
    person: Person,
    enquiry: Enquiry,
    day: datetime.date,
) -> Received:
    text = parsed.text
    landing: str
    try:
        with transaction.atomic():
            if enquiry.member_id == person.pk:
                if enquiry.status == Enquiry.Status.AWAITING_MEMBER:
                    do_clarify_enquiry(enquiry, reply=text, today=day, acting_user=person)
                    landing = Landing.CLARIFICATION
                elif enquiry.status == Enquiry.Status.ANSWERED:
                    do_record_feedback(
                        enquiry, answered=False, comment=text, today=day, acting_user=person
                    )
                    landing = Landing.FEEDBACK
                else:
                    landing = Landing.NOTE
            elif enquiry_access.can_answer(person, enquiry, day):
                do_answer_enquiry(enquiry, answer=text, today=day, acting_user=person)
                landing = Landing.ANSWER
            else:
                raise PermissionDenied(
                    f"{person.full_name} is neither the member who asked nor its officer or "
                    f"the Clerk, so their email cannot be filed to {enquiry.reference} "
                    "automatically."
                )
            label = Landing(landing).label
            message = _store(
                council,
                parsed,
                stored,
                via,
                Status.FILED,
                person=person,
                enquiry=enquiry,
                landing=landing,
                says=f"Email from {person.full_name} filed to {enquiry.reference} as {label}.",
                obj=enquiry,
            )
    except (ValidationError, PermissionDenied) as exc:
        return _quarantine(council, parsed, stored, via, _reason(exc), person=person)
    return Received("filed", message, f"Filed to {enquiry.reference} as {label}.")


def _reason(exc: Exception) -> str:
    if isinstance(exc, ValidationError):
        parts = exc.messages
        return "The case would not take it: " + " ".join(parts)
    return str(exc) or "The case would not take it."


def _quarantine(
    council: Council,
    parsed: ParsedMessage,
    stored: bytes,
    via: str,
    reason: str,
    *,
    person: Person | None = None,
) -> Received:
    message = _store(
        council,
        parsed,
        stored,
        via,
        Status.QUARANTINED,
        person=person,
        reason=reason,
        says=f"Email from {parsed.sender or 'an unknown sender'} put in quarantine: {reason}",
    )
    return Received("quarantined", message, reason)


def _store(
    council: Council,
    parsed: ParsedMessage,
    stored: bytes,
    via: str,
    status: str,
    *,
    says: str,
    person: Person | None = None,
    enquiry: Enquiry | None = None,
    landing: str = "",
    reason: str = "",
    citations: list[dict[str, str]] | None = None,
    obj: Any = None,
) -> InboundMessage:
    message = InboundMessage(
        council=council,
        via=via,
        message_id=parsed.message_id,
        sha256=parsed.sha256,
        sender=parsed.sender,
        sender_name=parsed.sender_name,
        recipients=parsed.recipients,
        subject=parsed.subject,
        text=parsed.text,
        html_only=parsed.html_only,
        raw=stored,
        raw_size=parsed.raw_size,
        authenticated=bool(parsed.sender)
        and sender_authenticated(parsed.sender, parsed.authentication_results),
        automatic=parsed.automatic,
        status=status,
        landing=landing,
        reason=reason,
        person=person,
        enquiry=enquiry,
    )
    with recording(
        council=council,
        actor=None,
        action=f"mail.{status}",
        citations=citations or (),
        details={"says": says, "sender": parsed.sender, "via": via},
    ) as rec:
        message.save()
        for attachment in parsed.attachments:
            row = InboundAttachment(
                council=council,
                message=message,
                enquiry=enquiry,
                filename=attachment.filename,
                content_type=attachment.content_type[:100],
                size=len(attachment.data),
                sha256=attachment.sha256,
            )
            row.file.save(attachment.filename, ContentFile(attachment.data), save=False)
            row.save()
        rec.obj = obj if obj is not None else message
        rec.details["message"] = message.pk
        if parsed.attachments:
            rec.details["attachments"] = [
                {"filename": a.filename, "sha256": a.sha256} for a in parsed.attachments
            ]
    return message
