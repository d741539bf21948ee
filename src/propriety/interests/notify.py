"""Emails about the register and panels, sent after the change commits. They say that
something was recorded and where, never what a declaration says: only the declarer,
the Clerk and the Monitoring Officer may read it, on its page."""

from __future__ import annotations

from collections.abc import Iterable

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction

from propriety.people.models import Person


def send(people: Iterable[Person], subject: str, body: str) -> None:
    """Email ``people`` once the current transaction commits."""
    to = sorted({p.email for p in people if p.email and p.is_active})
    if not to:
        return

    def _send() -> None:
        send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, to, fail_silently=False)

    transaction.on_commit(_send)


def link(path: str) -> str:
    return f"{getattr(settings, 'PROPRIETY_BASE_URL', '').rstrip('/')}{path}"
