"""How the mail that came in is filtered, sorted and downloaded, for the pages and the API."""

from __future__ import annotations

from django.db.models import Q, QuerySet

from propriety.mail.models import InboundMessage
from propriety.web.exports import Column
from propriety.web.list_controls import Filter, field_filter
from propriety.web.paging import BY_DATE, open_first, sorted_by_date

WAITING = Q(status=InboundMessage.Status.QUARANTINED)

# The list opens on what waits for the Clerk; "everything" is one choice away.
FILTERS = (
    Filter(
        "show",
        "Show",
        (
            ("quarantined", "In quarantine"),
            ("all", "Everything received"),
            *((v, label) for v, label in InboundMessage.Status.choices if v != "quarantined"),
        ),
        lambda rows, v: rows if v == "all" else rows.filter(status=v),
        default="quarantined",
    ),
    field_filter("via", "Came by", InboundMessage.Via.choices, "via", "Any way"),
)
SORTS = {"waiting": "In quarantine first, newest first", **BY_DATE}
COLUMNS = (
    Column("Reference", lambda m: m.reference),
    Column("Subject", lambda m: m.subject),
    Column("From", lambda m: m.sender),
    Column("Received", lambda m: m.received_at),
    Column("Came by", lambda m: m.get_via_display()),
    Column("What became of it", lambda m: m.get_status_display()),
    Column("Why", lambda m: m.reason),
    Column("Enquiry", lambda m: m.enquiry.reference if m.enquiry else ""),
)


def sorted_messages(rows: QuerySet[InboundMessage], sort: str) -> QuerySet[InboundMessage]:
    return sorted_by_date(
        rows, sort, "received_at", lambda r: open_first(r, WAITING, "-received_at", "-pk")
    )
