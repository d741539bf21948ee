"""Operators: whoever runs the installation sets up councils and their Clerks.

An operator never reads a council's casework: operator pages use
``request.account``, never ``request.user``, and show only the council's
settings and its Clerks. What an operator does to a council is recorded in
that council's audit trail with the operator named in the event's details;
what they do outside any council (creating another operator) goes in the
installation's own log, :class:`~propriety.people.accounts.AccountEvent`.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.text import slugify

from propriety.audit.recording import recording
from propriety.councils.actions import do_create_council, do_set_two_factor_requirement
from propriety.councils.locking import locked, locks_row
from propriety.councils.models import Council
from propriety.people.accounts import Account, log_account_event, normalise_email
from propriety.people.actions import (
    do_assign_role,
    do_create_person,
    do_end_role,
    do_withdraw_role,
)
from propriety.people.invitations import IssuedLink, do_invite_operator, do_invite_person
from propriety.people.models import Person, RoleAssignment
from propriety.people.roles import Role
from propriety.protocol import concrete_rulebook_names, rulebook_names

# The role a Clerk is given when a council is set up (the Proper Officer).
CLERK_ROLE = Role.PROPER_OFFICER


def operator_details(operator: Account | None, via: str = "") -> dict[str, Any]:
    """What a council's audit event says about the operator who acted."""
    if operator is not None:
        return {"operator": {"account": operator.pk, "email": operator.email}}
    return {"operator": {"via": via or "command line"}}


def do_create_operator(
    *,
    email: str,
    full_name: str = "",
    password: str | None = None,
    acting_account: Account | None,
) -> tuple[Account, IssuedLink | None]:
    """Make (or promote) an operator account; without a password, invite them to set one.

    Run again for someone already an operator, it sets the name or password given, or
    sends a new set-password link while they have none (the old link stops working). Two
    runs for the same person at the same moment make one operator: the later is refused,
    having changed nothing, rather than promoting them twice or failing on the database's
    unique email (its first look, before the lock, tells the two cases apart).
    """
    email = normalise_email(email)
    already = Account.objects.filter(email=email, is_operator=True).exists()
    try:
        with transaction.atomic():
            account = Account.objects.select_for_update().filter(email=email).first()
            if account is not None and account.is_operator and not already:
                raise _made_a_moment_ago(email)
            return _make_operator(account, email, full_name.strip(), password, acting_account)
    except IntegrityError:
        # The other run inserted the account between our look and our write.
        if not Account.objects.filter(email=email, is_operator=True).exists():
            raise
        raise _made_a_moment_ago(email) from None


def _made_a_moment_ago(email: str) -> ValidationError:
    return ValidationError(
        {
            "email": f"{email} was made an operator a moment ago, by another run at the same "
            "time, so this one changed nothing."
        }
    )


def _make_operator(
    account: Account | None,
    email: str,
    full_name: str,
    password: str | None,
    acting_account: Account | None,
) -> tuple[Account, IssuedLink | None]:
    """The write itself, inside do_create_operator's transaction, with the account locked."""
    action = (
        "operator.updated" if account is not None and account.is_operator else "operator.promoted"
    )
    if account is None:
        account, action = Account(email=email, full_name=full_name), "operator.created"
        account.set_password(password)  # None: unusable until they follow the link
    elif password is not None:
        account.set_password(password)
    if full_name:
        account.full_name = full_name
    account.is_operator = True
    # The unique email is the database's to keep: a clash is the race in do_create_operator.
    account.full_clean(validate_unique=False)
    account.save()
    log_account_event(
        action,
        account=account,
        actor=acting_account,
        details={"email": email, "password_set": password is not None},
    )
    issued = None
    if not account.has_usable_password():
        issued = do_invite_operator(account, acting_account=acting_account)
    return account, issued


@dataclass(frozen=True)
class NewCouncil:
    council: Council
    clerk: Person
    invitation: IssuedLink


def unique_slug(name: str) -> str:
    base = slugify(name)[:70] or "council"
    slug, n = base, 2
    while Council.objects.filter(slug=slug).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug


def default_clerk_name(email: str) -> str:
    local = normalise_email(email).split("@", 1)[0]
    words = [w for w in local.replace(".", " ").replace("_", " ").replace("-", " ").split() if w]
    return " ".join(w.capitalize() for w in words) or "The Clerk"


def rulebook_refusal(rulebook: str, adoptable: list[str]) -> str:
    """Why a council cannot adopt ``rulebook``, and what it can adopt instead."""
    if rulebook in rulebook_names():
        return (
            f"{rulebook!r} is a model that other rulebooks extend, not one a council adopts. "
            f"Choose one of: {', '.join(adoptable)}."
        )
    return f"There is no rulebook {rulebook!r}. Choose one of: {', '.join(adoptable)}."


