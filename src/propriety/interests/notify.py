"""Emails about the register and panels, sent after the change commits. They say that
something was recorded and where, never what a declaration says: only the declarer,
the Clerk and the Monitoring Officer may read it, on its page."""

from __future__ import annotations

from collections.abc import Iterable

from django.conf import settings

from propriety.mail.notify import council_of, send_after_commit
from propriety.people.models import Person


def send(people: Iterable[Person], subject: str, body: str) -> None:
    """Email ``people`` once the current transaction commits (mail/notify.py: tagged
    with their council, sent with the loop header every notification carries)."""
    people = list(people)
    send_after_commit(
        (p.email for p in people if p.email and p.is_active),
        subject,
        body,
        council=council_of(people),
    )


def link(path: str) -> str:
    return f"{getattr(settings, 'PROPRIETY_BASE_URL', '').rstrip('/')}{path}"
