"""How the register and the panels list are filtered, sorted and downloaded, for the pages
and the API alike."""

from __future__ import annotations

import datetime

from django.db.models import Q, QuerySet

from propriety.interests.models import NATURES, Declaration, Panel
from propriety.web.exports import Column
from propriety.web.list_controls import current_q, field_filter, period_filter
from propriety.web.paging import BY_DATE, open_first, sorted_by_date

DECLARATION_FILTERS = (
    period_filter("Holds"),
    field_filter("nature", "Kind", [(k, v[0]) for k, v in NATURES.items()], "nature", "Any kind"),
)
# The first is the default: what holds today first, newest declared first.
DECLARATION_SORTS = {"current": "Current first", **BY_DATE}
DECLARATION_COLUMNS = (
    Column("Reference", lambda d: d.reference),
    Column("Declared by", lambda d: d.declarer.full_name),
    Column("With", lambda d: d.with_whom),
    Column("Kind", lambda d: d.nature_label),
    Column("Details", lambda d: d.details),
    Column("From", lambda d: d.starts_on),
    Column("To", lambda d: d.ends_on),
    Column("Declared", lambda d: d.declared_on),
)


def sorted_declarations(
    rows: QuerySet[Declaration], sort: str, today: datetime.date
) -> QuerySet[Declaration]:
    return sorted_by_date(
        rows, sort, "declared_on", lambda r: open_first(r, current_q(today), "-declared_on", "-pk")
    )


PANEL_FILTERS = (
    field_filter("status", "Status", Panel.Status.choices, "status"),
    field_filter("kind", "Kind", Panel.Kind.choices, "kind", "Any kind"),
)
PANEL_SORTS = {"open": "Open first", **BY_DATE}
PANEL_COLUMNS = (
    Column("Reference", lambda p: p.reference),
    Column("Panel", lambda p: p.title),
    Column("Kind", lambda p: p.get_kind_display()),
    Column("About", lambda p: p.subject.full_name if p.subject else ""),
    Column("Formed", lambda p: p.formed_on),
    Column("Status", lambda p: p.get_status_display()),
    Column("Closed", lambda p: p.closed_on),
    Column("Outcome", lambda p: p.outcome),
)


def sorted_panels(rows: QuerySet[Panel], sort: str) -> QuerySet[Panel]:
    open_q = Q(status=Panel.Status.OPEN)
    return sorted_by_date(
        rows, sort, "formed_on", lambda r: open_first(r, open_q, "-formed_on", "-pk")
    )
