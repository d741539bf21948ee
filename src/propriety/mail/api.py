"""``/api/v1/mail``: mail that came in, for the Clerk, and what to do with quarantine.

The same rules as the pages: ``access_message_by_id`` (404 for missing and
forbidden alike), then an action that decides whether the token's person may
act (403) and whether the input will do (422).
"""

from __future__ import annotations

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest
from ninja import Field, Query, Router, Schema, Status

from propriety.api.auth import current_person
from propriety.api.paging import Paged, PageIn, paged
from propriety.api.schemas import ERRORS, READ_ERRORS, CitationOut, ErrorOut
from propriety.enquiries.access import access_enquiry_by_id
from propriety.enquiries.actions import EnquiryRefused
from propriety.mail import access
from propriety.mail.actions import do_convert_message, do_discard_message, do_file_message
from propriety.mail.listing import sorted_messages
from propriety.mail.models import InboundMessage
from propriety.people.models import Person

router = Router(tags=["mail"])


class MailAttachmentOut(Schema):
    id: int = Field(description="The attachment's id.")
    filename: str = Field(description="Its file name as sent.")
    content_type: str = Field(description="Its media type as sent.")
    size: int = Field(description="Its size in bytes.")
    sha256: str = Field(description="The SHA-256 of its content.")


class MailMessageOut(Schema):
    id: int = Field(description="The message's id.")
    reference: str = Field(description="Its reference, e.g. `MSG-12`.")
    received_at: datetime.datetime = Field(description="When it was received.")
    via: str = Field(description="How it came: `pipe`, `smtp` or `imap`.")
    sender: str = Field(description="The From address.")
    subject: str = Field(description="The subject line.")
    text: str = Field(description="Its text (HTML-only mail converted to text).")
    authenticated: bool = Field(description="Whether the relay confirmed the sender.")
    status: str = Field(description="`filed`, `enquiry`, `refused`, `quarantined` or `discarded`.")
    landing: str = Field(
        description="What it became on its case: `enquiry`, `clarification`, `answer`, "
        "`feedback`, `note`, or empty."
    )
    reason: str = Field(description="Why it is in quarantine or was discarded.")
    enquiry_id: int | None = Field(description="The enquiry it landed in, if any.")
    attachments: list[MailAttachmentOut] = Field(description="Files that came with it.")


class MailFilters(Schema):
    status: str | None = Field(None, description="Only messages with this status.")


class MailFileIn(Schema):
    enquiry_id: int = Field(description="The enquiry to file the message to.")


class MailConvertIn(Schema):
    member_id: int = Field(description="The serving member who sent it.")
    subject: str = Field("", max_length=200, description="Subject; blank for the email's.")


class MailDiscardIn(Schema):
    reason: str = Field(max_length=500, description="Why it is being discarded.")


class MailRefusalOut(Schema):
    detail: str = Field(description="Why the protocol refuses it as an enquiry.")
    citations: list[CitationOut] = Field(description="The clauses that refuse it.")


def message_out(message: InboundMessage) -> MailMessageOut:
    return MailMessageOut(
        id=message.pk,
        reference=message.reference,
        received_at=message.received_at,
        via=message.via,
        sender=message.sender,
        subject=message.subject,
        text=message.text,
        authenticated=message.authenticated,
        status=message.status,
        landing=message.landing,
        reason=message.reason,
        enquiry_id=message.enquiry_id,
        attachments=[
            MailAttachmentOut(
                id=a.pk,
                filename=a.filename,
                content_type=a.content_type,
                size=a.size,
                sha256=a.sha256,
            )
            for a in message.attachments.all()
        ],
    )


@router.get(
    "",
    response={200: Paged[MailMessageOut], 401: ErrorOut, 403: ErrorOut},
    summary="Mail that came in (the Clerk)",
    operation_id="list_mail",
)
def list_mail(
    request: HttpRequest, filters: Query[MailFilters], paging: Query[PageIn]
) -> Paged[MailMessageOut]:
    """Every message received for the council, what waits in quarantine first, then newest
    first; `status=quarantined` for only what waits for the Clerk. Paged, with the total
    `count`."""
    person = current_person(request)
    if not access.can_handle(person):
        raise PermissionDenied("Only the Clerk sees the council's mail.")
    rows = access.messages_visible_to(person).prefetch_related("attachments")
    if filters.status:
        rows = rows.filter(status=filters.status)
    return paged(sorted_messages(rows, "waiting"), paging, message_out)


@router.get(
    "/{message_id}",
    response={200: MailMessageOut, **READ_ERRORS},
    summary="One message that came in",
    operation_id="get_mail_message",
)
def get_message(request: HttpRequest, message_id: int) -> MailMessageOut:
    """The message, if you are the Clerk or may see the enquiry it landed in."""
    return message_out(access.access_message_by_id(current_person(request), message_id))


def _quarantined_for(person: Person, message_id: int) -> InboundMessage:
    message = access.access_message_by_id(person, message_id)
    if not access.can_handle(person):
        raise PermissionDenied("Only the Clerk deals with mail in quarantine.")
    return message


@router.post(
    "/{message_id}/file",
    response={200: MailMessageOut, **ERRORS},
    summary="File a quarantined message to an enquiry (the Clerk)",
    operation_id="file_mail_message",
)
def file_message(request: HttpRequest, message_id: int, payload: MailFileIn) -> MailMessageOut:
    """The message and its attachments become part of the enquiry's record."""
    person = current_person(request)
    message = _quarantined_for(person, message_id)
    try:
        enquiry = access_enquiry_by_id(person, payload.enquiry_id)
    except Http404:
        raise ValidationError({"enquiry_id": "There is no such enquiry."}) from None
    return message_out(do_file_message(message, enquiry=enquiry, acting_user=person))


@router.post(
    "/{message_id}/convert",
    response={200: MailMessageOut, 409: MailRefusalOut, **ERRORS},
    summary="Record a quarantined message as a member's enquiry (the Clerk)",
    operation_id="convert_mail_message",
)
def convert_message(
    request: HttpRequest, message_id: int, payload: MailConvertIn
) -> Status[Schema] | MailMessageOut:
    """The enquiry goes through the same action as the web form: the rulebook routes it, or
    refuses it (409, citing the clauses; nothing is stored)."""
    person = current_person(request)
    message = _quarantined_for(person, message_id)
    member = Person.objects.for_council(person.council).filter(pk=payload.member_id).first()
    if member is None:
        raise ValidationError({"member_id": "Choose a serving member of this council."})
    try:
        do_convert_message(message, member=member, subject=payload.subject, acting_user=person)
    except EnquiryRefused as refused:
        return Status(
            409,
            MailRefusalOut(
                detail=refused.decision.explanation,
                citations=[
                    CitationOut(rulebook=c.rulebook, clause=c.clause, says=c.says)
                    for c in refused.decision.citations
                ],
            ),
        )
    return message_out(access.access_message_by_id(person, message_id))


@router.post(
    "/{message_id}/discard",
    response={200: MailMessageOut, **ERRORS},
    summary="Discard a quarantined message with a reason (the Clerk)",
    operation_id="discard_mail_message",
)
def discard_message(
    request: HttpRequest, message_id: int, payload: MailDiscardIn
) -> MailMessageOut:
    """It stays on record, marked discarded, with the reason."""
    person = current_person(request)
    message = _quarantined_for(person, message_id)
    return message_out(do_discard_message(message, reason=payload.reason, acting_user=person))
