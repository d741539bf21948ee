"""Writes of the workspace: creating and revoking private calendar feed addresses."""

from __future__ import annotations

import secrets

from django.core.exceptions import ValidationError
from django.utils import timezone

from propriety.audit.recording import recording
from propriety.councils.locking import locked
from propriety.people.models import Person
from propriety.workspace.access import can_have_council_feed
from propriety.workspace.models import CalendarFeed, hash_feed_key


def do_create_calendar_feed(
    person: Person, *, kind: str, acting_user: Person
) -> tuple[CalendarFeed, str]:
    """A new private feed address for ``person``; returns it with its key, shown this once."""
    if kind not in CalendarFeed.Kind.values:
        raise ValidationError({"kind": "Choose which calendar you want."})
    if kind == CalendarFeed.Kind.COUNCIL and not can_have_council_feed(person):
        raise ValidationError({"kind": "Only the council’s members and officers get its dates."})
    key = secrets.token_urlsafe(32)
    with recording(
        council=person.council, actor=acting_user, action="calendar_feed.created"
    ) as rec:
        feed = CalendarFeed.objects.for_council(person.council).create(
            council=person.council,
            person=person,
            kind=kind,
            key_hash=hash_feed_key(key),
            prefix=key[:8],
        )
        rec.obj = feed
        rec.details = {"person": person.pk, "kind": kind, "prefix": feed.prefix}
    return feed, key


def do_revoke_calendar_feed(feed: CalendarFeed, *, acting_user: Person) -> CalendarFeed:
    """Stop a feed address working at once. Revoking a revoked address changes nothing."""
    with locked(feed):
        if feed.revoked_at is not None:
            return feed
        with recording(
            council=feed.council, actor=acting_user, action="calendar_feed.revoked", obj=feed
        ):
            feed.revoked_at = timezone.now()
            feed.save(update_fields=["revoked_at"])
    return feed
