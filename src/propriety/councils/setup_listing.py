"""How the set-up lists of committees, wards and party groups are filtered, sorted and
downloaded."""

from __future__ import annotations

import datetime
from typing import Any

from django.db.models import Count, Q, QuerySet

from propriety.web.exports import Column
from propriety.web.list_controls import Filter
from propriety.web.paging import open_first

OPEN = Q(closed_on__isnull=True)

FILTERS = (
    Filter(
        "status",
        "Status",
        (("open", "Open"), ("closed", "Closed")),
        lambda rows, v: rows.filter(closed_on__isnull=v == "open"),
    ),
)
SORTS = {"open": "Open first, by name", "name": "By name"}
COLUMNS = (
    Column("Name", lambda b: b.name),
    Column("Members today", lambda b: b.members_today),
    Column("Status", lambda b: "Closed" if b.closed_on else "Open"),
    Column("Closed", lambda b: b.closed_on),
)


def listed_bodies(rows: QuerySet[Any], sort: str, today: datetime.date) -> QuerySet[Any]:
    """With how many hold a membership today (one query, not one a row)."""
    today_q = Q(memberships__starts_on__lte=today) & (
        Q(memberships__ends_on__isnull=True) | Q(memberships__ends_on__gte=today)
    )
    counted: QuerySet[Any] = rows.annotate(
        members_today=Count("memberships", filter=today_q, distinct=True)
    )
    if sort == "name":
        return counted.order_by("name", "pk")
    return open_first(counted, OPEN, "name", "pk")
