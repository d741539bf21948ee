"""How the written report requests and the acting Proper Officer arrangements are filtered,
sorted and downloaded, for the pages and the API alike."""

from __future__ import annotations

import datetime

from django.db.models import Q, QuerySet

from propriety.reports.models import BODY_LABELS, ActingArrangement, ReportRequest
from propriety.web.exports import Column
from propriety.web.list_controls import Filter, current_q, field_filter, period_filter
from propriety.web.paging import BY_DATE, open_first, sorted_by_date

# Waiting for the Proper Officer, or accepted and being prepared.
OPEN = Q(status__in=(ReportRequest.Status.REFERRED, ReportRequest.Status.ACCEPTED))

REPORT_FILTERS = (
    field_filter("status", "Status", ReportRequest.Status.choices, "status"),
    field_filter("for_body", "For", list(BODY_LABELS.items()), "for_body"),
)
REPORT_SORTS = {"open": "Open first", **BY_DATE}
REPORT_COLUMNS = (
    Column("Reference", lambda r: r.reference),
    Column("Subject", lambda r: r.subject),
    Column("For", lambda r: r.get_for_body_display()),
    Column("Asked by", lambda r: r.requested_by.full_name),
    Column("Asked", lambda r: r.requested_on),
    Column("Status", lambda r: r.get_status_display()),
    Column("Answered by", lambda r: r.responded_by.full_name if r.responded_by else ""),
    Column("Answered", lambda r: r.responded_on),
)


def sorted_reports(rows: QuerySet[ReportRequest], sort: str) -> QuerySet[ReportRequest]:
    return sorted_by_date(
        rows, sort, "requested_on", lambda r: open_first(r, OPEN, "-requested_on", "-pk")
    )


ACTING_FILTERS = (
    period_filter("Acting"),
    Filter(
        "allowed",
        "The protocol",
        (("yes", "Allows it"), ("no", "Does not allow it")),
        lambda rows, v: rows.filter(allowed=v == "yes"),
    ),
)
ACTING_SORTS = {"current": "Acting now first", **BY_DATE}
ACTING_COLUMNS = (
    Column("Reference", lambda a: a.reference),
    Column("Councillor", lambda a: a.councillor.full_name),
    Column("From", lambda a: a.starts_on),
    Column("To", lambda a: a.ends_on),
    Column("Why", lambda a: a.reason),
    Column("Paid", lambda a: a.paid),
    Column("Short term", lambda a: a.short_term),
    Column("Capacity clear", lambda a: a.capacity_clear),
    Column("The protocol allows it", lambda a: a.allowed),
    Column("Recorded by", lambda a: a.recorded_by.full_name),
    Column("Recorded", lambda a: a.recorded_on),
)


def sorted_arrangements(
    rows: QuerySet[ActingArrangement], sort: str, today: datetime.date
) -> QuerySet[ActingArrangement]:
    return sorted_by_date(
        rows, sort, "starts_on", lambda r: open_first(r, current_q(today), "-starts_on", "-pk")
    )
