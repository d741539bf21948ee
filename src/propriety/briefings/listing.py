"""How the briefings list is filtered, sorted and downloaded, for the pages and the API."""

from __future__ import annotations

import datetime

from django.db.models import Q, QuerySet

from propriety.briefings.models import Briefing
from propriety.councils.models import Council, PartyGroup
from propriety.web.exports import Column
from propriety.web.list_controls import Filter, body_filter, described, field_filter
from propriety.web.paging import BY_DATE, sorted_by_urgency

# Waiting on the Clerk, or agreed and still to be given.
OPEN = Q(status__in=(Briefing.Status.REQUESTED, Briefing.Status.AGREED))

STATUS = field_filter("status", "Status", Briefing.Status.choices, "status")
# For the API's documentation: a group is chosen by its id.
API_FILTERS = described((STATUS,), group="Only this party group's briefings (its id).")
SORTS = {"open": "Open first, meeting soonest", **BY_DATE}
COLUMNS = (
    Column("Reference", lambda b: b.reference),
    Column("Group", lambda b: b.group.name),
    Column("Matter", lambda b: b.matter),
    Column("Kind of matter", lambda b: b.get_matter_kind_display()),
    Column("Asked by", lambda b: b.requested_by.full_name),
    Column("Asked", lambda b: b.requested_on),
    Column("Meeting", lambda b: b.meeting_on),
    Column("Status", lambda b: b.get_status_display()),
    Column("Decided", lambda b: b.decided_on),
    Column("Given", lambda b: b.given_on),
)


def filters_for(council: Council, visible: QuerySet[Briefing]) -> tuple[Filter, ...]:
    """Status, and the groups whose briefings the person can see."""
    groups = (
        PartyGroup.objects.for_council(council)
        .filter(pk__in=visible.values("group_id"))
        .order_by("name")
    )
    return (STATUS, body_filter("group", "Group", groups, "group_id", "Any group"))


def sorted_briefings(
    rows: QuerySet[Briefing], sort: str, today: datetime.date
) -> QuerySet[Briefing]:
    return sorted_by_urgency(
        rows, sort, today, open_q=OPEN, due_field="meeting_on", date_field="requested_on"
    )
