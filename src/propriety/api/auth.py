"""Personal API tokens: ``Authorization: Bearer prp_...`` acts as the token's person."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from django.utils import timezone
from ninja.errors import AuthenticationError
from ninja.security import HttpBearer

from propriety.people.access import access_ended_reason
from propriety.people.actions import do_note_api_token_used
from propriety.people.models import ApiToken, Person, hash_api_key

SAFE_METHODS = ("GET", "HEAD", "OPTIONS")


class TokenAuth(HttpBearer):
    """Find the token by the SHA-256 hash of the key and act as its person.

    An expired token is refused like a revoked one (401); a read-only token
    asking to change something gets 403 saying so. Each use is noted
    (``last_used_at``, at most every 15 minutes).

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
        now = timezone.now()
        if found is None or found.is_expired(now):
            return None
        person = found.person
        if access_ended_reason(person):
            return None
        if found.read_only and request.method not in SAFE_METHODS:
            raise PermissionDenied(
                "This token is read-only: it may look but not change anything. Create a "
                "read-and-write token on your profile page to act."
            )
        if found.last_used_at is None or now - found.last_used_at >= ApiToken.LAST_USED_EVERY:
            do_note_api_token_used(found, now=now)
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
