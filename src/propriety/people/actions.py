"""Writes to people and their roles. Each runs in one audited transaction."""

from __future__ import annotations

import datetime
import secrets

from django.contrib.auth import login
from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.utils import timezone

from propriety.audit.recording import recording
from propriety.councils.locking import locks_row
from propriety.councils.models import Committee, Council, PartyGroup, Ward
from propriety.people.accounts import log_account_event, normalise_email
from propriety.people.models import (
    API_KEY_PREFIX,
    Account,
    ApiToken,
    Person,
    RoleAssignment,
    hash_api_key,
    new_security_stamp,
)
from propriety.protocol import format_date


def do_create_person(
    council: Council,
    *,
    email: str,
    full_name: str,
    password: str | None = None,
    job_title: str = "",
    acting_user: Person | None,
) -> Person:
    """Add a person to a council, under the account with that email (made if new).

    Someone who already serves another council keeps their one account and
    password: ``password`` is then ignored. For a new account, ``password=None``
    leaves them unable to sign in until they set one (see
    ``people.invitations.do_invite_person``).
    """
    email = normalise_email(email)
    with recording(council=council, actor=acting_user, action="person.created") as rec:
        account = Account.objects.select_for_update().filter(email=email).first()
        new_account = account is None
        if account is None:
            account = Account(email=email)
            account.set_password(password)
            account.full_clean()
            account.save()
        person = Person(
            council=council,
            account=account,
            email=email,
            full_name=full_name,
            job_title=job_title.strip(),
        )
        person.full_clean()
        person.save()
        rec.obj = person
        rec.details = {"account": account.pk, "new_account": new_account}
        if new_account:
            log_account_event(
                "account.created",
                account=account,
                actor=acting_user.account if acting_user else None,
                details={"council": council.pk, "person": person.pk},
            )
    return person


