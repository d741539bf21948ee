"""How the questions about the protocol are filtered, sorted and downloaded, for the pages
and the API."""

from __future__ import annotations

from django.db.models import Q, QuerySet

from propriety.protocoltext.models import ClauseQuestion
from propriety.web.exports import Column
from propriety.web.list_controls import field_filter
from propriety.web.paging import BY_DATE, open_first, sorted_by_date

OPEN = Q(status=ClauseQuestion.Status.OPEN)

FILTERS = (field_filter("status", "Status", ClauseQuestion.Status.choices, "status"),)
SORTS = {"open": "Waiting for an answer first", **BY_DATE}
COLUMNS = (
    Column("Reference", lambda q: q.reference),
    Column("Asked by", lambda q: q.asked_by.full_name),
    Column("Asked", lambda q: q.asked_on),
    Column("Clause", lambda q: q.clause),
    Column("Question", lambda q: q.question),
    Column("Status", lambda q: q.get_status_display()),
    Column("Answered by", lambda q: q.answered_by.full_name if q.answered_by else ""),
    Column("Answered", lambda q: q.answered_on),
)


def sorted_questions(rows: QuerySet[ClauseQuestion], sort: str) -> QuerySet[ClauseQuestion]:
    return sorted_by_date(rows, sort, "asked_on", lambda r: open_first(r, OPEN, "-asked_on", "-pk"))
