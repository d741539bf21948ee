"""How the enquiry list is sorted and downloaded, for the pages and the API alike."""

from __future__ import annotations

import datetime
from abc import abstractmethod
from collections.abc import Iterator, Sequence
from html import escape
from typing import Any, NamedTuple, TypeVar, overload

from django.db.models import Q, QuerySet, prefetch_related_objects
from django.urls import reverse
from django.utils.safestring import SafeString, mark_safe

from propriety.enquiries.clocks import is_overdue
from propriety.enquiries.models import Enquiry, enquiry_reference
from propriety.protocol import format_date
from propriety.web.exports import Column

T = TypeVar("T")

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


def end_of_working_week(day: datetime.date) -> datetime.date:
    """The Friday of ``day``'s week; at a weekend, the Friday of the week ahead."""
    if day.weekday() >= 5:
        day += datetime.timedelta(days=7 - day.weekday())
    return day + datetime.timedelta(days=4 - day.weekday())


# Enquiries waiting for the council: the Clerk to allocate, or an officer to answer.
WAITING = (Enquiry.Status.WITH_CLERK, Enquiry.Status.ALLOCATED)
RUNNING = Q(status__in=WAITING)
# The Clerk's casework views (``?show=``).
SHOWS = ("overdue", "due_this_week")


def filter_enquiries(
    enquiries: QuerySet[Enquiry],
    *,
    show: str = "",
    officer: int | None = None,
    ward: int | None = None,
    status: str = "",
    today: datetime.date | None,
    week_end: datetime.date | None = None,
) -> QuerySet[Enquiry]:
    """The Clerk's filters: show=overdue|due_this_week, officer, ward, status (``status``
    one the model knows, or "": the view checks what the URL says). ``today`` is needed
    only to show what is overdue or due."""
    if show in SHOWS:
        if today is None:
            raise ValueError(f"show={show} needs today.")
        if show == "overdue":
            enquiries = enquiries.filter(RUNNING, respond_due__lt=today)
        else:
            enquiries = enquiries.filter(
                RUNNING,
                respond_due__gte=today,
                respond_due__lte=week_end or end_of_working_week(today),
            )
    if officer is not None:
        enquiries = enquiries.filter(officer_id=officer)
    if ward is not None:
        enquiries = enquiries.filter(ward_id=ward)
    if status:
        enquiries = enquiries.filter(status=status)
    return enquiries


# The orders the list offers besides the default; the default (urgency) reads the waiting
# enquiries by due date, then the rest newest first (``OpenFirst``).
SORT_ORDERS = {"newest": ("-received_on", "-pk"), "oldest": ("received_on", "pk")}
WAITING_ORDER = ("respond_due", "-received_on", "-pk")
REST_ORDER = SORT_ORDERS["newest"]


def sorted_enquiries(
    enquiries: QuerySet[Enquiry],
    sort: str,
    today: datetime.date,
    relations: Sequence[str] = ROW_RELATIONS,
) -> QuerySet[Enquiry] | OpenFirst:
    """``enquiries`` in the order ``sort`` names, with ``relations`` read by key for
    the rows fetched (the list page names its people itself: :func:`list_rows`)."""
    if sort in SORT_ORDERS:
        return enquiries.prefetch_related(*relations).order_by(*SORT_ORDERS[sort])
    return OpenFirst(enquiries, relations)


class TwoParts(Sequence[T]):
    """A list read as two parts, the waiting enquiries then the rest, each only as far
    as a page asks; one count of both says where the second part starts."""

    def __init__(self) -> None:
        self._count: int | None = None  # (len() rather than count(): Sequence's takes a value)
        self._waiting_count: int | None = None

    @abstractmethod
    def _read_counts(self) -> tuple[int, int]:
        """How many in all, and how many of them waiting."""

    @abstractmethod
    def _waiting_rows(self, start: int, stop: int) -> list[T]:
        """The waiting part's rows ``start`` to ``stop``, in its order."""

    @abstractmethod
    def _rest_rows(self, start: int, stop: int) -> list[T]:
        """The rest's rows ``start`` to ``stop`` (counted from the rest's first), in its order."""

    def _prefetch(self, rows: list[T]) -> None:
        """Read what the rows name, once for the page."""

    def _counts(self) -> None:
        self._count, self._waiting_count = self._read_counts()

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
    def __getitem__(self, index: int) -> T: ...

    @overload
    def __getitem__(self, index: slice) -> list[T]: ...

    def __getitem__(self, index: int | slice) -> T | list[T]:
        if isinstance(index, int):
            found = self[index : index + 1]
            if index < 0 or not found:
                raise IndexError(index)
            return found[0]
        start, stop, step = index.indices(len(self))
        if step != 1:
            raise ValueError(f"{type(self).__name__} takes slices without a step")
        if stop <= start:
            return []
        waiting = self._waiting()
        rows: list[T] = []
        if start < waiting:
            rows += self._waiting_rows(start, min(stop, waiting))
        if stop > waiting:
            rows += self._rest_rows(max(0, start - waiting), stop - waiting)
        self._prefetch(rows)
        return rows


