"""Set-password links: invitations, "Forgotten your password?", and changing a password.

A link is ``{PROPRIETY_BASE_URL}/account/set-password/<token>/``: the token is
256 random bits, only its SHA-256 is stored (:class:`SetPasswordLink`), it
expires (``PROPRIETY_INVITATION_DAYS``, 7 by default, for invitations;
``PROPRIETY_PASSWORD_RESET_HOURS``, 24, for resets) and works once.
"""

from __future__ import annotations

import datetime
import secrets
from dataclasses import dataclass
from typing import Any, cast

from django.conf import settings
from django.contrib.auth import password_validation
from django.core.mail import EmailMessage
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from propriety.audit.recording import recording
from propriety.councils.locking import locked
from propriety.councils.models import Council
from propriety.mail.notify import COUNCIL_HEADER
from propriety.people.accounts import (
    Account,
    SetPasswordLink,
    hash_link_token,
    log_account_event,
    new_security_stamp,
    normalise_email,
)
from propriety.people.models import Person
from propriety.protocol import long_date

DEFAULT_INVITATION_DAYS = 7
DEFAULT_RESET_HOURS = 24


@dataclass(frozen=True)
class IssuedLink:
    """A link just made: the row, and the URL (holding the raw token, shown this once)."""

    link: SetPasswordLink
    url: str

    @property
    def expires_at(self) -> datetime.datetime:
        return self.link.expires_at


def base_url() -> str:
    return str(getattr(settings, "PROPRIETY_BASE_URL", "")).rstrip("/")


def _lifetime(purpose: str) -> datetime.timedelta:
    if purpose == SetPasswordLink.Purpose.INVITATION:
        days = getattr(settings, "PROPRIETY_INVITATION_DAYS", DEFAULT_INVITATION_DAYS)
        return datetime.timedelta(days=int(days))
    hours = getattr(settings, "PROPRIETY_PASSWORD_RESET_HOURS", DEFAULT_RESET_HOURS)
    return datetime.timedelta(hours=int(hours))


def _close_open_links(account: Account, because: str) -> None:
    SetPasswordLink.objects.filter(account=account, closed_at__isnull=True).update(
        closed_at=timezone.now(), closed_because=because
    )


def issue_link(account: Account, *, purpose: str, person: Person | None = None) -> IssuedLink:
    """Make a new link for the account, closing any it had (only the newest works)."""
    token = secrets.token_urlsafe(32)
    now = timezone.now()
    with transaction.atomic():
        _close_open_links(account, "replaced")
        link = SetPasswordLink.objects.create(
            account=account,
            person=person,
            purpose=purpose,
            token_hash=hash_link_token(token),
            created_at=now,
            expires_at=now + _lifetime(purpose),
        )
    url = base_url() + reverse("accounts:set_password", kwargs={"token": token})
    return IssuedLink(link=link, url=url)


def find_open_link(token: str) -> SetPasswordLink | None:
    """The open link with this token, or None (unknown, altered, used, replaced or expired)."""
    if not token or len(token) > 100:
        return None
    link: SetPasswordLink | None = (
        SetPasswordLink.objects.select_related("account", "person", "person__council")
        .filter(token_hash=hash_link_token(token))
        .first()
    )
    if link is None or not link.is_open() or not link.account.is_active:
        return None
    return link


def _operator_ref(operator: Account | None) -> dict[str, object]:
    return {"operator": {"account": operator.pk, "email": operator.email}} if operator else {}


def _send(to: str, subject: str, lines: list[str], *, council: Council | None = None) -> None:
    """One plain message; about a council, tagged with it (mail.notify.COUNCIL_HEADER)."""
    headers = {COUNCIL_HEADER: str(council.pk)} if council is not None else {}
    EmailMessage(subject, "\n".join(lines) + "\n", None, [to], headers=headers).send()


def _long(moment: datetime.datetime) -> str:
    local = timezone.localtime(moment)
    return f"{local:%H:%M} on {long_date(local.date())}"


