"""Shared pieces of the concern actions: who raises what, the refusal, small helpers."""

from __future__ import annotations

import datetime

from django.core.exceptions import PermissionDenied

from propriety.audit.recording import action_day
from propriety.concerns.models import (
    Concern,
)
from propriety.councils.protocol import role_title, the
from propriety.people.holders import is_officer
from propriety.people.models import Person
from propriety.protocol import Decision
from propriety.web.wording import and_list

_NEXT_STAGE = {"new": "first", "first": "second"}

# Who raises each kind of concern, and whom it may be about.
MEMBER, OFFICER, EITHER = "member", "officer", "either"
RAISED_BY: dict[str, str] = {
    "member_about_officer": MEMBER,
    "officer_about_member": OFFICER,
    "disagreement": EITHER,
    "grievance": OFFICER,
    "code_of_conduct": EITHER,
    "breach_by_officer": EITHER,
}
ABOUT: dict[str, str | None] = {
    "member_about_officer": OFFICER,
    "officer_about_member": MEMBER,
    "disagreement": EITHER,
    "grievance": None,  # may name someone, need not
    "code_of_conduct": MEMBER,
    "breach_by_officer": OFFICER,
}


class ConcernRefused(Exception):
    """The rulebook refuses the concern as raised; ``decision`` cites the clause."""

    def __init__(self, decision: Decision) -> None:
        super().__init__(decision.explanation)
        self.decision = decision


def _require(allowed: bool, message: str) -> None:
    if not allowed:
        raise PermissionDenied(message)


def _today(today: datetime.date | None) -> datetime.date:
    return action_day(today)


def _is_member(person: Person, day: datetime.date) -> bool:
    return person.is_councillor_on(day)


def _kind(person: Person, day: datetime.date) -> str | None:
    if _is_member(person, day):
        return MEMBER
    if is_officer(person, day):
        return OFFICER
    return None


def _names(people: list[Person]) -> str:
    return and_list([p.full_name for p in people]) or "nobody yet"


def _who(concern: Concern, role: str, people: list[Person]) -> str:
    title = the(role_title(concern.council, role))
    return f"{title} ({_names(people)})" if people else title


def _stored_clauses(concern: Concern) -> list[dict[str, str]]:
    return [
        {"rulebook": c["rulebook"], "clause": c["clause"]}
        for c in concern.route.get("citations", [])
    ]
