"""One way to page and sort every list and register, on pages and in exports.

A list view builds its queryset (or list) as before, then::

    listing = paginate(request, rows, noun="enquiries")
    return render(request, "…", {"listing": listing, ...})

and its template loops over ``listing.items`` and includes
``includes/pagination.html`` after the table. The page number and size are
read from the URL (``page``, ``per_page``); every other query parameter (the
filters and ``sort``) is kept in the links to other pages, so a filtered,
sorted list stays filtered and sorted as you page through it. A page number
past the end shows the last page; a nonsense one shows the first: never a 404
or a 500 for a hand-edited URL.

Sorting is chosen from a fixed table with :func:`sort_choice`, so a URL can
never order by a field the view did not offer. "Overdue first" is
:func:`ordered_by_urgency`: overdue, then open by due date, then the rest.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar
from urllib.parse import urlencode

from django.core.paginator import Page, Paginator
from django.db.models import Case, F, IntegerField, Q, QuerySet, Value, When
from django.http import HttpRequest

T = TypeVar("T")

PER_PAGE = 25
MAX_PER_PAGE = 200
# The largest id a database column holds (a signed 64-bit integer). A filter's id beyond it
# is refused (the API: 422) or ignored (the pages), never an OverflowError in the driver.
MAX_ID = 2**63 - 1


def _positive_int(value: str | None, default: int, ceiling: int) -> int:
    try:
        number = int(value) if value else default
    except ValueError:
        return default
    return min(max(number, 1), ceiling)


@dataclass(frozen=True)
class Listing(Generic[T]):
    """One page of a list, with what the page's links and caption need."""

    page: Page[T]
    noun: str
    params: dict[str, str]
    param: str = "page"

    @property
    def items(self) -> Sequence[T]:
        return self.page.object_list  # type: ignore[return-value]

    @property
    def count(self) -> int:
        return self.page.paginator.count

    @property
    def number(self) -> int:
        return self.page.number

    @property
    def num_pages(self) -> int:
        return self.page.paginator.num_pages

    @property
    def first_index(self) -> int:
        return self.page.start_index()

    @property
    def last_index(self) -> int:
        return self.page.end_index()

    @property
    def query(self) -> str:
        """The filters and sort, without any page number: for export links."""
        return urlencode({k: v for k, v in self.params.items() if not k.endswith("page")})

    def url_for(self, number: int) -> str:
        params = dict(self.params)
        if number > 1:
            params[self.param] = str(number)
        return "?" + urlencode(params) if params else "?"

    @property
    def previous_url(self) -> str:
        return self.url_for(self.page.previous_page_number()) if self.page.has_previous() else ""

    @property
    def next_url(self) -> str:
        return self.url_for(self.page.next_page_number()) if self.page.has_next() else ""

    @property
    def links(self) -> list[dict[str, Any]]:
        """GOV.UK pagination items: first, last, the current page and its neighbours, with
        ellipses between."""
        wanted = {1, self.num_pages, self.number - 1, self.number, self.number + 1}
        links: list[dict[str, Any]] = []
        previous = 0
        for n in sorted(k for k in wanted if 1 <= k <= self.num_pages):
            if previous and n > previous + 1:
                links.append({"ellipsis": True})
            links.append({"number": n, "url": self.url_for(n), "current": n == self.number})
            previous = n
        return links


def kept_params(request: HttpRequest, param: str = "page") -> dict[str, str]:
    """The query parameters a list keeps across pages: everything but its page number."""
    return {k: str(v) for k, v in request.GET.items() if k not in (param, "format") and v != ""}


def paginate(
    request: HttpRequest,
    rows: QuerySet[Any] | Sequence[Any],
    *,
    noun: str,
    per_page: int = PER_PAGE,
    param: str = "page",
) -> Listing[Any]:
    """The page of ``rows`` the URL asks for (``?page=N&per_page=M``).

    Two lists on one page each name their own ``param`` (e.g. ``raised_page``)
    so paging one keeps the other where it was.
    """
    size = _positive_int(request.GET.get("per_page"), per_page, MAX_PER_PAGE)
    paginator = Paginator(rows, size, allow_empty_first_page=True)
    page = paginator.get_page(request.GET.get(param))
    return Listing(page=page, noun=noun, params=kept_params(request, param), param=param)


def sort_choice(params: Mapping[str, str], choices: Mapping[str, Any], default: str) -> str:
    """The ``sort`` the URL asks for, if the view offers it; else the view's default."""
    asked = params.get("sort", "")
    return asked if asked in choices else default


def urgency(open_q: Q, due_field: str, today: datetime.date) -> Case:
    """0 for an open case past its due date, 1 for any other open case, 2 for the rest.

    Order by it (then by the due date) to put overdue work first, then what is
    due soonest, then what is finished.
    """
    return Case(
        When(open_q & Q(**{f"{due_field}__lt": today}), then=Value(0)),
        When(open_q, then=Value(1)),
        default=Value(2),
        output_field=IntegerField(),
    )


def ordered_by_urgency(
    rows: QuerySet[Any], open_q: Q, due_field: str, today: datetime.date, *then: str
) -> QuerySet[Any]:
    """Overdue first, then open by due date (soonest first), then the rest by ``then``."""
    ordered: QuerySet[Any] = rows.annotate(
        _urgency=urgency(open_q, due_field, today),
        _open_due=Case(When(open_q, then=F(due_field)), default=None),
    ).order_by("_urgency", F("_open_due").asc(nulls_last=True), *then)
    return ordered


def open_first(rows: QuerySet[Any], open_q: Q, *then: str) -> QuerySet[Any]:
    """Open cases first, then the rest, each by ``then``: for lists without due dates."""
    ordered: QuerySet[Any] = rows.annotate(
        _open=Case(When(open_q, then=Value(0)), default=Value(1), output_field=IntegerField())
    ).order_by("_open", *then)
    return ordered


# The two sorts by date every list offers after its own default.
BY_DATE = {"newest": "Newest first", "oldest": "Oldest first"}


def sorted_by_date(
    rows: QuerySet[Any],
    sort: str,
    date_field: str,
    default: Callable[[QuerySet[Any]], QuerySet[Any]],
) -> QuerySet[Any]:
    """``rows`` newest or oldest first by ``date_field`` (then id) when ``sort`` asks for it,
    else in the list's ``default`` order."""
    if sort == "newest":
        return rows.order_by(f"-{date_field}", "-pk")
    if sort == "oldest":
        return rows.order_by(date_field, "pk")
    return default(rows)


def sorted_by_urgency(
    rows: QuerySet[Any],
    sort: str,
    today: datetime.date,
    *,
    open_q: Q,
    due_field: str,
    date_field: str,
) -> QuerySet[Any]:
    """Newest or oldest first by ``date_field`` when asked; by default overdue first, then
    open by ``due_field`` (soonest first), then the rest newest first."""
    return sorted_by_date(
        rows,
        sort,
        date_field,
        lambda r: ordered_by_urgency(r, open_q, due_field, today, f"-{date_field}", "-pk"),
    )
