"""Personal API tokens: ``Authorization: Bearer prp_...`` acts as the token's person."""

from __future__ import annotations

from django.http import HttpRequest
from ninja.errors import AuthenticationError
from ninja.security import HttpBearer

from propriety.people.access import access_ended_reason
from propriety.people.models import ApiToken, Person, hash_api_key


class TokenAuth(HttpBearer):
    """Find the token by the SHA-256 hash of the key and act as its person.

    The lookup is unscoped: which council the request belongs to is exactly
    what the token tells us. A revoked token, a disabled person and a person
    who holds no role today (their term has ended) are all refused, the same
    checks ``AccessEndedMiddleware`` makes for sessions, so a token never
    outlives its person's access. ``request.user`` becomes the person, so the
    token can do only what its person's roles allow.
    """

    def authenticate(self, request: HttpRequest, token: str) -> Person | None:
        key = token.strip()
        if not key:
            return None
        found: ApiToken | None = (
            ApiToken.unscoped.select_related("person", "person__council")
            .filter(key_hash=hash_api_key(key), revoked_at__isnull=True)
            .first()
        )
        if found is None:
            return None
        person = found.person
        if access_ended_reason(person):
            return None
        request.user = person
        return person


def current_person(request: HttpRequest) -> Person:
    """The person an authenticated API request acts for (set by :class:`TokenAuth`).

    Call it in every endpoint that reads or writes on someone's behalf, and
    pass the person to the ``access_*`` functions and to actions as
    ``acting_user``.
    """
    person = getattr(request, "auth", None)
    if not isinstance(person, Person):
        raise AuthenticationError()
    return person