def do_assign_role(
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
    """Give a person a role for a stretch of time (memberships included)."""
    with recording(council=person.council, actor=acting_user, action="role.assigned") as rec:
        assignment = RoleAssignment(
            council=person.council,
            person=person,
            role=role,
            starts_on=starts_on,
            ends_on=ends_on,
            committee=committee,
            ward=ward,
            party_group=party_group,
            cabinet_portfolio=cabinet_portfolio,
            delegated_authority=delegated_authority,
            job_title=job_title.strip(),
            line_manager=line_manager,
        )
        assignment.full_clean()
        assignment.save()
        person.forget_roles()
        rec.obj = assignment
        rec.details = {
            "person": person.pk,
            "role": role,
            "starts_on": starts_on.isoformat(),
            "ends_on": ends_on.isoformat() if ends_on else None,
        }
    return assignment


@locks_row
def do_end_role(
    assignment: RoleAssignment, *, ends_on: datetime.date, acting_user: Person | None
) -> RoleAssignment:
    """End a role on ``ends_on`` (its last day). Access ends on the next request after it.

    Ending a councillor's or co-opted member's term sooner also ends, in this transaction,
    each member role it leaves past every term (``people.terms.cut_short``), each audited:
    they are in ``assignment.ended_with_term``."""
    if assignment.withdrawn:
        raise ValidationError(
            {"ends_on": "This role was withdrawn: it is held on no day, so there is none to end."}
        )
    if assignment.ends_on == ends_on:
        raise ValidationError({"ends_on": f"This role already ends on {format_date(ends_on)}."})
    was = assignment.ends_on
    with recording(
        council=assignment.council, actor=acting_user, action="role.ended", obj=assignment
    ) as rec:
        rec.details = {
            "was": was.isoformat() if was else None,
            "ends_on": ends_on.isoformat(),
        }
        assignment.ends_on = ends_on
        assignment.full_clean()
        assignment.save(update_fields=["ends_on"])
    _end_member_roles_with_term(assignment, was, acting_user)
    return assignment


@locks_row
def do_withdraw_role(
    assignment: RoleAssignment,
    *,
    today: datetime.date | None = None,
    acting_user: Person | None,
) -> RoleAssignment:
    """Take back a role on (or before) the day it starts: it is then held on no day.

    A role is held for whole days, from its first to its last, so one given today and
    taken back today (a Clerk replaced on their first day) cannot just end today: it would
    still be held all day, beside whoever holds it next. Withdrawn, it ends the day before
    it starts; the audit trail keeps when it was given and when it was taken back. A role
    already held on an earlier day is ended instead, keeping the days it was held.

    A withdrawn term takes with it the member roles that then count on no day, as
    :func:`do_end_role` does (``assignment.ended_with_term``).
    """
    day = today or timezone.localdate()
    if assignment.withdrawn:
        raise ValidationError({"__all__": "This role was already withdrawn."})
    if assignment.starts_on < day:
        raise ValidationError(
            {
                "__all__": f"This role has been held since {format_date(assignment.starts_on)}: "
                "end it on its last day instead."
            }
        )
    was = assignment.ends_on
    _withdraw(
        assignment,
        says=f"{assignment} was withdrawn before its first day "
        f"({format_date(assignment.starts_on)}) was out: it is held on no day.",
        acting_user=acting_user,
    )
    _end_member_roles_with_term(assignment, was, acting_user)
    return assignment


def _withdraw(
    assignment: RoleAssignment,
    *,
    says: str,
    acting_user: Person | None,
    details: dict[str, object] | None = None,
) -> None:
    with recording(
        council=assignment.council, actor=acting_user, action="role.withdrawn", obj=assignment
    ) as rec:
        ends_on = assignment.starts_on - datetime.timedelta(days=1)
        rec.details = {
            "says": says,
            "was": assignment.ends_on.isoformat() if assignment.ends_on else None,
            "ends_on": ends_on.isoformat(),
            **(details or {}),
        }
        assignment.withdrawn = True
        assignment.ends_on = ends_on
        assignment.full_clean()
        assignment.save(update_fields=["withdrawn", "ends_on"])
        assignment.person.forget_roles()


def _end_member_roles_with_term(
    term: RoleAssignment, was: datetime.date | None, acting_user: Person | None
) -> None:
    """After ``term`` (locked, in its transaction) ended sooner than ``was``: end each member
    role of its person that no term counts any more past the new end on the last day it
    counts, or withdraw one left no day at all, each with its own audit event naming the
    term (people/README.md, "When a term ends")."""
    from propriety.people.terms import cut_short

    person = term.person
    term_name = f"{person.full_name}'s {term.get_role_display().lower()} term"
    ended: list[RoleAssignment] = []
    for role, last_day in cut_short(term, was):
        role.person = person
        if last_day is None:
            _withdraw(
                role,
                says=f"{role} was withdrawn with {term_name}: it would count on none of its "
                "days without it.",
                details={"with_term": term.pk},
                acting_user=acting_user,
            )
        else:
            with recording(
                council=role.council, actor=acting_user, action="role.ended", obj=role
            ) as rec:
                rec.details = {
                    "says": f"{role} ended on {format_date(last_day)} with {term_name}: after "
                    "that day it would count for nothing.",
                    "was": role.ends_on.isoformat() if role.ends_on else None,
                    "ends_on": last_day.isoformat(),
                    "with_term": term.pk,
                }
                role.ends_on = last_day
                role.full_clean()
                role.save(update_fields=["ends_on"])
        ended.append(role)
    term.ended_with_term = ended
    person.forget_roles()


@locks_row
def do_disable_person(person: Person, *, acting_user: Person | None) -> Person:
    """Stop a person signing in, and end every session they have open right now.

    Disabling someone already disabled changes nothing and records nothing."""
    if not person.is_active:
        return person
    with recording(council=person.council, actor=acting_user, action="person.disabled", obj=person):
        person.is_active = False
        # The stamp is part of the session hash: changing it invalidates every
        # existing session, wherever it was opened.
        person.security_stamp = new_security_stamp()
        person.save(update_fields=["is_active", "security_stamp"])
    return person


def do_sign_in(request: HttpRequest, person: Person) -> None:
    """Start a session for a person whose credentials were checked, and record it.

    ``last_login`` is kept on the person (the council last used, where the
    next sign-in lands) and on the account.
    """
    with recording(council=person.council, actor=person, action="person.signed_in", obj=person):
        login(request, person, backend="propriety.people.backends.PersonBackend")
        now = timezone.now()
        person.last_login = now
        person.save(update_fields=["last_login"])
        account = person.account
        account.last_login = now
        account.save(update_fields=["last_login"])


def do_create_api_token(
    person: Person,
    *,
    name: str,
    expires_in_days: int = ApiToken.DEFAULT_EXPIRY_DAYS,
    read_only: bool = False,
    acting_user: Person | None,
) -> tuple[ApiToken, str]:
    """Give a person a personal API token; returns it with its raw key.

    The key is returned this once and never stored (only its SHA-256 hash is),
    so the caller must show it to the person now. It never goes into the audit
    event either.
    """
    key = f"{API_KEY_PREFIX}{secrets.token_urlsafe(32)}"
    with recording(council=person.council, actor=acting_user, action="api_token.created") as rec:
        token = ApiToken(
            council=person.council,
            person=person,
            name=name.strip(),
            key_hash=hash_api_key(key),
            prefix=key[: ApiToken.PREFIX_LENGTH],
            expires_at=timezone.now() + datetime.timedelta(days=expires_in_days),
            read_only=read_only,
        )
        if expires_in_days not in dict(ApiToken.EXPIRY_CHOICES):
            raise ValidationError({"expires_in_days": "Choose when the token expires."})
        token.full_clean()
        token.save()
        rec.obj = token
        rec.details = {
            "person": person.pk,
            "name": token.name,
            "prefix": token.prefix,
            "expires_at": token.expires_at.isoformat() if token.expires_at else None,
            "read_only": token.read_only,
        }
    return token, key


@locks_row
def do_revoke_api_token(token: ApiToken, *, acting_user: Person | None) -> ApiToken:
    """Stop a token working, from its next request. Revoking a revoked token changes nothing."""
    if token.revoked_at is not None:
        return token
    with recording(
        council=token.council, actor=acting_user, action="api_token.revoked", obj=token
    ) as rec:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
        rec.details = {"person": token.person_id, "name": token.name, "prefix": token.prefix}
    return token


@locks_row
def do_note_api_token_used(token: ApiToken, *, now: datetime.datetime) -> ApiToken:
    """Record that a token was used, at most once every ``ApiToken.LAST_USED_EVERY``.

    Checked on the locked, re-read row, so two requests at once record one use.
    The event lets a person or the Clerk see when a token last acted.
    """
    if token.last_used_at is not None and now - token.last_used_at < ApiToken.LAST_USED_EVERY:
        return token
    with recording(council=token.council, actor=None, action="api_token.used", obj=token) as rec:
        rec.details = {"person": token.person_id, "prefix": token.prefix}
        token.last_used_at = now
        token.save(update_fields=["last_used_at"])
    return token
