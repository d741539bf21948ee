"""Sign-in protection around django-axes: tell the person when their account is locked.

django-axes (settings: ``AXES_*`` in settings/base.py, docs/operations.md
"Security settings") records every failed sign-in (``AccessAttempt`` per
email address and address, ``AccessFailureLog`` per failure) and, after
``AXES_FAILURE_LIMIT`` failures for one email address *or* from one network
address, refuses further tries for ``AXES_COOLOFF_TIME`` with a 429 page.
Failures are counted by the email address typed (the username field), so
this works whichever model holds the credentials.

The owner of the email address is told by email when it is locked: if it was
not them, someone is guessing their password. Each failure and each lockout
is also recorded in the trail of every council the account serves
(``people.sign_in_record``, which says what is recorded where and how a storm
of tries is kept from flooding it).
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.mail import send_mail
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from propriety.people.accounts import Account, normalise_email
from propriety.people.sign_in_record import do_record_failed_sign_in, do_record_sign_in_paused
from propriety.protocol import format_date


def _cooloff_minutes() -> int:
    cooloff = getattr(settings, "AXES_COOLOFF_TIME", None)
    return int(cooloff.total_seconds() // 60) if cooloff is not None else 0


def _user_agent(request: HttpRequest | None) -> str:
    if request is None:
        return ""
    return str(getattr(request, "axes_user_agent", None) or request.META.get("HTTP_USER_AGENT", ""))


def _address(request: HttpRequest | None) -> str:
    if request is None:
        return ""
    return str(getattr(request, "axes_ip_address", None) or request.META.get("REMOTE_ADDR", ""))


def record_the_failure(
    sender: Any, credentials: dict[str, Any], request: HttpRequest | None = None, **_: Any
) -> None:
    """A failed sign-in, in the trail of each council the account serves (within the
    day's allowance: ``people.sign_in_record``). Only the email address typed is read
    from the credentials, never the password."""
    email = str(credentials.get("username") or "")
    if not email:
        return
    do_record_failed_sign_in(
        email,
        address=_address(request),
        user_agent=_user_agent(request),
        failures=getattr(request, "axes_failures_since_start", None),
        acting_user=None,
    )


def tell_the_person_they_are_locked_out(
    sender: Any, request: HttpRequest | None, username: str | None, ip_address: str, **_: Any
) -> None:
    """Record the pause in the account's councils' trails and email the account's holder.

    django-axes says "locked out" again on every try while the pause lasts; the record
    (and so the email) is made once a day at most, so a storm sends one email."""
    if not username:
        return
    if not do_record_sign_in_paused(
        username, address=ip_address, user_agent=_user_agent(request), acting_user=None
    ):
        return  # unknown address (nobody to tell), or already told today
    account = Account.objects.get(email=normalise_email(username))
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
        [account.email],
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
    from django.contrib.auth.signals import user_login_failed

    user_locked_out.connect(
        tell_the_person_they_are_locked_out, dispatch_uid="propriety.web.signin.locked_out"
    )
    user_login_failed.connect(record_the_failure, dispatch_uid="propriety.web.signin.failed")
