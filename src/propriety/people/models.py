"""People and the roles they hold, each for a stretch of time."""

from __future__ import annotations

import datetime
import hashlib
import secrets
from typing import Any, ClassVar

from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.auth.hashers import check_password
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.crypto import salted_hmac

from propriety.audit.recording import recording
from propriety.councils.models import Committee, PartyGroup, Ward
from propriety.councils.tenancy import CouncilOwned, ScopedManager
from propriety.people.roles import (
    COMMITTEE_ROLES,
    MAY_NAME_COMMITTEE,
    MEMBER_ROLES,
    PARTY_GROUP_ROLES,
    TERM_ROLES,
    WARD_ROLES,
    Role,
)


def new_security_stamp() -> str:
    return secrets.token_hex(16)


class PersonManager(ScopedManager):
    """Scoped like every council-owned manager, plus the sign-in lookup.

    Signing in happens before anyone knows the council, and email addresses
    are unique across councils, so the lookup by email is the one scoped-out
    read a person's own credentials justify.
    """

    def get_by_natural_key(self, username: str | None) -> Person:
        person: Person = Person.unscoped.get(email=(username or "").strip().lower())
        return person


class Person(AbstractBaseUser, CouncilOwned):
    """Someone who signs in: a councillor, an officer, the Monitoring Officer."""

    email = models.EmailField(unique=True, help_text="Used to sign in. Stored in lower case.")
    full_name = models.CharField(max_length=200)
    is_active = models.BooleanField(default=True)
    # Part of the session hash: changing it ends every session of this person
    # at once (disabling, "sign out everywhere").
    security_stamp = models.CharField(max_length=64, default=new_security_stamp, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = PersonManager()  # type: ignore[misc]

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS: ClassVar[list[str]] = ["full_name"]

    class Meta(CouncilOwned.Meta):
        ordering = ("full_name",)

    def __str__(self) -> str:
        return self.full_name

    def get_full_name(self) -> str:
        return self.full_name

    def get_short_name(self) -> str:
        return self.full_name

    def _session_hash(self, secret: str | bytes | None) -> str:
        return salted_hmac(
            "propriety.people.Person.get_session_auth_hash",
            f"{self.password}\x00{self.security_stamp}",
            secret=secret,
            algorithm="sha256",
        ).hexdigest()

    def get_session_auth_hash(self) -> str:
        return self._session_hash(None)

    def get_session_auth_fallback_hash(self) -> Any:
        from django.conf import settings

        for fallback_secret in settings.SECRET_KEY_FALLBACKS:
            yield self._session_hash(fallback_secret)

    def check_password(self, raw_password: str | None) -> bool:
        """Check a password; when the hasher has changed, rehash it as an audited write."""

        def setter(raw: str | None) -> None:
            self.set_password(raw)
            with recording(
                council=self.council, actor=self, action="person.password_rehashed", obj=self
            ):
                self.save(update_fields=["password"])

        return check_password(raw_password, self.password, setter)

    def roles_on(self, day: datetime.date | None = None) -> list[RoleAssignment]:
        """The roles this person holds on ``day`` (today by default).

        Member roles (chair, committee member, ward, Mayor, Leader, cabinet...)
        only count while the person also holds a current councillor or
        co-opted member term: a member's rights end with their term.
        """
        day = day or timezone.localdate()
        current = [
            r
            for r in self.role_assignments.select_related("committee", "ward", "party_group")
            if r.is_current_on(day)
        ]
        has_term = any(r.role in TERM_ROLES for r in current)
        held = [r for r in current if has_term or r.role not in MEMBER_ROLES]
        order = {value: i for i, value in enumerate(Role.values)}
        return sorted(held, key=lambda r: (order[r.role], str(r.body or "")))

    def is_councillor_on(self, day: datetime.date | None = None) -> bool:
        return any(r.role in TERM_ROLES for r in self.roles_on(day))

    def job_title_on(self, day: datetime.date | None = None) -> str:
        """Their post today as the staffing structure names it ("" for none)."""
        return next((r.job_title for r in self.roles_on(day) if r.job_title), "")

    def name_and_post(self, day: datetime.date | None = None) -> str:
        """ "Lucy Marsh (Facilities Officer)": an officer as a list of officers shows them."""
        title = self.job_title_on(day)
        return f"{self.full_name} ({title})" if title else self.full_name

    def display_name(self, day: datetime.date | None = None) -> str:
        """ "Cllr Jane Smith" for a serving member, the plain name otherwise."""
        return f"Cllr {self.full_name}" if self.is_councillor_on(day) else self.full_name


class RoleAssignment(CouncilOwned):
    """A person holding a role from ``starts_on`` to ``ends_on`` (inclusive).

    Memberships are role assignments too: a committee member names the
    committee, a ward councillor the ward, a group member the party group.
    One mechanism for every time-bound role.
    """

    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="role_assignments")
    role = models.CharField(max_length=40, choices=Role.choices)
    committee = models.ForeignKey(
        Committee, on_delete=models.PROTECT, null=True, blank=True, related_name="memberships"
    )
    ward = models.ForeignKey(
        Ward, on_delete=models.PROTECT, null=True, blank=True, related_name="memberships"
    )
    party_group = models.ForeignKey(
        PartyGroup, on_delete=models.PROTECT, null=True, blank=True, related_name="memberships"
    )
    starts_on = models.DateField()
    ends_on = models.DateField(null=True, blank=True, help_text="Last day held; blank if open.")
    cabinet_portfolio = models.CharField(max_length=200, blank=True)
    delegated_authority = models.TextField(blank=True)
    # An officer's post, as the staffing structure names it ("Deputy Town Clerk",
    # "Head of Planning"), and who manages them in it.
    job_title = models.CharField(max_length=200, blank=True)
    line_manager = models.ForeignKey(
        "Person", on_delete=models.PROTECT, null=True, blank=True, related_name="managed_roles"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta(CouncilOwned.Meta):
        ordering = ("starts_on", "pk")
        constraints = (
            models.CheckConstraint(
                condition=models.Q(ends_on__isnull=True)
                | models.Q(ends_on__gte=models.F("starts_on")),
                name="role_ends_after_it_starts",
            ),
        )

    def __str__(self) -> str:
        body = self.body
        label = self.get_role_display()
        return f"{label}, {body}" if body else label

    @property
    def body(self) -> Committee | Ward | PartyGroup | None:
        """The committee, ward or party group the role is held in, if any."""
        return self.committee or self.ward or self.party_group

    def is_current_on(self, day: datetime.date) -> bool:
        return self.starts_on <= day and (self.ends_on is None or day <= self.ends_on)

    def clean(self) -> None:
        errors: dict[str, str] = {}
        label = Role(self.role).label if self.role in Role.values else self.role
        if self.role in COMMITTEE_ROLES and self.committee_id is None:
            errors["committee"] = f"Choose the committee: a {label.lower()} sits on a committee."
        if self.committee_id is not None and self.role not in MAY_NAME_COMMITTEE:
            errors["committee"] = f"A {label.lower()} is not held in a committee: leave it blank."
        if self.role in WARD_ROLES and self.ward_id is None:
            errors["ward"] = "Choose the ward this councillor represents."
        if self.ward_id is not None and self.role not in WARD_ROLES:
            errors["ward"] = f"A {label.lower()} is not held in a ward: leave it blank."
        if self.role in PARTY_GROUP_ROLES and self.party_group_id is None:
            errors["party_group"] = "Choose the party group."
        if self.party_group_id is not None and self.role not in PARTY_GROUP_ROLES:
            errors["party_group"] = (
                f"A {label.lower()} is not held in a party group: leave it blank."
            )
        if self.ends_on is not None and self.starts_on and self.ends_on < self.starts_on:
            errors["ends_on"] = "The role cannot end before it starts."
        if self.line_manager_id is not None and self.line_manager_id == self.person_id:
            errors["line_manager"] = "A person cannot be their own line manager."
        for name in ("person", "committee", "ward", "party_group", "line_manager"):
            related = getattr(self, name) if getattr(self, f"{name}_id") else None
            if related is not None and related.council_id != self.council_id:
                errors[name] = f"That {name.replace('_', ' ')} belongs to another council."
        if errors:
            raise ValidationError(errors)


API_KEY_PREFIX = "prp_"


def hash_api_key(key: str) -> str:
    """The SHA-256 hex digest of a raw API key: all the database ever holds of it.

    The key is 256 random bits, so a plain (unsalted, fast) hash is enough:
    there is nothing to guess, and looking a key up by its hash needs the hash
    to be deterministic.
    """
    return hashlib.sha256(key.encode()).hexdigest()


class ApiToken(CouncilOwned):
    """A personal key for the JSON API. It acts as its person, with their roles.

    Only the key's hash is stored; the key itself is shown once, when the
    token is created. ``prefix`` (the key's first characters) lets a person
    tell their tokens apart without revealing them.
    """

    PREFIX_LENGTH = 8

    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="api_tokens")
    name = models.CharField(max_length=100, help_text="What the token is for, e.g. “Casework app”.")
    key_hash = models.CharField(max_length=64, unique=True, editable=False)
    prefix = models.CharField(max_length=PREFIX_LENGTH, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta(CouncilOwned.Meta):
        ordering = ("-created_at", "-pk")

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    @property
    def is_revoked(self) -> bool:
        return self.revoked_at is not None

    def clean(self) -> None:
        if self.person_id and self.person.council_id != self.council_id:
            raise ValidationError({"person": "That person belongs to another council."})
