"""Who may see what of the workspace.

- A person sees and revokes only their own calendar feed addresses.
- A feed address answers (without signing in) only while it is not revoked
  and its person is active with a current role: the same as signing in.
- The governance report: see ``report.can_see_report``.
- Search results are found only among what each app's access layer shows the
  person (``search.py``).
"""

from __future__ import annotations

import datetime

from django.db.models import QuerySet
from django.http import Http404
from django.utils import timezone

from propriety.people.models import Person
from propriety.workspace.models import CalendarFeed, hash_feed_key


def feeds_visible_to(person: Person) -> QuerySet[CalendarFeed]:
    return CalendarFeed.objects.for_council(person.council).filter(person=person)


def access_calendar_feed_by_id(person: Person, feed_id: int) -> CalendarFeed:
    """Your own feed address, or 404 (missing, or someone else's)."""
    feed: CalendarFeed | None = feeds_visible_to(person).filter(pk=feed_id).first()
    if feed is None:
        raise Http404("No such calendar feed.")
    return feed


def can_have_council_feed(person: Person, day: datetime.date | None = None) -> bool:
    return bool(person.roles_on(day))


def feed_by_key(key: str, day: datetime.date | None = None) -> CalendarFeed:
    """The feed a secret address names, or 404 if unknown, revoked, or its person has gone."""
    day = day or timezone.localdate()
    feed: CalendarFeed | None = (
        CalendarFeed.unscoped.select_related("person", "council")
        .filter(key_hash=hash_feed_key(key), revoked_at__isnull=True)
        .first()
    )
    if feed is None or not feed.person.is_active or not feed.person.roles_on(day):
        raise Http404("No such calendar feed.")
    return feed