class OpenFirst(TwoParts[Enquiry]):
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
        super().__init__()
        self.rows = rows = rows.select_related(None)
        self.relations = tuple(relations)
        self.waiting = rows.filter(RUNNING).order_by(*WAITING_ORDER)
        self.rest = rows.exclude(RUNNING).order_by(*REST_ORDER)

    def _read_counts(self) -> tuple[int, int]:
        # Two COUNT(*)s, each an index-only scan: the total of the (council) index, the
        # waiting ones of the (council, status, due) index. One query counting both
        # (COUNT(id) ... FILTER) read every row of the council from the table: 57 ms
        # against 5 ms at 50,000 enquiries (bench/scale.py, 6 December 2026).
        return self.rows.order_by().count(), self.waiting.order_by().count()

    def _waiting_rows(self, start: int, stop: int) -> list[Enquiry]:
        return list(self.waiting[start:stop])

    def _rest_rows(self, start: int, stop: int) -> list[Enquiry]:
        return list(self.rest[start:stop])

    def _prefetch(self, rows: list[Enquiry]) -> None:
        prefetch_related_objects(rows, *self.relations)  # once for the page, by key

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


class ListRow(NamedTuple):
    """What a row of the list page shows of an enquiry, read as values: building a model
    instance for each row cost three times reading it."""

    pk: int
    member_id: int
    officer_id: int | None
    subject: str
    status: str
    priority: str
    respond_due: datetime.date
    received_on: datetime.date

    @property
    def reference(self) -> str:
        return enquiry_reference(self.pk)


# A row's columns, in ``ListRow``'s order: the page reads no enquiry's body.
ROW_COLUMNS = tuple(f if f != "pk" else "id" for f in ListRow._fields)
_PK_MARK = 2147483647


def list_rows(
    enquiries: Sequence[ListRow], today: datetime.date, names: dict[int, str]
) -> list[dict[str, Any]]:
    """The list page's rows as plain values, so the template does no lookups of its own.

    A row of seven cells for each enquiry was most of the page's rendering when
    the template asked each enquiry for its fields, its links and its tag.
    """
    # One reverse() for the whole page: every case page's address differs only by its id.
    detail = reverse("enquiries:detail", args=[_PK_MARK]).replace(str(_PK_MARK), "{}")
    statuses = dict(Enquiry.Status.choices)
    priorities = dict(Enquiry.Priority.choices)
    # ``names``: every member and officer the page names, by id (list_page.names).
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
    '<td class="govuk-table__cell" data-label="Reference">{reference}</td>'
    '<td class="govuk-table__cell" data-label="Subject">'
    '<a class="govuk-link" href="{url}">{subject}</a></td>'
    '<td class="govuk-table__cell" data-label="Member">{member}</td>'
    '<td class="govuk-table__cell" data-label="Officer">{officer}</td>'
    '<td class="govuk-table__cell" data-label="Status">'
    '<strong class="govuk-tag {tag}">{status}</strong></td>'
    '<td class="govuk-table__cell" data-label="Priority">{priority}</td>'
    '<td class="govuk-table__cell" data-label="Answer due by">{due}{overdue}</td>'
    "</tr>\n"
)
_OVERDUE = ' <strong class="govuk-tag govuk-tag--red">Overdue</strong>'


def rows_html(rows: list[dict[str, Any]]) -> SafeString:
    """The table body's rows (GOV.UK table markup), every value escaped (``html.escape``,
    which is what Django's ``escape`` calls).

    Built here rather than in the template: twenty-five rows of seven cells were
    about half the page's rendering as template variables, and a tenth as this;
    with ``format_html`` escaping each value through Django's lazy-string wrappers,
    still a tenth of the whole request.
    """
    return mark_safe(  # noqa: S308  (every value is escaped)
        "".join(
            _ROW.format(
                pk=int(row["pk"]),
                reference=escape(str(row["reference"])),
                url=escape(str(row["url"])),
                subject=escape(str(row["subject"])),
                member=escape(str(row["member"])),
                officer=escape(str(row["officer"] or "Not allocated yet")),
                tag=escape(str(row["tag"])),
                status=escape(str(row["status"])),
                priority=escape(str(row["priority"])),
                due=escape(str(row["due"])),
                overdue=_OVERDUE if row["overdue"] else "",
            )
            for row in rows
        )
    )
