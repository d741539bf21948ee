"""The enquiry list page's reads, each a prepared query (``web/prepared.py``).

The page asks the same few questions on every request: how many enquiries
match, which ones fill this page (overdue first: :class:`~.listing.OpenFirst`),
who the rows name, and which wards and officers the Clerk's filters offer.
Built through the ORM on each request those questions cost about 0.8 ms of CPU
each to run 0.05 ms of SQL; prepared, Django builds each shape's SQL once per
process. The querysets are the ones the page always used (``access``, the
filters and orders of ``listing``), so what the page shows cannot drift from
the downloads and the API, which still use them directly;
tests/web/test_enquiry_list_prepared.py holds the two side by side.
"""

from __future__ import annotations

import datetime
import heapq
import itertools
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, QuerySet, Subquery

from propriety.councils.models import Council, Ward
from propriety.enquiries import access
from propriety.enquiries.listing import (
    REST_ORDER,
    ROW_COLUMNS,
    RUNNING,
    SORT_ORDERS,
    WAITING,
    WAITING_ORDER,
    ListRow,
    TwoParts,
    end_of_working_week,
    filter_enquiries,
)
from propriety.people.models import Person
from propriety.web.prepared import DATE, IDS, INT, TEXT, Prepared


@dataclass(frozen=True)
class Asked:
    """What the page was asked for: who sees what, the Clerk's filters and the sort.

    The filters are the view's, already read: ``officer`` and ``ward`` ids or None,
    ``status`` a status or "" and ``show`` "", "overdue" or "due_this_week".
    """

    council: Council
    person: Person
    manager: bool
    today: datetime.date
    sort: str
    show: str = ""
    officer: int | None = None
    ward: int | None = None
    status: str = ""

    def shape(self, part: str | tuple[str, str]) -> tuple[Any, ...]:
        return (part, self.manager, self.show, self.sort)

    def slots(self) -> dict[str, Any]:
        """The values the page's queries use, and None for those they do not."""
        return {
            "council": self.council.pk,
            "person": None if self.manager else self.person.pk,
            "today": self.today if self.show else None,
            "week_end": end_of_working_week(self.today) if self.show == "due_this_week" else None,
            "officer": self.officer,
            "ward": self.ward,
            "status": self.status or None,
        }


def _enquiries(
    shape: tuple[Any, ...],
    *,
    council: int,
    person: int | None,
    today: datetime.date | None,
    week_end: datetime.date | None,
    officer: int | None,
    ward: int | None,
    status: str | None,
) -> QuerySet[Any]:
    part, manager, show, sort = shape
    rows = access.visible_enquiries(Council(pk=council), person, manager=manager)
    rows = filter_enquiries(
        rows,
        show=show,
        officer=officer,
        ward=ward,
        status=status or "",
        today=today,
        week_end=week_end,
    )
    rows = rows.select_related(None)
    if part in ("total", "counts"):
        # COUNT(*) of one index each, grouped by the one council so that it is a
        # queryset, as a prepared query must be: counting both in one query with
        # COUNT(id) ... FILTER read every row of the council from the table on
        # PostgreSQL (OpenFirst._read_counts; bench/scale.py). Both counts come back
        # from one statement as two scalar subqueries, each planned on its own
        # (an index-only COUNT(*) each, as when they were two queries).
        total = rows.order_by().values("council").annotate(n=Count("*")).values("n")
        if part == "total":
            return total.values_list("n")
        waiting = rows.filter(RUNNING).order_by().values("council").annotate(n=Count("*"))
        both: QuerySet[Any] = (
            Council.objects.filter(pk=council)
            .order_by()
            .annotate(total=Subquery(total), waiting=Subquery(waiting.values("n")))
            .values_list("total", "waiting")
        )
        return both
    if isinstance(part, tuple):  # ("waiting", status): one status the index keeps in order
        rows = rows.filter(status=part[1]).order_by(*WAITING_ORDER)
    elif part == "rest":
        rows = rows.exclude(RUNNING).order_by(*REST_ORDER)
    else:
        rows = rows.order_by(*SORT_ORDERS[sort])
    return rows.values_list(*ROW_COLUMNS)


_ENQUIRIES = Prepared(
    _enquiries,
    council=INT,
    person=INT,
    today=DATE,
    week_end=DATE,
    officer=INT,
    ward=INT,
    status=TEXT,
)


class PreparedEnquiries(TwoParts[ListRow]):
    """The page's enquiries in the order asked for, counted and sliced by prepared queries
    (the urgency order as :class:`~.listing.OpenFirst` reads it: two parts)."""

    def __init__(self, asked: Asked) -> None:
        super().__init__()
        self.asked = asked
        self.urgency = asked.sort not in SORT_ORDERS or asked.sort == "urgency"
        self._slots = asked.slots()

    def _read_counts(self) -> tuple[int, int]:
        # Sorted by urgency the page needs both counts (where the waiting part ends):
        # one statement. Otherwise the total alone.
        found = _ENQUIRIES.values(
            self.asked.shape("counts" if self.urgency else "total"), **self._slots
        )
        counts = [int(n or 0) for n in found[0]] if found else [0]
        return counts[0], (counts[1] if self.urgency else 0)

    def _waiting_rows(self, start: int, stop: int) -> list[ListRow]:
        # Each waiting status read in the order of its (council, status, due) index, as
        # far as this page, and the two merged: asked for both statuses at once, the
        # database sorts every waiting enquiry for each page (1.2 ms for 1,000 on
        # SQLite, where the page's other queries take 0.05 ms each).
        streams = [self._rows(("waiting", status), 0, stop) for status in WAITING]
        merged = heapq.merge(*streams, key=_waiting_key)
        return list(itertools.islice(merged, start, stop))

    def _rest_rows(self, start: int, stop: int) -> list[ListRow]:
        return self._rows("rest" if self.urgency else "sorted", start, stop)

    def _rows(self, part: str | tuple[str, str], start: int, stop: int) -> list[ListRow]:
        found = _ENQUIRIES.values(
            self.asked.shape(part), limit=stop - start, offset=start, **self._slots
        )
        return [ListRow(*row) for row in found]

    def _prefetch(self, rows: list[ListRow]) -> None:
        """The page names its people itself (:func:`names`)."""


def _waiting_key(e: ListRow) -> tuple[datetime.date, int, int]:
    """``WAITING_ORDER`` as a sort key: due soonest, then received latest, then newest."""
    return (e.respond_due, -e.received_on.toordinal(), -e.pk)


def _names(shape: None, *, council: int, ids: list[int]) -> QuerySet[Any]:
    return (
        Person.objects.for_council(Council(pk=council))
        .filter(pk__in=ids)
        .values_list("pk", "full_name")
    )


_NAMES = Prepared(_names, council=INT, ids=IDS)


def names(council: Council, enquiries: Sequence[ListRow]) -> dict[int, str]:
    """Every member and officer ``enquiries`` name, by id, in one query."""
    ids = {e.member_id for e in enquiries} | {e.officer_id for e in enquiries if e.officer_id}
    if not ids:
        return {}
    return dict(_NAMES.values(None, council=council.pk, ids=sorted(ids)))


def _wards(shape: None, *, council: int) -> QuerySet[Any]:
    return Ward.objects.for_council(Council(pk=council)).order_by("name").values_list("pk", "name")


_WARDS = Prepared(_wards, council=INT)


def ward_options(council: Council) -> list[tuple[int, str]]:
    """The ward filter's options: read from the ward table, never by scanning enquiries."""
    return _WARDS.values(None, council=council.pk)
