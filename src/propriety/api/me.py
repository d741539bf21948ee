"""``GET /api/v1/me``: who the token acts for. The simplest proof that a token works."""

from __future__ import annotations

import datetime

from django.http import HttpRequest
from django.utils import timezone
from ninja import Router, Schema

from propriety.api.auth import current_person

router = Router(tags=["me"])


class CouncilOut(Schema):
    name: str
    slug: str


class RoleHeldOut(Schema):
    role: str
    label: str
    body: str | None
    starts_on: datetime.date
    ends_on: datetime.date | None


class MeOut(Schema):
    name: str
    email: str
    council: CouncilOut
    roles: list[RoleHeldOut]


@router.get("/me", response=MeOut, summary="The person this token acts for")
def me(request: HttpRequest) -> MeOut:
    """The token's person, their council, and the roles they hold today."""
    person = current_person(request)
    roles = [
        RoleHeldOut(
            role=r.role,
            label=r.get_role_display(),
            body=r.body.name if r.body is not None else None,
            starts_on=r.starts_on,
            ends_on=r.ends_on,
        )
        for r in person.roles_on(timezone.localdate())
    ]
    return MeOut(
        name=person.full_name,
        email=person.email,
        council=CouncilOut(name=person.council.name, slug=person.council.slug),
        roles=roles,
    )
