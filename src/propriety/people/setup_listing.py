"""How the Clerk's list of people is filtered, sorted and downloaded. Each row is a person
with the roles they hold today (worked out in Python: a member's roles end with their term)."""

from __future__ import annotations

from typing import Any

from propriety.people.models import Person
from propriety.web.exports import Column
from propriety.web.list_controls import Filter

Row = tuple[Person, list[Any]]

STATUSES = (("current", "Current"), ("no_role", "No role today"), ("disabled", "Disabled"))


def status_of(row: Row) -> str:
    person, roles = row
    if not person.is_active:
        return "disabled"
    return "current" if roles else "no_role"


def _roles(roles: list[Any]) -> str:
    return "; ".join(f"{r} ({r.job_title})" if r.job_title else str(r) for r in roles)


FILTERS = (
    Filter(
        "status",
        "Status",
        STATUSES,
        lambda rows, v: [r for r in rows if status_of(r) == v],
    ),
)
SORTS = {"current": "Current first, by name", "name": "By name"}
COLUMNS = (
    Column("Name", lambda r: r[0].full_name),
    Column("Email", lambda r: r[0].email),
    Column("Roles today", lambda r: _roles(r[1])),
    Column("Status", lambda r: dict(STATUSES)[status_of(r)]),
)


def sorted_people(rows: list[Row], sort: str) -> list[Row]:
    def by_name(row: Row) -> tuple[str, int]:
        return (row[0].full_name.lower(), row[0].pk)

    if sort == "name":
        return sorted(rows, key=by_name)
    return sorted(rows, key=lambda row: (status_of(row) != "current", *by_name(row)))
