"""The workspace's demo data: calendar feed addresses in each state (working, revoked).

Everything else the workspace shows (queues, search, the report) comes from the other
apps' demo casework. A feed's address is shown only when it is made, so the demo's are
for seeing the feeds page; make a new one there to try a calendar.
"""

from __future__ import annotations

from propriety.councils.models import Council
from propriety.people.models import Person
from propriety.workspace.actions import do_create_calendar_feed, do_revoke_calendar_feed
from propriety.workspace.models import CalendarFeed


def load_workspace_demo(council: Council, clerk_email: str) -> None:
    """Once: the Clerk's working feed of their due dates, and a revoked council feed."""
    clerk = Person.objects.for_council(council).filter(email=clerk_email).first()
    if clerk is None or CalendarFeed.objects.for_council(council).exists():
        return
    do_create_calendar_feed(clerk, kind=CalendarFeed.Kind.MINE, acting_user=clerk)
    old, _ = do_create_calendar_feed(clerk, kind=CalendarFeed.Kind.COUNCIL, acting_user=clerk)
    do_revoke_calendar_feed(old, acting_user=clerk)
