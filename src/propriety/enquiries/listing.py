"""How the enquiry list is sorted and downloaded, for the pages and the API alike."""

from __future__ import annotations

import datetime

from django.db.models import Q, QuerySet

from propriety.enquiries.models import Enquiry
from propriety.web.exports import Column
from propriety.web.paging import ordered_by_urgency

# How the list may be sorted (``?sort=``); the first is the default: overdue first.
SORTS = {
    "urgency": "Overdue first, then due soonest",
    "newest": "Newest first",
    "oldest": "Oldest first",
}
EXPORT_COLUMNS = (
    Column("Reference", lambda e: e.reference),
    Column("Subject", lambda e: e.subject),
    Column("Member", lambda e: e.member.full_name),
    Column("Officer", lambda e: e.officer.full_name if e.officer else ""),
    Column("Status", lambda e: e.get_status_display()),
    Column("Priority", lambda e: e.get_priority_display()),
    Column("Received", lambda e: e.received_on),
    Column("Answer due by", lambda e: e.respond_due),
    Column("Answered", lambda e: e.answered_on),
)


def sorted_enquiries(
    enquiries: QuerySet[Enquiry], sort: str, today: datetime.date
) -> QuerySet[Enquiry]:
    if sort == "newest":
        return enquiries.order_by("-received_on", "-pk")
    if sort == "oldest":
        return enquiries.order_by("received_on", "pk")
    running = Q(status__in=(Enquiry.Status.WITH_CLERK, Enquiry.Status.ALLOCATED))
    return ordered_by_urgency(enquiries, running, "respond_due", today, "-received_on", "-pk")
