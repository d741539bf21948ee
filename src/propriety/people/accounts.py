"""Accounts: one per email address, across every council on the installation.

A :class:`~propriety.people.models.Person` is someone's membership of one
council (their roles, their casework there); an :class:`Account` is the
sign-in behind it: the email address, the password, and whether the holder is
an *operator* (someone who runs the installation and sets up councils without
reading their casework). One account may hold a Person in many councils; an
operator may hold none.

Accounts are not council-owned, so their changes are recorded in the small
global log :class:`AccountEvent` rather than a council's audit trail.
"""

from __future__ import annotations

import hashlib
import secrets
from collections.abc import Iterator, Mapping
from typing import Any

from django.conf import settings
from django.contrib.auth.hashers import check_password, is_password_usable, make_password
from django.db import models, transaction
from django.utils import timezone
from django.utils.crypto import salted_hmac


def new_security_stamp() -> str:
    return secrets.token_hex(16)


def normalise_email(email: str) -> str:
    return (email or "").strip().lower()


class Account(models.Model):
    """The sign-in: one email address and password for every council its holder serves."""

    email = models.EmailField(unique=True, help_text="Used to sign in. Stored in lower case.")
    full_name = models.CharField(
        max_length=200, blank=True, help_text="For operators; each council keeps its own name."
    )
    password = models.CharField(max_length=128)
    is_active = models.BooleanField(default=True)
    is_operator = models.BooleanField(
        default=False, help_text="May set up councils and their Clerks (never their casework)."
    )
    # Part of every session hash: changing it ends the account's sessions in
    # every council at once.
    security_stamp = models.CharField(max_length=64, default=new_security_stamp, editable=False)
    last_login = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ("email",)

    def __str__(self) -> str:
        return self.full_name or self.email

    def set_password(self, raw_password: str | None) -> None:
        """Hash a new password (None makes it unusable). The caller saves."""
        self.password = make_password(raw_password)

    def has_usable_password(self) -> bool:
        return is_password_usable(self.password)

    def check_password(self, raw_password: str | None) -> bool:
        """Check a password; when the hasher has changed, rehash it and log that."""

        def setter(raw: str | None) -> None:
            with transaction.atomic():
                self.set_password(raw)
                self.save(update_fields=["password"])
                log_account_event("account.password_rehashed", account=self, actor=self)

        return check_password(raw_password, self.password, setter)

    def session_hash(self, secret: str | bytes | None = None) -> str:
        """Changes whenever the password or the stamp does: sessions built on it end."""
        return salted_hmac(
            "propriety.people.Account.session_hash",
            f"{self.password}\x00{self.security_stamp}",
            secret=secret,
            algorithm="sha256",
        ).hexdigest()

    def session_hashes(self) -> Iterator[str]:
        """The current hash, then those under SECRET_KEY_FALLBACKS (key rotation)."""
        yield self.session_hash(None)
        for fallback_secret in settings.SECRET_KEY_FALLBACKS:
            yield self.session_hash(fallback_secret)


class AccountEventQuerySet(models.QuerySet["AccountEvent"]):
    def update(self, **kwargs: Any) -> int:
        raise RuntimeError("Account events are append-only: record a new event instead.")

    def delete(self) -> tuple[int, dict[str, int]]:
        raise RuntimeError("Account events are append-only and are never deleted.")


class AccountEvent(models.Model):
    """The installation's own log: what happened to an account, outside any council.

    Operators created, passwords set, changed or reset, operators signing in.
    What an operator does *to a council* goes in that council's audit trail
    instead, naming the operator in the event's details.
    """

    occurred_at = models.DateTimeField(auto_now_add=True, db_index=True)
    action = models.CharField(max_length=100, help_text='e.g. "operator.created"')
    account = models.ForeignKey(
        Account, on_delete=models.PROTECT, null=True, blank=True, related_name="events"
    )
    actor = models.ForeignKey(
        Account,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text="Blank for the command line and system work.",
    )
    details = models.JSONField(default=dict, blank=True)

    objects = AccountEventQuerySet.as_manager()

    class Meta:
        ordering = ("occurred_at", "pk")

    def __str__(self) -> str:
        return f"{self.action} {self.account or ''}".strip()

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None:
            raise RuntimeError("Account events are append-only: record a new event instead.")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise RuntimeError("Account events are append-only and are never deleted.")


def log_account_event(
    action: str,
    *,
    account: Account | None,
    actor: Account | None,
    details: Mapping[str, Any] | None = None,
) -> AccountEvent:
    return AccountEvent.objects.create(
        action=action, account=account, actor=actor, details=dict(details or {})
    )


def hash_link_token(token: str) -> str:
    """All the database keeps of a set-password link: the SHA-256 of its 256-bit token."""
    return hashlib.sha256(token.encode()).hexdigest()


class SetPasswordLink(models.Model):
    """A single-use, expiring link that lets an account's holder set a password.

    Sent as an invitation (a new Clerk, a new operator, someone added to a
    council) or on "Forgotten your password?". Only the token's hash is kept,
    so a link cannot be rebuilt from the database, and a changed character
    matches nothing. A link closes when used, when a newer link for the same
    account is sent, or when the password is set some other way.
    """

    class Purpose(models.TextChoices):
        INVITATION = "invitation", "Invitation"
        RESET = "reset", "Password reset"

    account = models.ForeignKey(Account, on_delete=models.PROTECT, related_name="password_links")
    # The membership the invitation is for, to name the council in the email
    # and on the page; blank for operators and for resets.
    person = models.ForeignKey(
        "people.Person", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    purpose = models.CharField(max_length=20, choices=Purpose.choices)
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    expires_at = models.DateTimeField()
    closed_at = models.DateTimeField(null=True, blank=True)
    closed_because = models.CharField(max_length=40, blank=True)

    class Meta:
        ordering = ("-created_at", "-pk")

    def __str__(self) -> str:
        return f"{self.get_purpose_display()} for {self.account.email}"

    def is_open(self) -> bool:
        return self.closed_at is None and timezone.now() < self.expires_at
