"""Shared pieces of access requests: the facts the rulebook is asked about and its recommendation."""

from __future__ import annotations

import datetime
from typing import Any

from django.core.exceptions import PermissionDenied

from propriety.audit.recording import action_day
from propriety.councils.declared import current_answers
from propriety.councils.protocol import decide
from propriety.documents.models import AccessRequest, Classification, Document
from propriety.people.holders import holders_of, is_officer
from propriety.people.models import Person
from propriety.people.roles import COMMITTEE_ROLES
from propriety.protocol import Decision, rulebook

USE_ONLY_FOR_PURPOSE = (
    "You may use this document only for the purpose you gave when you asked for it."
)


def _require(allowed: bool, message: str) -> None:
    if not allowed:
        raise PermissionDenied(message)


def _today(today: datetime.date | None) -> datetime.date:
    return action_day(today)


def access_facts(
    member: Person,
    document: Document,
    *,
    purpose: str,
    justification: str,
    third_party_name: str,
    member_interest: bool,
    data_protection_risk: bool,
    day: datetime.date,
) -> dict[str, Any]:
    """The facts ``document.access`` takes, from the register and the request."""
    committees = {
        r.committee_id
        for r in member.roles_on(day)
        if r.role in COMMITTEE_ROLES and r.committee_id is not None
    }
    meeting_business = bool(
        document.committee_id and document.meeting_date and document.meeting_date >= day
    )
    return {
        "classification": document.classification,
        "exempt_category": str(document.exempt_category) if document.exempt_category else "none",
        "contains_personal_data": document.contains_personal_data
        or document.classification == Classification.PERSONAL_DATA,
        "on_owning_committee": document.committee_id in committees,
        "meeting_business": meeting_business,
        "on_exempt_agenda": meeting_business and document.classification == Classification.EXEMPT,
        "purpose_stated": bool(purpose.strip()),
        "justification_given": bool(justification.strip()),
        "member_interest": member_interest,
        "data_protection_risk": data_protection_risk,
        "on_behalf_of_third_party": bool(third_party_name.strip()),
        "in_public_domain": document.classification == Classification.PUBLIC,
    }


def _facts_for(request: AccessRequest, day: datetime.date, **override: Any) -> dict[str, Any]:
    values: dict[str, Any] = {
        "purpose": request.purpose,
        "justification": request.justification,
        "third_party_name": request.third_party_name,
        "member_interest": request.member_interest,
        "data_protection_risk": request.data_protection_risk,
        **override,
    }
    assert request.document is not None  # correspondence: see recommend()
    answers = current_answers(request.council, "document.access", request.declared_facts or {})
    return {**access_facts(request.member, request.document, day=day, **values), **answers}


def recommend(request: AccessRequest, day: datetime.date, **override: Any) -> Decision:
    """What the rulebook says about this request now (with an officer's findings)."""
    if request.correspondence_id is not None:
        from propriety.correspondence.opening import recommend_opening

        return recommend_opening(request, day, **override)
    return decide(
        request.council, "document.access", _facts_for(request, day, **override), today=day
    )


def handles_access_requests(council: Any) -> bool:
    """Whether the council's rulebook answers ``document.access`` (all five seed rulebooks do; a new one may not)."""
    return "document.access" in rulebook(council.rulebook).questions


def _decider_for(council: Any, role: str, day: datetime.date) -> Person | None:
    people = [p for p in holders_of(council, role, day) if is_officer(p, day)]
    if not people:
        people = holders_of(council, "proper_officer", day)
    return people[0] if people else None
