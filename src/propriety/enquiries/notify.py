"""Emails about enquiries. Sent after the change commits, so a rolled-back
action never emails anyone; the backend is Django's (console by default,
SMTP when the settings say so)."""

from __future__ import annotations

from collections.abc import Iterable

from django.conf import settings

from propriety.enquiries.models import Enquiry
from propriety.mail.notify import council_of, send_after_commit
from propriety.people.holders import holders_of
from propriety.people.models import Person
from propriety.protocol import format_date


def send(
    people: Iterable[Person], subject: str, body: str, *, enquiry: Enquiry | None = None
) -> None:
    """Email ``people`` once the current transaction commits.

    About an enquiry, the message carries its reference and reply address
    (mail/notify.py), so a reply by email lands in the case.
    """
    people = list(people)
    send_after_commit(
        (p.email for p in people if p.email and p.is_active),
        subject,
        body,
        council=enquiry.council if enquiry is not None else council_of(people),
        enquiry_id=enquiry.pk if enquiry is not None else None,
    )


def _footer(enquiry: Enquiry) -> str:
    return (
        f"\n\nEnquiry {enquiry.reference}: {enquiry.subject}\n"
        f"{getattr(settings, 'PROPRIETY_BASE_URL', '').rstrip('/')}/enquiries/{enquiry.pk}/\n"
    )


def _clerks(enquiry: Enquiry) -> list[Person]:
    return holders_of(enquiry.council, "proper_officer")


def enquiry_arrived(enquiry: Enquiry) -> None:
    people = [enquiry.officer] if enquiry.officer else _clerks(enquiry)
    send(
        people,
        f"New enquiry from {enquiry.member.full_name}: {enquiry.subject}",
        f"{enquiry.member.full_name} has sent an enquiry. It is due to be answered by "
        f"{format_date(enquiry.respond_due)}." + _footer(enquiry),
        enquiry=enquiry,
    )


def enquiry_allocated(enquiry: Enquiry) -> None:
    if enquiry.officer is None:
        return
    send(
        [enquiry.officer],
        f"Enquiry allocated to you: {enquiry.subject}",
        f"The Clerk has allocated this enquiry to you (priority: "
        f"{enquiry.get_priority_display().lower()}). Answer due by "
        f"{format_date(enquiry.respond_due)}." + _footer(enquiry),
        enquiry=enquiry,
    )


def clarification_requested(enquiry: Enquiry) -> None:
    send(
        [enquiry.member],
        f"Please clarify your enquiry: {enquiry.subject}",
        f"The officer needs you to clarify:\n\n{enquiry.clarification_question}\n\n"
        "The clock on your enquiry is paused until you reply." + _footer(enquiry),
        enquiry=enquiry,
    )


def clarified(enquiry: Enquiry) -> None:
    people = [enquiry.officer] if enquiry.officer else _clerks(enquiry)
    send(
        people,
        f"The councillor has clarified: {enquiry.subject}",
        f"The councillor has replied. The answer is now due by "
        f"{format_date(enquiry.respond_due)}." + _footer(enquiry),
        enquiry=enquiry,
    )


def answered(enquiry: Enquiry) -> None:
    until = format_date(enquiry.follow_up_until) if enquiry.follow_up_until else ""
    send(
        [enquiry.member],
        f"Your enquiry has been answered: {enquiry.subject}",
        f"{enquiry.answer}\n\nYou can tell us whether this answered your question, or follow "
        f"it up, until {until}." + _footer(enquiry),
        enquiry=enquiry,
    )


def reopened(enquiry: Enquiry) -> None:
    people = [enquiry.officer] if enquiry.officer else _clerks(enquiry)
    send(
        people,
        f"Answer did not answer the question: {enquiry.subject}",
        f"The councillor says the answer did not answer the question:\n\n"
        f"{enquiry.member_feedback}" + _footer(enquiry),
        enquiry=enquiry,
    )
