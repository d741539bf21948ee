"""The Clerk's writes to people and their roles, from the set-up pages and imports.

Each builds on the people actions (``do_create_person``, ``do_assign_role``,
``do_end_role``, ``do_disable_person``), adding what the Clerk's set-up needs:
only the Clerk acts, only the roles that make sense at the council's kind are
given, and nobody disables themselves.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from propriety.councils.access import can_set_up
from propriety.councils.models import Committee, Council, PartyGroup, Ward
from propriety.people.actions import (
    do_assign_role,
    do_create_person,
    do_disable_person,
    do_end_role,
)
from propriety.people.holders import OFFICER_ROLES
from propriety.people.models import Person, RoleAssignment
from propriety.people.roles import MEMBER_ROLES, TERM_ROLES, Role, roles_offered
from propriety.people.terms import ended_with_term_says, last_counting_day, term_spans
from propriety.protocol import format_date


def _invite(person: Person, acting_user: Person | None) -> None:
    """Send ``person`` an invitation to set their password and sign in (a single-use,
    expiring link; people.invitations). Someone whose account already has a password
    (they serve another council) is not invited again: they sign in as they do."""
    from propriety.people.invitations import do_invite_person

    if person.account.has_usable_password():
        return
    do_invite_person(person, acting_user=acting_user)


def _require_clerk(acting_user: Person | None) -> None:
    if acting_user is not None and not can_set_up(acting_user):
        raise PermissionDenied("Only the Clerk sets up the council's people and roles.")


def check_role_offered(council: Council, role: str) -> None:
    """Refuse a role the council's kind does not have (a town council has no Chief Executive)."""
    offered = roles_offered(council.kind)
    if role not in offered:
        label = Role(role).label if role in Role.values else role
        raise ValidationError(
            {
                "role": f"A {council.get_kind_display().lower()} has no “{label}”: choose one of "
                f"the roles offered."
            }
        )


def member_role_never_counts(
    person: Person, role: str, starts_on: datetime.date, ends_on: datetime.date | None
) -> str:
    """Why ``role`` would never count for ``person``, or "" when it would.

    A member's role (a chair, a committee or ward seat, Mayor...) counts only on the days
    its holder also serves a councillor or co-opted member term (``roles.MEMBER_ROLES``,
    ``models._held_on``). Given to someone with no term on any of its days (an officer,
    a former councillor) it would be stored and shown on their page, yet never make them
    chair: no rulebook provision says who may chair, so this is refused as data that
    cannot mean anything, not as a decision citing a clause (people/README.md).
    """
    if role not in MEMBER_ROLES or (ends_on is not None and ends_on < starts_on):
        return ""
    # A day in common with a term (none with a withdrawn term, which ends before it starts).
    if last_counting_day((starts_on, ends_on or datetime.date.max), term_spans(person)):
        return ""
    days = f"from {format_date(starts_on)}" + (f" to {format_date(ends_on)}" if ends_on else "")
    return (
        f"{person.full_name} is not a councillor or co-opted member on any day of this role "
        f"({days}), and a {Role(role).label.lower()} counts only during a member's term, so "
        "it would never count. Give them a councillor term first if they are one, or choose "
        "a councillor."
    )


def do_add_role(
    person: Person,
    *,
    role: str,
    starts_on: datetime.date,
    ends_on: datetime.date | None = None,
    committee: Committee | None = None,
    ward: Ward | None = None,
    party_group: PartyGroup | None = None,
    cabinet_portfolio: str = "",
    delegated_authority: str = "",
    job_title: str = "",
    line_manager: Person | None = None,
    acting_user: Person | None,
) -> RoleAssignment:
    """The Clerk gives a person a role with its term (a membership, a post, a chair...).

    A member's role needs a councillor or co-opted member term on at least one of its
    days (:func:`member_role_never_counts`): the page, the API and the imports all come
    here, so each refuses it on ``role`` and writes nothing."""
    _require_clerk(acting_user)
    check_role_offered(person.council, role)
    errors: dict[str, str] = {}
    if job_title.strip() and role not in OFFICER_ROLES:
        errors["job_title"] = "Only officers have a job title here: leave it blank."
    if line_manager is not None and role not in OFFICER_ROLES:
        errors["line_manager"] = "Only officers have a line manager here: leave it blank."
    if (cabinet_portfolio.strip() or delegated_authority.strip()) and role != Role.CABINET_MEMBER:
        errors["cabinet_portfolio"] = (
            "A cabinet portfolio and delegated authority belong to a cabinet member."
        )
    for body, word in ((committee, "committee"), (ward, "ward"), (party_group, "party_group")):
        if body is not None and body.closed_on is not None and body.closed_on < starts_on:
            errors[word] = f"{body} closed on {format_date(body.closed_on)}: choose another."
    never_counts = member_role_never_counts(person, role, starts_on, ends_on)
    if never_counts:
        errors["role"] = never_counts
    if errors:
        raise ValidationError(errors)
    return do_assign_role(
        person,
        role=role,
        starts_on=starts_on,
        ends_on=ends_on,
        committee=committee,
        ward=ward,
        party_group=party_group,
        cabinet_portfolio=cabinet_portfolio.strip(),
        delegated_authority=delegated_authority.strip(),
        job_title=job_title,
        line_manager=line_manager,
        acting_user=acting_user,
    )


