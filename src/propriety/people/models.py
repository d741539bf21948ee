"""People and the roles they hold, each for a stretch of time."""

from __future__ import annotations

import datetime
import hashlib
from collections.abc import Iterable, Sequence
from typing import Any, ClassVar

from django.contrib.auth.base_user import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.crypto import salted_hmac

from propriety.councils.models import Committee, Council, PartyGroup, Ward
from propriety.councils.tenancy import CouncilOwned, ScopedManager

# Accounts live in their own module; imported here so Django finds the models.
from propriety.people.accounts import (
    Account,
    AccountEvent,
    SetPasswordLink,
    new_security_stamp,
    normalise_email,
)
from propriety.people.operator_two_factor import OperatorDevice
from propriety.people.roles import (
    COMMITTEE_ROLES,
    MAY_NAME_COMMITTEE,
    MEMBER_ROLES,
    PARTY_GROUP_ROLES,
    TERM_ROLES,
    WARD_ROLES,
    Role,
)

__all__ = [
    "Account",
    "AccountEvent",
    "ApiToken",
    "OperatorDevice",
    "Person",
    "RoleAssignment",
    "SetPasswordLink",
    "hash_api_key",
    "new_security_stamp",
]


# Bumped whenever a role assignment is saved or deleted in this process, so
# roles kept by Person.roles_on are never read after a change, whichever
# instance made it.
_role_changes = [0]


def _note_role_change(**_kwargs: Any) -> None:
    _role_changes[0] += 1


class PersonManager(ScopedManager):
    """Scoped like every council-owned manager, plus the lookups Django's own commands use.

    Signing in goes through the :class:`Account` (see ``people.signin``); the
    natural key here is an email address, which may now name a Person in
    several councils, so it finds the most recently used one.
    """

    def get_by_natural_key(self, username: str | None) -> Person:
        person: Person | None = (
            Person.unscoped.filter(email=normalise_email(username or ""))
            .order_by(models.F("last_login").desc(nulls_last=True), "pk")
            .first()
        )
        if person is None:
            raise Person.DoesNotExist("No person has that email address.")
        return person

    def create_superuser(
        self, email: str, password: str | None = None, full_name: str = "", **extra: Any
    ) -> Account:
        """What ``propriety manage createsuperuser`` calls: it makes an operator.

        A Person belongs to one council, and an installation's superuser
        belongs to none, so the command creates an operator account (the same
        as ``propriety operator create``) instead of a Person. Person has no
        password field (the account holds it), so the command never asks for
        one: the password comes from ``DJANGO_SUPERUSER_PASSWORD`` or is set
        with the link printed here.
        """
        import os
        import sys

        from propriety.people.operators import do_create_operator

        password = password or os.environ.get("DJANGO_SUPERUSER_PASSWORD") or None
        account, issued = do_create_operator(
            email=email, full_name=full_name, password=password, acting_account=None
        )
        sys.stdout.write(f"{account.email} is an operator (see `propriety operator create`).\n")
        if issued is not None:
            sys.stdout.write(f"Set the password with this link (it works once):\n{issued.url}\n")
        return account


