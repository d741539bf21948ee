"""Writes to people and their roles. Each runs in one audited transaction."""

from __future__ import annotations

import datetime
import secrets

from django.contrib.auth import login
from django.http import HttpRequest
from django.utils import timezone

from propriety.audit.recording import recording
from propriety.councils.locking import locked
from propriety.councils.models import Committee, Council, PartyGroup, Ward
from propriety.people.models import (
    API_KEY_PREFIX,
    ApiToken,
    Person,
    RoleAssignment,
    hash_api_key,
    new_security_stamp,
)


def do_create_person(
    council: Council,
    *,
    email: str,
    full_name: str,
    password: str | None,
    acting_user: Person | None,
) -> Person:
    """Add a person who can sign in. ``password=None`` leaves them unable to until one is set."""
    with recording(council=council, actor=acting_user, action="person.created") as rec:
        person = Person(council=council, email=email.strip().lower(), full_name=full_name)
        person.set_password(password)
        person.full_clean()
        person.save()
        rec.obj = person
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
        rec.obj = assignment
        rec.details = {
            "person": person.pk,
            "role": role,
            "starts_on": starts_on.isoformat(),
            "ends_on": ends_on.isoformat() if ends_on else None,
        }
    return assignment


def do_end_role(
    assignment: RoleAssignment, *, ends_on: datetime.date, acting_user: Person | None
) -> RoleAssignment:
    """End a role on ``ends_on`` (its last day). Access ends on the next request after it."""
    with (
        locked(assignment),
        recording(
            council=assignment.council, actor=acting_user, action="role.ended", obj=assignment
        ) as rec,
    ):
        rec.details = {
            "was": assignment.ends_on.isoformat() if assignment.ends_on else None,
            "ends_on": ends_on.isoformat(),
        }
        assignment.ends_on = ends_on
        assignment.full_clean()
        assignment.save(update_fields=["ends_on"])
    return assignment


def do_disable_person(person: Person, *, acting_user: Person | None) -> Person:
    """Stop a person signing in, and end every session they have open right now."""
    with (
        locked(person),
        recording(council=person.council, actor=acting_user, action="person.disabled", obj=person),
    ):
        person.is_active = False
        # The stamp is part of the session hash: changing it invalidates every
        # existing session, wherever it was opened.
        person.security_stamp = new_security_stamp()
        person.save(update_fields=["is_active", "security_stamp"])
    return person


def do_sign_in(request: HttpRequest, person: Person) -> None:
    """Start a session for a person whose credentials were checked, and record it."""
    with recording(council=person.council, actor=person, action="person.signed_in", obj=person):
        login(request, person)
        person.last_login = timezone.now()
        person.save(update_fields=["last_login"])


def do_create_api_token(
    person: Person, *, name: str, acting_user: Person | None
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
        )
        token.full_clean()
        token.save()
        rec.obj = token
        rec.details = {"person": person.pk, "name": token.name, "prefix": token.prefix}
    return token, key


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