def do_invite_person(
    person: Person, *, acting_user: Person | None, operator: Account | None = None
) -> IssuedLink:
    """Email a person a single-use link to set their password and sign in; the same to re-invite.

    Any earlier link for the account stops working. Recorded in the person's
    council; an operator acting is named in the event's details. The account is
    locked first, so of two invitations at once the later closes the earlier's link.
    """
    with (
        locked(person.account),
        recording(
            council=person.council, actor=acting_user, action="person.invited", obj=person
        ) as rec,
    ):
        issued = issue_link(
            person.account, purpose=SetPasswordLink.Purpose.INVITATION, person=person
        )
        rec.details = {
            "link": issued.link.pk,
            "expires_at": issued.expires_at.isoformat(),
            **_operator_ref(operator),
        }
        has_password = person.account.has_usable_password()
        lines = [
            f"Dear {person.full_name},",
            "",
            f"You have been added to {person.council.name} on Propriety, which runs the "
            "council's councillor–officer protocol.",
            "",
        ]
        if has_password:
            lines += [
                "You already have a Propriety account: sign in with your email address and "
                "your usual password, and choose the council at the top of the page. "
                "Or set a new password here:",
            ]
        else:
            lines += ["Set your password here, then sign in with this email address:"]
        lines += [
            "",
            issued.url,
            "",
            f"The link works once and stops working at {_long(issued.expires_at)}. "
            "If it has expired, ask whoever invited you to send another.",
        ]
        transaction.on_commit(
            lambda: _send(
                person.email,
                f"Your invitation to {person.council.name}",
                lines,
                council=person.council,
            )
        )
    return issued


def do_invite_operator(account: Account, *, acting_account: Account | None) -> IssuedLink:
    """Email an operator a link to set their password (logged in the installation's log)."""
    with locked(account):  # the account's earlier links are closed: one open link at a time
        issued = issue_link(account, purpose=SetPasswordLink.Purpose.INVITATION)
        log_account_event(
            "operator.invited",
            account=account,
            actor=acting_account,
            details={"link": issued.link.pk, "expires_at": issued.expires_at.isoformat()},
        )
        lines = [
            "You have been made an operator of this Propriety installation: you can set up "
            "councils and their Clerks.",
            "",
            "Set your password here, then sign in with this email address:",
            "",
            issued.url,
            "",
            f"The link works once and stops working at {_long(issued.expires_at)}.",
        ]
        transaction.on_commit(
            lambda: _send(account.email, "Your Propriety operator account", lines)
        )
    return issued


def do_request_password_reset(email: str) -> None:
    """Email a reset link if an active account has this address; otherwise do nothing.

    The caller always says the same thing afterwards, so nobody can learn
    from the page whether an address has an account.
    """
    account = Account.objects.filter(email=normalise_email(email), is_active=True).first()
    if account is None:
        return
    with locked(account):  # the account's earlier links are closed: one open link at a time
        if not account.is_active:  # disabled a moment ago
            return
        issued = issue_link(account, purpose=SetPasswordLink.Purpose.RESET)
        log_account_event(
            "account.password_reset_requested",
            account=account,
            actor=None,
            details={"link": issued.link.pk},
        )
        lines = [
            "Someone asked to reset the password of the Propriety account with this email "
            "address. If it was you, choose a new password here:",
            "",
            issued.url,
            "",
            f"The link works once and stops working at {_long(issued.expires_at)}. "
            "If you did not ask, ignore this email: your password has not changed.",
        ]
        transaction.on_commit(lambda: _send(account.email, "Reset your Propriety password", lines))


def _set_password(
    account: Account, raw_password: str, *, action: str, details: dict[str, Any]
) -> None:
    """Save a new password, end every session the account has, close its links, log it."""
    account.set_password(raw_password)
    account.security_stamp = new_security_stamp()
    account.save(update_fields=["password", "security_stamp"])
    _close_open_links(account, "password set")
    log_account_event(action, account=account, actor=account, details=details)
    password_validation.password_changed(raw_password, cast(Any, account))


def do_set_password_from_link(link: SetPasswordLink, raw_password: str) -> Account:
    """Use a link: set the password, and close this link and every other one of the account."""
    with transaction.atomic():
        # Re-read under a lock: two submissions of the same link, one wins.
        fresh = SetPasswordLink.objects.select_for_update().get(pk=link.pk)
        if not fresh.is_open():
            raise LinkClosedError("This link has already been used or has expired.")
        account = Account.objects.select_for_update().get(pk=link.account_id)
        fresh.closed_at = timezone.now()
        fresh.closed_because = "used"
        fresh.save(update_fields=["closed_at", "closed_because"])
        _set_password(
            account,
            raw_password,
            action="account.password_set",
            details={"link": fresh.pk, "purpose": fresh.purpose},
        )
        if fresh.person_id is not None:
            person = fresh.person
            assert person is not None
            with recording(
                council=person.council,
                actor=person,
                action="person.invitation_accepted",
                obj=person,
                details={"link": fresh.pk},
            ):
                pass
    return account


def do_change_password(account: Account, raw_password: str) -> Account:
    """A signed-in person's new password: every other session of theirs ends."""
    with transaction.atomic():
        locked = Account.objects.select_for_update().get(pk=account.pk)
        _set_password(locked, raw_password, action="account.password_changed", details={})
    account.refresh_from_db()
    return account


class LinkClosedError(Exception):
    """The link was used, replaced or expired between showing the form and sending it."""