class Person(AbstractBaseUser, CouncilOwned):
    """Someone's membership of one council: a councillor, an officer, the Monitoring Officer.

    The sign-in (email address and password) is the :class:`Account` behind
    it, shared by every council the same person serves; ``password`` and the
    password methods delegate to it. ``request.user`` is always one council's
    Person, so every tenancy and access rule stays per council.
    """

    account = models.ForeignKey(Account, on_delete=models.PROTECT, related_name="people")
    email = models.EmailField(help_text="The account's email address. Stored in lower case.")
    full_name = models.CharField(max_length=200)
    job_title = models.CharField(
        max_length=200, blank=True, help_text="An officer's job title, e.g. “Facilities Officer”."
    )
    is_active = models.BooleanField(default=True, help_text="Disabled in this council only.")
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
        constraints = (
            models.UniqueConstraint(fields=["council", "email"], name="person_unique_email"),
        )

    def __str__(self) -> str:
        return self.full_name

    # The password is the account's: one password for every council.
    @property
    def password(self) -> str:  # type: ignore[override]
        return self.account.password

    def get_full_name(self) -> str:
        return self.full_name

    def get_short_name(self) -> str:
        return self.full_name

    def _session_hash(self, secret: str | bytes | None) -> str:
        # The account's hash (password and account stamp: every council) and
        # this person's stamp (disabled in this council).
        account = self.account
        return salted_hmac(
            "propriety.people.Person.get_session_auth_hash",
            f"{account.password}\x00{account.security_stamp}\x00{self.security_stamp}",
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
        return self.account.check_password(raw_password)

    def set_password(self, raw_password: str | None) -> None:
        """Set the account's password (every council); saving the account is the caller's."""
        self.account.set_password(raw_password)

    def set_unusable_password(self) -> None:
        self.account.set_password(None)

    def has_usable_password(self) -> bool:
        return self.account.has_usable_password()

    def roles_on(self, day: datetime.date | None = None) -> list[RoleAssignment]:
        """The roles this person holds on ``day`` (today by default).

        Member roles (chair, committee member, ward, Mayor, Leader, cabinet...)
        only count while the person also holds a current councillor or
        co-opted member term: a member's rights end with their term.
        """
        day = day or timezone.localdate()
        # Kept on this instance (request.user lives for one request) per day,
        # and dropped whenever any role assignment is saved or deleted in this
        # process (``forget_roles``, the signal handlers below): one query a
        # request instead of one per question asked of the person's roles.
        key = (day, _role_changes[0])
        cached: dict[tuple[datetime.date, int], list[RoleAssignment]]
        cached = self.__dict__.setdefault("_roles_on", {})
        if key not in cached:
            assignments = self.role_assignments.select_related("committee", "ward", "party_group")
            cached[key] = _held_on(list(assignments), day)
        return list(cached[key])

    @staticmethod
    def prime_roles_on(
        council: Council, people: Iterable[Person], day: datetime.date | None = None
    ) -> None:
        """Read the roles of all of ``people`` (of ``council``) in one query, as
        ``roles_on(day)`` keeps them.

        For pages that name many people with their posts (a list of officers):
        one query instead of one a person.
        """
        day = day or timezone.localdate()
        key = (day, _role_changes[0])
        waiting = {p.pk: p for p in people if key not in p.__dict__.get("_roles_on", {})}
        if not waiting:
            return
        Person.keep_roles(
            waiting.values(),
            RoleAssignment.objects.for_council(council)
            .filter(person_id__in=waiting)
            .select_related("committee", "ward", "party_group"),
            day,
            key,
        )

    @staticmethod
    def keep_roles(
        people: Iterable[Person],
        assignments: Iterable[RoleAssignment],
        day: datetime.date,
        key: tuple[datetime.date, int],
    ) -> None:
        """Keep, as ``roles_on(day)`` would, the roles of ``people`` from every one of
        their ``assignments`` (read before ``key``'s change count was taken)."""
        by_person: dict[int, list[RoleAssignment]] = {p.pk: [] for p in people}
        for r in assignments:
            by_person[r.person_id].append(r)
        for person in people:
            person.__dict__.setdefault("_roles_on", {})[key] = _held_on(by_person[person.pk], day)

    @staticmethod
    def roles_key(day: datetime.date) -> tuple[datetime.date, int]:
        """The key ``roles_on(day)`` keeps roles under now (see ``keep_roles``)."""
        return (day, _role_changes[0])

    def forget_roles(self) -> None:
        """Drop the roles kept by ``roles_on`` (the role actions call this)."""
        self.__dict__.pop("_roles_on", None)

    def is_councillor_on(self, day: datetime.date | None = None) -> bool:
        return any(r.role in TERM_ROLES for r in self.roles_on(day))

    def job_title_on(self, day: datetime.date | None = None) -> str:
        """Their post today as the staffing structure names it ("" for none)."""
        return next((r.job_title for r in self.roles_on(day) if r.job_title), self.job_title)

    def name_and_post(self, day: datetime.date | None = None) -> str:
        """ "Lucy Marsh, Facilities Officer": an officer as a list of officers shows them."""
        title = self.job_title_on(day)
        return f"{self.full_name}, {title}" if title else self.full_name

    @property
    def name_and_title(self) -> str:
        """ "Lucy Marsh, Facilities Officer" where the post is known; else the name."""
        return self.name_and_post()

    def display_name(self, day: datetime.date | None = None) -> str:
        """ "Cllr Jane Smith" for a serving member, the plain name otherwise."""
        return f"Cllr {self.full_name}" if self.is_councillor_on(day) else self.full_name


# The roles' order, once (``Role.values`` builds a new list on every call).
_ROLE_ORDER = {value: i for i, value in enumerate(Role.values)}


def _held_on(assignments: list[RoleAssignment], day: datetime.date) -> list[RoleAssignment]:
    """Of one person's role assignments, those held on ``day``, in the roles' order."""
    current = [r for r in assignments if r.is_current_on(day)]
    has_term = any(r.role in TERM_ROLES for r in current)
    held = [r for r in current if has_term or r.role not in MEMBER_ROLES]
    return sorted(held, key=lambda r: (_ROLE_ORDER[r.role], str(r.body or "")))


class RoleAssignment(CouncilOwned):
    """A person holding a role from ``starts_on`` to ``ends_on`` (inclusive).

    Memberships are role assignments too: a committee member names the
    committee, a ward councillor the ward, a group member the party group.
    One mechanism for every time-bound role.
    """

    # Set by people.actions.do_end_role / do_withdraw_role on the term they were given: the
    # member roles that ended (or were withdrawn) with it. Not a field.
    ended_with_term: Sequence[RoleAssignment] = ()

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
    withdrawn = models.BooleanField(
        default=False,
        help_text="Taken back on or before the day it was to start (a Clerk replaced on their "
        "first day): it ends the day before it starts, so it is held on no day.",
    )
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
            # Days are whole days: a role held on no day (withdrawn) is the one that may end
            # before it starts, and only it (clean() keeps it to the day before).
            models.CheckConstraint(
                condition=(
                    models.Q(withdrawn=False)
                    & (
                        models.Q(ends_on__isnull=True)
                        | models.Q(ends_on__gte=models.F("starts_on"))
                    )
                )
                | models.Q(withdrawn=True, ends_on__lt=models.F("starts_on")),
                name="role_ends_after_it_starts_unless_withdrawn",
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

    @property
    def is_term(self) -> bool:
        """A councillor's or co-opted member's term: its end ends the member roles that need
        it (people/README.md, "When a term ends")."""
        return self.role in TERM_ROLES

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
        if self.withdrawn:
            if self.starts_on and self.ends_on != self.starts_on - datetime.timedelta(days=1):
                errors["ends_on"] = "A withdrawn role ends the day before it starts."
        elif self.ends_on is not None and self.starts_on and self.ends_on < self.starts_on:
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
    # Every token ends: a forgotten one stops working by itself (EXPIRY_CHOICES).
    expires_at = models.DateTimeField(null=True, blank=True)
    # When it was last used (to the nearest LAST_USED_EVERY), so unused ones can be revoked.
    last_used_at = models.DateTimeField(null=True, blank=True)
    # A read-only token may look (GET) but never change anything.
    read_only = models.BooleanField(default=False)

    EXPIRY_CHOICES = ((30, "30 days"), (90, "90 days"), (365, "1 year"))
    DEFAULT_EXPIRY_DAYS = 90
    LAST_USED_EVERY = datetime.timedelta(minutes=15)

    class Meta(CouncilOwned.Meta):
        ordering = ("-created_at", "-pk")

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    @property
    def is_revoked(self) -> bool:
        return self.revoked_at is not None

    def is_expired(self, now: datetime.datetime | None = None) -> bool:
        return self.expires_at is not None and self.expires_at <= (now or timezone.now())

    def works(self, now: datetime.datetime | None = None) -> bool:
        return not self.is_revoked and not self.is_expired(now)

    def clean(self) -> None:
        if self.person_id and self.person.council_id != self.council_id:
            raise ValidationError({"person": "That person belongs to another council."})


models.signals.post_save.connect(_note_role_change, sender=RoleAssignment)
models.signals.post_delete.connect(_note_role_change, sender=RoleAssignment)
