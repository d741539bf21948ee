"""Who sees mail that came in.

- The Clerk (whoever manages casework) sees every message of the council:
  the quarantine register and what landed where.
- Whoever may see an enquiry sees the messages filed to it and their
  attachments (through the enquiry's own access function).
Everyone else gets the same 404 as for a message that does not exist.
"""

from __future__ import annotations

from django.db.models import QuerySet
from django.http import Http404

from propriety.enquiries.access import enquiries_visible_to
from propriety.mail.models import InboundAttachment, InboundMessage
from propriety.people.holders import is_casework_manager
from propriety.people.models import Person


def messages_visible_to(person: Person) -> QuerySet[InboundMessage]:
    messages = InboundMessage.objects.for_council(person.council).select_related(
        "person", "enquiry", "handled_by"
    )
    if is_casework_manager(person):
        return messages
    return messages.filter(enquiry__in=enquiries_visible_to(person))


def access_message_by_id(person: Person, message_id: int) -> InboundMessage:
    message: InboundMessage | None = messages_visible_to(person).filter(pk=message_id).first()
    if message is None:
        raise Http404("No such message.")
    return message


def access_attachment_by_id(person: Person, attachment_id: int) -> InboundAttachment:
    attachment: InboundAttachment | None = (
        InboundAttachment.objects.for_council(person.council)
        .filter(pk=attachment_id, message__in=messages_visible_to(person))
        .select_related("message")
        .first()
    )
    if attachment is None:
        raise Http404("No such attachment.")
    return attachment


def can_handle(person: Person) -> bool:
    """Assign, turn into an enquiry, discard: the Clerk's work."""
    return is_casework_manager(person)
