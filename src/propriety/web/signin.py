"""Sign-in protection around django-axes: tell the person when their account is locked.

django-axes (settings: ``AXES_*`` in settings/base.py, docs/operations.md
"Security settings") records every failed sign-in (``AccessAttempt`` per
email address and address, ``AccessFailureLog`` per failure) and, after
``AXES_FAILURE_LIMIT`` failures for one email address *or* from one network
address, refuses further tries for ``AXES_COOLOFF_TIME`` with a 429 page.
Failures are counted by the email address typed (the username field), so
this works whichever model holds the credentials.

The owner of the email address is told by email when it is locked: if it was
not them, someone is guessing their password.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from propriety.protocol import format_date


def _cooloff_minutes() -> int:
    cooloff = getattr(settings, "AXES_COOLOFF_TIME", None)
    return int(cooloff.total_seconds() // 60) if cooloff is not None else 0


def tell_the_person_they_are_locked_out(
    sender: Any, request: HttpRequest | None, username: str | None, ip_address: str, **_: Any
) -> None:
    """Email whoever has this email address (if anyone) that sign-in is paused."""
    if not username:
        return
    people = get_user_model()._base_manager.filter(email__iexact=username.strip())
    addresses = sorted({p.email for p in people if p.email})
    if not addresses:
        return  # nobody to tell: the address is unknown (and the page says no more)
    from django.utils import timezone

    minutes = _cooloff_minutes()
    body = (
        f"Someone tried to sign in to Propriety as {username} and got the password wrong "
        f"{settings.AXES_FAILURE_LIMIT} times (the last from network address {ip_address}, on "
        f"{format_date(timezone.localdate())}).\n\n"
        f"Signing in as {username} is paused for {minutes} minutes.\n\n"
        "If this was you, wait and try again, or ask your Clerk to set a new password.\n"
        "If it was not you, someone may be guessing your password: tell your Clerk, and "
        "choose a new password when you next sign in.\n"
    )
    send_mail(
        "Propriety: signing in to your account is paused",
        body,
        None,
        addresses,
        fail_silently=True,
    )


def locked_out(request: HttpRequest, credentials: dict[str, Any] | None = None) -> HttpResponse:
    """The page a locked-out sign-in gets (``AXES_LOCKOUT_CALLABLE``): 429, plain English."""
    return render(
        request,
        "registration/locked_out.html",
        {"failure_limit": settings.AXES_FAILURE_LIMIT, "minutes": _cooloff_minutes()},
        status=429,
    )


def connect() -> None:
    """Connect the receiver (called once from ``WebConfig.ready``)."""
    from axes.signals import user_locked_out

    user_locked_out.connect(
        tell_the_person_they_are_locked_out, dispatch_uid="propriety.web.signin.locked_out"
    )
