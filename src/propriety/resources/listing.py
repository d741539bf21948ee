"""How the resources register is filtered, sorted and downloaded, for the pages and the API."""

from __future__ import annotations

import datetime

from django.db.models import Q, QuerySet

from propriety.resources.models import KIND_LABELS, PURPOSE_LABELS, ResourceRequest
from propriety.web.exports import Column
from propriety.web.list_controls import field_filter
from propriety.web.paging import BY_DATE, sorted_by_urgency

OPEN = Q(status=ResourceRequest.Status.REFERRED)

FILTERS = (
    field_filter("status", "Decision", ResourceRequest.Status.choices, "status"),
    field_filter("kind", "What", list(KIND_LABELS.items()), "kind"),
    field_filter("purpose", "Purpose", list(PURPOSE_LABELS.items()), "purpose"),
)
SORTS = {"waiting": "Waiting for a decision first", **BY_DATE}
COLUMNS = (
    Column("Reference", lambda r: r.reference),
    Column("Asked by", lambda r: r.requested_by.full_name),
    Column("Asked", lambda r: r.requested_on),
    Column("What", lambda r: r.get_kind_display()),
    Column("Purpose", lambda r: r.get_purpose_display()),
    Column("Description", lambda r: r.description),
    Column("Needed on", lambda r: r.needed_on),
    Column("Officer", lambda r: r.officer.full_name if r.officer else ""),
    Column("Decision", lambda r: r.get_status_display()),
    Column("Decided by", lambda r: r.decided_by.full_name if r.decided_by else ""),
    Column("Decided", lambda r: r.decided_on),
    Column("Clauses", lambda r: ", ".join(c["clause"] for c in r.decision.get("citations", []))),
)


def sorted_requests(
    rows: QuerySet[ResourceRequest], sort: str, today: datetime.date
) -> QuerySet[ResourceRequest]:
    return sorted_by_urgency(
        rows, sort, today, open_q=OPEN, due_field="needed_on", date_field="requested_on"
    )
