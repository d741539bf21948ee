"""Reads about people, on behalf of a person."""

from __future__ import annotations

import datetime

from django.http import Http404
from django.utils import timezone

from propriety.people.models import ApiToken, Person, RoleAssignment


def access_ended_reason(person: Person, day: datetime.date | None = None) -> str:
    """Why this person may no longer use Propriety, or "" if they still may."""
    day = day or timezone.localdate()
    if not person.is_active:
        return "your account has been disabled. Ask the Clerk if you think this is wrong."
    if not person.roles_on(day):
        return (
            f"you hold no role at {person.council} today (for example, your term as a "
            "councillor has ended). Ask the Clerk if you think this is wrong."
        )
    return ""


def access_person_by_id(viewer: Person, person_id: int) -> Person:
    """Anyone in the same council; nobody in another (same 404 as missing)."""
    person: Person | None = Person.objects.for_council(viewer.council).filter(pk=person_id).first()
    if person is None:
        raise Http404("No such person.")
    return person


def access_api_token_by_id(person: Person, token_id: int) -> ApiToken:
    """One of the person's own API tokens; anyone else's is "not found", like a missing one."""
    token: ApiToken | None = (
        ApiToken.objects.for_council(person.council).filter(pk=token_id, person=person).first()
    )
    if token is None:
        raise Http404("No such token.")
    return token


def access_role_by_id(viewer: Person, role_id: int) -> RoleAssignment:
    """A role held in the viewer's council; another council's is "not found", like a missing one."""
    role: RoleAssignment | None = (
        RoleAssignment.objects.for_council(viewer.council)
        .select_related("person", "committee", "ward", "party_group")
        .filter(pk=role_id)
        .first()
    )
    if role is None:
        raise Http404("No such role.")
    return role
