"""Shared pieces of the enquiry actions: the roles asked about, the refusal, small helpers."""

from __future__ import annotations

import datetime
from typing import Any

from django.core.exceptions import PermissionDenied

from propriety.audit.recording import action_day
from propriety.enquiries.clocks import clocks_for
from propriety.enquiries.models import Enquiry
from propriety.people.roles import Role
from propriety.protocol import Decision

# The member's role the rulebook is asked about, most specific first.
_ASKER_ROLES = (
    (Role.CABINET_MEMBER, "cabinet_member"),
    (Role.LEADER, "leader"),
    (Role.MAYOR, "mayor"),
    (Role.COUNCIL_CHAIR, "council_chair"),
    (Role.COMMITTEE_CHAIR, "committee_chair"),
    (Role.COUNCILLOR, "councillor"),
    (Role.CO_OPTED_MEMBER, "co_opted_member"),
)
_MANAGER_ROLES = ("proper_officer", "chief_executive")


class EnquiryRefused(Exception):
    """The rulebook refuses the request as made; ``decision`` cites the clause."""

    def __init__(self, decision: Decision, proper_route: str) -> None:
        super().__init__(decision.explanation)
        self.decision = decision
        self.proper_route = proper_route


def _require(allowed: bool, message: str) -> None:
    if not allowed:
        raise PermissionDenied(message)


def _today(today: datetime.date | None) -> datetime.date:
    return action_day(today)


def _says(enquiry: Enquiry, text: str, **extra: Any) -> dict[str, Any]:
    return {"says": text, **extra}


def _route_clauses(enquiry: Enquiry) -> list[dict[str, str]]:
    return [
        {"rulebook": c["rulebook"], "clause": c["clause"]}
        for c in enquiry.route.get("citations", [])
    ]


def _clock_clauses(enquiry: Enquiry, day: datetime.date) -> list[dict[str, str]]:
    return clocks_for(enquiry, day).clauses
