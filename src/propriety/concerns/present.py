"""What the pages and the API show of a concern: its route step by step, with clauses."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import Any

from propriety.concerns import access
from propriety.concerns.actions import RAISED_BY, can_raise
from propriety.concerns.models import DIRECTION_LABELS, DIRECTIONS, Concern, ConcernStep
from propriety.concerns.routing import clauses_of, handler_role_of
from propriety.councils.models import Council
from propriety.councils.protocol import decide, role_title, summary_of, the
from propriety.people.holders import is_officer
from propriety.people.models import Person


@dataclass
class StepView:
    step: ConcernStep
    handled_by: str
    handlers: list[str]
    took_part: list[str]
    clauses: list[str]
    citations: list[dict[str, Any]]
    explanation: str
    next_titles: list[str]
    guidance: list[dict[str, Any]] = field(default_factory=list)
    obligations: list[dict[str, Any]] = field(default_factory=list)
    stand_in: dict[str, Any] | None = None


def step_views(person: Person, concern: Concern) -> list[StepView]:
    views = []
    for step in access.steps_of(person, concern).prefetch_related("handlers__person"):
        handlers = list(step.handlers.all())
        route = step.route.get("route") or {}
        citations = list({c["clause"]: c for c in step.route.get("citations", [])}.values())
        views.append(
            StepView(
                step=step,
                handled_by=the(role_title(concern.council, step.handler_role)),
                handlers=[h.person.full_name for h in handlers],
                took_part=[h.person.full_name for h in handlers if h.took_part],
                clauses=clauses_of(step.route),
                citations=citations,
                explanation=str(step.route.get("explanation", "")),
                next_titles=[str(n["title"]) for n in route.get("next", [])],
                guidance=list(step.route.get("guidance", [])),
                obligations=list(step.route.get("obligations", [])),
                stand_in=step.route.get("stand_in"),
            )
        )
    return views


@dataclass
class FirstStep:
    direction: str
    label: str
    handled_by: str
    then: list[str]
    clauses: list[str]
    explanation: str


def first_steps(council: Council, day: datetime.date) -> list[FirstStep]:
    """For the raise page: where each kind of concern goes first, under this council's
    rulebook, and what happens if it is not resolved."""
    rows = []
    for direction in DIRECTIONS:
        decision = decide(council, "concern.route", {"direction": direction}, today=day)
        rows.append(
            FirstStep(
                direction=direction,
                label=DIRECTION_LABELS.get(direction, direction),
                handled_by=the(role_title(council, handler_role_of(decision))),
                then=[str(title) for _role, title in decision.route.next] if decision.route else [],
                clauses=list(dict.fromkeys(c.clause for c in decision.citations)),
                explanation=decision.explanation,
            )
        )
    return rows


def general_guidance(council: Council, day: datetime.date) -> list[dict[str, Any]]:
    """The guidance the council's protocol gives on raising a concern about an officer
    (criticism in private, well founded, never in public or on social media)."""
    seen: dict[str, dict[str, Any]] = {}
    for direction in ("member_about_officer", "officer_about_member"):
        decision = decide(council, "concern.route", {"direction": direction}, today=day)
        stored = summary_of(decision)
        for g in stored.get("guidance", []):
            seen.setdefault(g["clause"], {"clause": g["clause"], "text": g["text"]})
        for o in stored.get("obligations", []):
            seen.setdefault(o["id"], {"clause": ", ".join(o["clauses"]), "text": o["text"]})
    return list(seen.values())


def directions_for(person: Person, day: datetime.date) -> list[str]:
    return [d for d in DIRECTIONS if can_raise(person, d, day)]


def people_to_name(person: Person, day: datetime.date) -> list[Person]:
    """Councillors and officers of the council other than the person themselves."""
    from propriety.people.models import Person as P

    people = [
        p
        for p in P.objects.for_council(person.council).filter(is_active=True)
        if p.pk != person.pk and (p.is_councillor_on(day) or is_officer(p, day))
    ]
    return sorted(people, key=lambda p: (p.full_name, p.pk))


__all__ = [
    "RAISED_BY",
    "FirstStep",
    "StepView",
    "directions_for",
    "first_steps",
    "general_guidance",
    "people_to_name",
    "step_views",
]
