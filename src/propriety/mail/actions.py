"""The Clerk's actions on mail in quarantine: each locked, re-read and recorded.

Taking a message in (``receive.receive_message``) is system work; what the
Clerk does with a message it could not place is here: file it to a case,
record it as the enquiry a member sent, or discard it with a reason.
"""

from __future__ import annotations

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.utils import timezone

from propriety.audit.recording import recording
from propriety.councils.locking import locked
from propriety.councils.models import TAKEN_ADDRESS, Council
from propriety.enquiries import access as enquiry_access
from propriety.enquiries.actions import do_submit_enquiry
from propriety.enquiries.models import Enquiry
from propriety.mail import access
from propriety.mail.models import InboundMessage
from propriety.people.models import Person

Status = InboundMessage.Status


def _require_quarantined(message: InboundMessage, acting_user: Person) -> None:
    if not access.can_handle(acting_user):
        raise PermissionDenied("Only the Clerk deals with mail in quarantine.")
    if message.status != Status.QUARANTINED:
        raise ValidationError(
            {
                "message": f"{message.reference} is already dealt with "
                f"({message.get_status_display().lower()})."
            }
        )


def do_file_message(
    message: InboundMessage, *, enquiry: Enquiry, acting_user: Person
) -> InboundMessage:
    """File a quarantined message (and its attachments) to a case, as a message on it."""
    with locked(message):
        _require_quarantined(message, acting_user)
        if enquiry.council_id != message.council_id:
            raise ValidationError({"enquiry": "Choose an enquiry of this council."})
        with recording(
            council=message.council,
            actor=acting_user,
            action="mail.filed",
            obj=enquiry,
            details={
                "says": f"{acting_user.full_name} filed the email from "
                f"{message.sender or 'an unknown sender'} ({message.reference}) to this "
                "enquiry.",
                "message": message.pk,
            },
        ):
            message.status = Status.FILED
            message.landing = InboundMessage.Landing.NOTE
            message.enquiry = enquiry
            message.handled_by = acting_user
            message.handled_at = timezone.now()
            message.save(update_fields=["status", "landing", "enquiry", "handled_by", "handled_at"])
            message.attachments.update(enquiry=enquiry)
    return message


def do_convert_message(
    message: InboundMessage,
    *,
    member: Person,
    subject: str,
    today: datetime.date | None = None,
    acting_user: Person,
) -> Enquiry:
    """Record a quarantined message as the enquiry the member sent (the Clerk vouches for it).

    The enquiry goes through the same action as the web form, so the
    rulebook routes it or refuses it (``EnquiryRefused``, nothing stored).
    """
    with locked(message):
        _require_quarantined(message, acting_user)
        if member.council_id != message.council_id or not enquiry_access.can_submit(member, today):
            raise ValidationError({"member": "Choose a serving member of this council."})
        if not message.text.strip():
            raise ValidationError({"message": "The email has no text to make an enquiry of."})
        enquiry = do_submit_enquiry(
            member,
            subject=(subject.strip() or message.subject or "Enquiry by email")[:200],
            body=message.text,
            kind="information",
            addressed_to="proper_officer",
            today=today,
            received_by="email",
            acting_user=acting_user,
        )
        with recording(
            council=message.council,
            actor=acting_user,
            action="mail.converted",
            obj=message,
            details={
                "says": f"{acting_user.full_name} recorded the email {message.reference} as "
                f"{member.full_name}'s enquiry {enquiry.reference}.",
                "enquiry": enquiry.pk,
            },
        ):
            message.status = Status.ENQUIRY
            message.landing = InboundMessage.Landing.ENQUIRY
            message.enquiry = enquiry
            message.person = member
            message.handled_by = acting_user
            message.handled_at = timezone.now()
            message.save(
                update_fields=["status", "landing", "enquiry", "person", "handled_by", "handled_at"]
            )
            message.attachments.update(enquiry=enquiry)
    return enquiry


def do_discard_message(
    message: InboundMessage, *, reason: str, acting_user: Person
) -> InboundMessage:
    """Discard a quarantined message with a reason; it stays on record, marked discarded."""
    with locked(message):
        _require_quarantined(message, acting_user)
        if not reason.strip():
            raise ValidationError({"reason": "Say why the email is being discarded."})
        with recording(
            council=message.council,
            actor=acting_user,
            action="mail.discarded",
            obj=message,
            details={
                "says": f"{acting_user.full_name} discarded {message.reference}: {reason.strip()}",
            },
        ):
            message.status = Status.DISCARDED
            message.reason = f"{message.reason}\nDiscarded: {reason.strip()}".strip()
            message.handled_by = acting_user
            message.handled_at = timezone.now()
            message.save(update_fields=["status", "reason", "handled_by", "handled_at"])
    return message


def do_set_enquiries_address(
    council: Council, *, address: str, acting_user: Person | None
) -> Council:
    """Set (or clear, with "") the address where the council receives enquiries by email.

    Mail in is matched to its council by this address, so no two councils share one: the
    check runs inside the transaction, and the database's unique index
    (``council_enquiries_address_unique``) settles two councils claiming it at the same
    moment, the later one refused like any other taken address.
    """
    address = address.strip().lower()
    if acting_user is not None and not access.can_handle(acting_user):
        raise PermissionDenied("Only the Clerk sets the council's address for enquiries.")
    if address:
        try:
            validate_email(address)
        except ValidationError:
            raise ValidationError(
                {"enquiries_address": "Enter an email address, like enquiries@example.gov.uk."}
            ) from None
        if "+" in address.split("@", 1)[0]:
            raise ValidationError(
                {"enquiries_address": "Use the plain address: Propriety adds +tags itself."}
            )
    try:
        with transaction.atomic():
            fresh = Council.objects.select_for_update().get(pk=council.pk)
            _refuse_taken(council, address)
            with recording(
                council=fresh,
                actor=acting_user,
                action="council.enquiries_address_set",
                obj=fresh,
                details={
                    "says": f"The address for enquiries by email is now {address}."
                    if address
                    else "The council no longer receives enquiries by email.",
                    "was": fresh.enquiries_address,
                },
            ):
                fresh.enquiries_address = address
                fresh.save(update_fields=["enquiries_address", "updated_at"])
    except IntegrityError:
        # Another council took it between our check and our write, and committed first.
        _refuse_taken(council, address)
        raise
    council.enquiries_address = address
    return council


def _refuse_taken(council: Council, address: str) -> None:
    if address and (
        Council.objects.filter(enquiries_address__iexact=address).exclude(pk=council.pk).exists()
    ):
        raise ValidationError({"enquiries_address": TAKEN_ADDRESS})