def do_add_person(
    council: Council,
    *,
    email: str,
    full_name: str,
    role: str,
    starts_on: datetime.date,
    ends_on: datetime.date | None = None,
    ward: Ward | None = None,
    job_title: str = "",
    line_manager: Person | None = None,
    invite: bool = False,
    acting_user: Person | None,
) -> Person:
    """The Clerk adds a person with their first role, in one transaction.

    A councillor's ward comes with their term (a ward councillor role for the
    same term). They cannot sign in until they set a password: ``invite``
    sends them the invitation to do so.
    """
    _require_clerk(acting_user)
    errors: dict[str, str] = {}
    if not full_name.strip():
        errors["full_name"] = "Enter the person's full name."
    email = email.strip().lower()
    # Someone who serves another council keeps their one account (and password): they
    # become a person of this council too. Within one council an address is one person.
    if Person.objects.for_council(council).filter(email=email).exists():
        errors["email"] = "Someone in this council already has this email address."
    if ward is not None and role not in TERM_ROLES:
        errors["ward"] = "Only a councillor represents a ward: leave it blank."
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        person = do_create_person(
            council,
            email=email,
            full_name=full_name.strip(),
            password=None,
            acting_user=acting_user,
        )
        do_add_role(
            person,
            role=role,
            starts_on=starts_on,
            ends_on=ends_on,
            job_title=job_title,
            line_manager=line_manager,
            acting_user=acting_user,
        )
        if ward is not None:
            do_add_role(
                person,
                role=Role.WARD_COUNCILLOR,
                starts_on=starts_on,
                ends_on=ends_on,
                ward=ward,
                acting_user=acting_user,
            )
    if invite:
        _invite(person, acting_user)
    return person


@dataclass(frozen=True)
class EndedRole:
    """A role the Clerk ended, with the member roles that ended with it (a term's) and what
    the Clerk is told about them ("" for none)."""

    role: RoleAssignment
    ended_with_term: list[RoleAssignment]
    says: str


def do_end_person_role(
    assignment: RoleAssignment, *, ends_on: datetime.date, acting_user: Person | None
) -> EndedRole:
    """The Clerk ends a role on its last day (the person's page, the API, the imports).

    A councillor's or co-opted member's term ended sooner ends, in the same transaction,
    the member roles it leaves with no later day to count (``people.terms``), each audited;
    ``says`` names them in plain English."""
    _require_clerk(acting_user)
    if ends_on < assignment.starts_on:
        raise ValidationError(
            {
                "ends_on": f"The role started on {format_date(assignment.starts_on)}: end it then "
                "or later."
            }
        )
    do_end_role(assignment, ends_on=ends_on, acting_user=acting_user)
    ended = list(assignment.ended_with_term)
    return EndedRole(assignment, ended, ended_with_term_says(assignment.person, assignment, ended))


def do_disable_person_by_clerk(person: Person, *, acting_user: Person) -> Person:
    """The Clerk stops a person signing in (never themselves: someone must stay to set up)."""
    _require_clerk(acting_user)
    if person.pk == acting_user.pk:
        raise ValidationError({"__all__": "You cannot disable yourself."})
    if not person.is_active:
        raise ValidationError({"__all__": f"{person.full_name} is already disabled."})
    return do_disable_person(person, acting_user=acting_user)


def do_invite_person_by_clerk(person: Person, *, acting_user: Person) -> None:
    """The Clerk sends someone who has not set a password an invitation to do so: someone
    added without one, or whose link expired. ``people.invitations.do_invite_person`` locks
    the account and closes any earlier link. Someone with a password already signs in, or
    uses "Forgotten your password?"; a disabled person cannot sign in at all."""
    from propriety.people.invitations import do_invite_person

    _require_clerk(acting_user)
    if not person.is_active:
        raise ValidationError({"__all__": f"{person.full_name} is disabled: they cannot sign in."})
    if person.has_usable_password():
        raise ValidationError(
            {
                "__all__": f"{person.full_name} has already set a password: they sign in "
                "with it, or use “Forgotten your password?” on the sign-in page."
            }
        )
    do_invite_person(person, acting_user=acting_user)
