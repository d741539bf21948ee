"""How the ward notices list is filtered, sorted and downloaded, for the pages and the API."""

from __future__ import annotations

import datetime

from django.db.models import Q, QuerySet
from django.utils import timezone

from propriety.councils.models import Council, Ward
from propriety.wardnotices.models import EVENT_LABELS, WardNotice
from propriety.web.exports import Column
from propriety.web.list_controls import Filter, body_filter, described, field_filter
from propriety.web.paging import BY_DATE, sorted_by_urgency

# Referred for a decision nobody has recorded yet: it waits on the decider.
OPEN = Q(outcome=WardNotice.Outcome.REFERRED, decided_on__isnull=True)

SORTS = {"waiting": "Waiting for a decision first", **BY_DATE}
COLUMNS = (
    Column("Reference", lambda n: n.reference),
    Column("What", lambda n: n.title),
    Column("Kind", lambda n: n.get_event_display()),
    Column("Takes place", lambda n: n.takes_place_on),
    Column("Wards", lambda n: ", ".join(w.name for w in n.wards.all())),
    Column("Recorded by", lambda n: n.recorded_by.full_name),
    Column("Recorded", lambda n: n.recorded_on),
    Column("Protocol", lambda n: n.get_outcome_display()),
    Column("Decided", lambda n: n.decided_on),
    Column("Members told", lambda n: ", ".join(p.full_name for p in n.members_told.all())),
)


def _when(rows: QuerySet[WardNotice], value: str) -> QuerySet[WardNotice]:
    today = timezone.localdate()
    if value == "upcoming":
        return rows.filter(takes_place_on__gte=today)
    return rows.filter(takes_place_on__lt=today)


FIXED_FILTERS = (
    Filter("when", "When", (("upcoming", "Coming up"), ("past", "Past")), _when),
    field_filter("event", "Kind", list(EVENT_LABELS.items()), "event", "Any kind"),
    field_filter("outcome", "Protocol", WardNotice.Outcome.choices, "outcome"),
)
# For the API's documentation: a ward is chosen by its id.
API_FILTERS = described(FIXED_FILTERS, ward="Only notices affecting this ward (its id).")


def filters_for(council: Council) -> tuple[Filter, ...]:
    wards = Ward.objects.for_council(council).order_by("name")
    return (*FIXED_FILTERS, body_filter("ward", "Ward", wards, "wards", "Any ward"))


def sorted_notices(
    rows: QuerySet[WardNotice], sort: str, today: datetime.date
) -> QuerySet[WardNotice]:
    return sorted_by_urgency(
        rows, sort, today, open_q=OPEN, due_field="takes_place_on", date_field="recorded_on"
    )


def prefetched(rows: QuerySet[WardNotice]) -> QuerySet[WardNotice]:
    return rows.prefetch_related("wards", "members_told")
