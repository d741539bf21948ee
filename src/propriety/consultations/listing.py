"""How the delegated actions are filtered, sorted and downloaded, for the pages and the API."""

from __future__ import annotations

from django.db.models import Q, QuerySet

from propriety.consultations.models import DelegatedAction
from propriety.web.exports import Column
from propriety.web.list_controls import field_filter
from propriety.web.paging import BY_DATE, open_first, sorted_by_date

OPEN = Q(status=DelegatedAction.Status.AWAITING)

FILTERS = (field_filter("status", "Status", DelegatedAction.Status.choices, "status"),)
SORTS = {"open": "Waiting for the officer first", **BY_DATE}
COLUMNS = (
    Column("Reference", lambda a: a.reference),
    Column("Matter", lambda a: a.matter),
    Column("Resolution", lambda a: a.resolution_reference),
    Column("Committee", lambda a: a.committee.name if a.committee else ""),
    Column("Officer", lambda a: a.officer.full_name),
    Column("Chair consulted", lambda a: a.chair.full_name),
    Column("Authorised", lambda a: a.authorised_on),
    Column("Status", lambda a: a.get_status_display()),
    Column("Consulted", lambda a: a.consulted_on),
    Column("Decided", lambda a: a.decided_on),
)


def sorted_actions(rows: QuerySet[DelegatedAction], sort: str) -> QuerySet[DelegatedAction]:
    return sorted_by_date(
        rows, sort, "authorised_on", lambda r: open_first(r, OPEN, "-authorised_on", "-pk")
    )
