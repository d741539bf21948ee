"""How the enquiry list is sorted and downloaded, for the pages and the API alike."""

from __future__ import annotations

import datetime
from collections.abc import Iterator, Sequence
from typing import overload

from django.db.models import Q, QuerySet, prefetch_related_objects

from propriety.enquiries.models import Enquiry
from propriety.web.exports import Column

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


# What each row names, read by key for the rows of the page only. Joined into
# the list's queries, they let PostgreSQL hash every person of every council
# (3,000 in a tenancy of 1,000 councils) to name 25 rows: a council's page
# then cost more as other councils grew (bench/scale.py, EXPLAIN ANALYZE).
ROW_RELATIONS = ("member", "officer", "ward", "addressed_officer")


def sorted_enquiries(
    enquiries: QuerySet[Enquiry], sort: str, today: datetime.date
) -> QuerySet[Enquiry] | OpenFirst:
    enquiries = enquiries.select_related(None)
    if sort == "newest":
        return enquiries.prefetch_related(*ROW_RELATIONS).order_by("-received_on", "-pk")
    if sort == "oldest":
        return enquiries.prefetch_related(*ROW_RELATIONS).order_by("received_on", "pk")
    return OpenFirst(enquiries)


RUNNING = Q(status__in=(Enquiry.Status.WITH_CLERK, Enquiry.Status.ALLOCATED))


class OpenFirst(Sequence[Enquiry]):
    """Overdue first, then due soonest, then the rest newest first: as two queries.

    Waiting enquiries ordered by their due date put the overdue ones first (they
    fell due before today). Ordering every row of the council by a computed
    urgency made the database read and sort all of them for each page, so a
    page cost grew with the council's whole history; instead the waiting ones
    (few, whatever the history) come from the (council, status, due) index and
    the rest from the (council, received) index, each read only as far as the
    page asked for. One count gives the total; one more, of the waiting ones,
    says where the second query starts.
    """

    def __init__(self, rows: QuerySet[Enquiry]) -> None:
        self.rows = rows
        self.waiting = rows.filter(RUNNING).order_by("respond_due", "-received_on", "-pk")
        self.rest = rows.exclude(RUNNING).order_by("-received_on", "-pk")
        self._count: int | None = None  # (len() rather than count(): Sequence's takes a value)
        self._waiting_count: int | None = None

    def __len__(self) -> int:
        if self._count is None:
            self._count = self.rows.count()
        return self._count

    def _waiting(self) -> int:
        if self._waiting_count is None:
            self._waiting_count = self.waiting.count()
        return self._waiting_count

    @overload
    def __getitem__(self, index: int) -> Enquiry: ...

    @overload
    def __getitem__(self, index: slice) -> list[Enquiry]: ...

    def __getitem__(self, index: int | slice) -> Enquiry | list[Enquiry]:
        if isinstance(index, int):
            found = self[index : index + 1]
            if index < 0 or not found:
                raise IndexError(index)
            return found[0]
        start, stop, step = index.indices(len(self))
        if step != 1:
            raise ValueError("OpenFirst takes slices without a step")
        if stop <= start:
            return []
        waiting = self._waiting()
        rows: list[Enquiry] = []
        if start < waiting:
            rows += list(self.waiting[start : min(stop, waiting)])
        if stop > waiting:
            rows += list(self.rest[max(0, start - waiting) : stop - waiting])
        prefetch_related_objects(rows, *ROW_RELATIONS)  # once for the page, by key
        return rows

    def __iter__(self) -> Iterator[Enquiry]:
        yield from self.waiting.prefetch_related(*ROW_RELATIONS)
        yield from self.rest.prefetch_related(*ROW_RELATIONS)
