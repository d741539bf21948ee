"""How the enquiry list is sorted and downloaded, for the pages and the API alike."""

from __future__ import annotations

import datetime
from collections.abc import Iterator, Sequence
from typing import Any, overload

from django.db.models import Q, QuerySet, prefetch_related_objects
from django.urls import reverse
from django.utils.html import format_html_join
from django.utils.safestring import SafeString

from propriety.councils.models import Council
from propriety.enquiries.clocks import is_overdue
from propriety.enquiries.models import Enquiry
from propriety.people.models import Person
from propriety.protocol import format_date
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
    enquiries: QuerySet[Enquiry],
    sort: str,
    today: datetime.date,
    relations: Sequence[str] = ROW_RELATIONS,
) -> QuerySet[Enquiry] | OpenFirst:
    """``enquiries`` in the order ``sort`` names, with ``relations`` read by key for
    the rows fetched (the list page names its people itself: :func:`list_rows`)."""
    if sort == "newest":
        return enquiries.prefetch_related(*relations).order_by("-received_on", "-pk")
    if sort == "oldest":
        return enquiries.prefetch_related(*relations).order_by("received_on", "pk")
    return OpenFirst(enquiries, relations)


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

    def __init__(self, rows: QuerySet[Enquiry], relations: Sequence[str] = ROW_RELATIONS) -> None:
        self.rows = rows = rows.select_related(None)
        self.relations = tuple(relations)
        self.waiting = rows.filter(RUNNING).order_by("respond_due", "-received_on", "-pk")
        self.rest = rows.exclude(RUNNING).order_by("-received_on", "-pk")
        self._count: int | None = None  # (len() rather than count(): Sequence's takes a value)
        self._waiting_count: int | None = None

    def _counts(self) -> None:
        # Two COUNT(*)s, each an index-only scan: the total of the (council) index, the
        # waiting ones of the (council, status, due) index. One query counting both
        # (COUNT(id) ... FILTER) read every row of the council from the table: 57 ms
        # against 5 ms at 50,000 enquiries (bench/scale.py, 6 December 2026).
        self._count = self.rows.order_by().count()
        self._waiting_count = self.waiting.order_by().count()

    def __len__(self) -> int:
        if self._count is None:
            self._counts()
        assert self._count is not None
        return self._count

    def _waiting(self) -> int:
        if self._waiting_count is None:
            self._counts()
        assert self._waiting_count is not None
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
        prefetch_related_objects(rows, *self.relations)  # once for the page, by key
        return rows

    def __iter__(self) -> Iterator[Enquiry]:
        yield from self.waiting.prefetch_related(*self.relations)
        yield from self.rest.prefetch_related(*self.relations)


# --- the rows of the list page ----------------------------------------------------------

# The status tag's colour: the same as enquiries/_status_tag.html (the case page's), which
# a test holds them to.
STATUS_TAGS = {
    Enquiry.Status.WITH_CLERK: "govuk-tag--yellow",
    Enquiry.Status.ALLOCATED: "govuk-tag--blue",
    Enquiry.Status.AWAITING_MEMBER: "govuk-tag--orange",
    Enquiry.Status.ANSWERED: "govuk-tag--green",
}
# What a row shows, and nothing more: the page reads no enquiry's body.
ROW_FIELDS = (
    "council_id",
    "subject",
    "status",
    "priority",
    "respond_due",
    "received_on",
    "member",
    "officer",
)
_PK_MARK = 2147483647


def for_rows(enquiries: QuerySet[Enquiry]) -> QuerySet[Enquiry]:
    """``enquiries`` reading only what :func:`list_rows` shows (people by key, not joined:
    see ``ROW_RELATIONS``)."""
    return enquiries.select_related(None).only(*ROW_FIELDS)


def list_rows(
    enquiries: Sequence[Enquiry], today: datetime.date, council: Council
) -> list[dict[str, Any]]:
    """The list page's rows as plain values, so the template does no lookups of its own.

    A row of seven cells for each enquiry was most of the page's rendering when
    the template asked each enquiry for its fields, its links and its tag.
    """
    # One reverse() for the whole page: every case page's address differs only by its id.
    detail = reverse("enquiries:detail", args=[_PK_MARK]).replace(str(_PK_MARK), "{}")
    statuses = dict(Enquiry.Status.choices)
    priorities = dict(Enquiry.Priority.choices)
    # Every member and officer the page names, in one query by key.
    ids = {e.member_id for e in enquiries} | {e.officer_id for e in enquiries if e.officer_id}
    names = (
        dict(Person.objects.for_council(council).filter(pk__in=ids).values_list("pk", "full_name"))
        if ids
        else {}
    )
    return [
        {
            "pk": e.pk,
            "url": detail.format(e.pk),
            "reference": e.reference,
            "subject": e.subject,
            "member": names.get(e.member_id, ""),
            "officer": names.get(e.officer_id, "") if e.officer_id else "",
            "status": statuses.get(e.status, e.status),
            "tag": STATUS_TAGS.get(e.status, "govuk-tag--grey"),  # type: ignore[call-overload]
            "priority": priorities.get(e.priority, e.priority),
            "due": format_date(e.respond_due) if e.respond_due else "",
            "overdue": is_overdue(e, today),
        }
        for e in enquiries
    ]


_ROW = (
    '<tr class="govuk-table__row" id="enquiry-{pk}">'
    '<td class="govuk-table__cell">{reference}</td>'
    '<td class="govuk-table__cell"><a class="govuk-link" href="{url}">{subject}</a></td>'
    '<td class="govuk-table__cell">{member}</td>'
    '<td class="govuk-table__cell">{officer}</td>'
    '<td class="govuk-table__cell"><strong class="govuk-tag {tag}">{status}</strong></td>'
    '<td class="govuk-table__cell">{priority}</td>'
    '<td class="govuk-table__cell">{due}{overdue}</td>'
    "</tr>\n"
)
_OVERDUE = SafeString(' <strong class="govuk-tag govuk-tag--red">Overdue</strong>')


def rows_html(rows: list[dict[str, Any]]) -> SafeString:
    """The table body's rows (GOV.UK table markup), every value escaped.

    Built here rather than in the template: twenty-five rows of seven cells were
    about half the page's rendering as template variables, and a tenth as this.
    """
    return format_html_join(
        "",
        _ROW,
        (
            {
                **row,
                "officer": row["officer"] or "Not allocated yet",
                "overdue": _OVERDUE if row["overdue"] else "",
            }
            for row in rows
        ),
    )