def do_create_council_with_clerk(
    *,
    name: str,
    kind: str,
    nation: str,
    rulebook: str,
    clerk_email: str,
    clerk_name: str = "",
    principal_council_name: str = "",
    operator: Account | None,
    via: str = "",
) -> NewCouncil:
    """Register a council, give its Clerk the Proper Officer role, and invite them.

    All or nothing, in one transaction; the council's own trail records each
    step and then ``operator.council_created`` naming the operator. Of two
    operators creating the same council at once, the second is told it exists.
    """
    name = name.strip()
    adoptable = concrete_rulebook_names()
    if rulebook not in adoptable and rulebook_names():
        raise ValidationError({"rulebook": rulebook_refusal(rulebook, adoptable)})
    taken = ValidationError({"name": f"There is already a council called {name!r}."})
    try:
        with recording(council=None, actor=None, action="operator.council_created") as rec:
            if Council.objects.filter(name__iexact=name).exists():
                raise taken
            council = do_create_council(
                name=name,
                slug=unique_slug(name),
                kind=kind,
                nation=nation,
                rulebook=rulebook,
                principal_council_name=principal_council_name.strip(),
                acting_user=None,
            )
            rec.council = council
            rec.obj = council
            clerk = _add_clerk(council, clerk_email, clerk_name)
            invitation = do_invite_person(clerk, acting_user=None, operator=operator)
            rec.details = {
                **operator_details(operator, via),
                "clerk": {"person": clerk.pk, "email": clerk.email},
            }
    except IntegrityError:  # PostgreSQL: another operator's council of that name, just made
        if Council.objects.filter(name__iexact=name).exists():
            raise taken from None
        raise
    return NewCouncil(council=council, clerk=clerk, invitation=invitation)


def _add_clerk(council: Council, email: str, name: str) -> Person:
    email = normalise_email(email)
    person = Person.objects.for_council(council).filter(email=email).first()
    if person is None:
        person = do_create_person(
            council,
            email=email,
            full_name=name.strip() or _name_held(email) or default_clerk_name(email),
            acting_user=None,
        )
    do_assign_role(person, role=CLERK_ROLE, starts_on=timezone.localdate(), acting_user=None)
    return person


def _name_held(email: str) -> str:
    """The name an existing account for ``email`` already goes by: its own, or as its
    latest council knows it ("" for no account)."""
    account = Account.objects.filter(email=email).first()
    if account is None:
        return ""
    held = account.people.order_by("-pk").values_list("full_name", flat=True).first()
    return account.full_name or held or ""


def current_clerks(council: Council, day: datetime.date | None = None) -> list[Person]:
    """The people holding the Clerk's role in the council today."""
    day = day or timezone.localdate()
    rows = (
        RoleAssignment.objects.for_council(council)
        .filter(role=CLERK_ROLE, starts_on__lte=day)
        .select_related("person", "person__account")
    )
    seen: dict[int, Person] = {}
    for row in rows:
        if row.is_current_on(day) and row.person.is_active:
            seen.setdefault(row.person_id, row.person)
    return list(seen.values())


def do_reinvite_clerk(clerk: Person, *, operator: Account | None, via: str = "") -> IssuedLink:
    """Send a Clerk a fresh link (the old one stops working).

    The council is locked, as when its Clerk is replaced, so a Clerk replaced a
    moment ago is not invited again.
    """
    with locked(clerk.council):
        if clerk not in current_clerks(clerk.council):
            raise ValidationError(
                {
                    "__all__": f"{clerk.full_name} is no longer the Clerk: someone has already "
                    "replaced them, so no invitation was sent."
                }
            )
        with recording(
            council=clerk.council,
            actor=None,
            action="operator.clerk_reinvited",
            obj=clerk,
            details=operator_details(operator, via),
        ):
            return do_invite_person(clerk, acting_user=None, operator=operator)


def do_replace_clerk(
    council: Council,
    *,
    email: str,
    full_name: str = "",
    operator: Account | None,
    via: str = "",
) -> tuple[Person, IssuedLink]:
    """Make someone else the Clerk: the current Clerks' role ends, the new Clerk is invited.

    A Clerk's role ends yesterday, so the new Clerk is the only one today; a Clerk who
    started today has theirs withdrawn (``do_withdraw_role``: held on no day). The
    council is locked first, so two replacements at once apply one after
    the other and leave one Clerk (the later one's).
    """
    today = timezone.localdate()
    yesterday = today - datetime.timedelta(days=1)
    email = normalise_email(email)
    with (
        locked(council),
        recording(council=council, actor=None, action="operator.clerk_replaced") as rec,
    ):
        clerks = current_clerks(council, today)
        if clerks and all(clerk.email == email for clerk in clerks):
            raise ValidationError(
                {
                    "clerk_email": f"{clerks[0].full_name} is already the Clerk of "
                    f"{council.name}: nothing has changed. To send them a new link, use "
                    "“Send a new invitation”."
                }
            )
        ended = []
        for clerk in clerks:
            if clerk.email == email:
                continue
            for row in clerk.role_assignments.filter(role=CLERK_ROLE):
                if not row.is_current_on(today):
                    continue
                if row.starts_on < today:
                    do_end_role(row, ends_on=yesterday, acting_user=None)
                else:  # Clerk since today: held on no day, not beside the new Clerk all today
                    do_withdraw_role(row, today=today, acting_user=None)
            ended.append(clerk.pk)
        new_clerk = Person.objects.for_council(council).filter(email=email).first()
        if new_clerk is None or new_clerk not in current_clerks(council, today):
            new_clerk = _add_clerk(council, email, full_name)
        invitation = do_invite_person(new_clerk, acting_user=None, operator=operator)
        rec.obj = new_clerk
        rec.details = {
            **operator_details(operator, via),
            "ended": ended,
            "clerk": {"person": new_clerk.pk, "email": new_clerk.email},
        }
    return new_clerk, invitation


@locks_row
def do_set_council_two_factor(
    council: Council, *, required: bool, operator: Account | None, via: str = ""
) -> Council:
    """Require (or stop requiring) two-factor sign-in for a council's Clerk and MO.

    The council's trail records the change and then
    ``operator.two_factor_requirement_changed`` naming the operator.
    """
    with recording(
        council=council,
        actor=None,
        action="operator.two_factor_requirement_changed",
        obj=council,
        details={**operator_details(operator, via), "required": required},
    ):
        return do_set_two_factor_requirement(council, required=required, acting_user=None)
