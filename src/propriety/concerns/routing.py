"""Who handles a concern at each step, from the rulebook's ``concern.route``.

The rulebook names a role (``refer_to``, else ``route.now``); people.holders
says who holds it. Three rules keep a case with the right people:

- ``officer`` and ``member`` mean the person the concern is about (the
  protocol's "raise it with the officer concerned", 002 §2.6 "discuss it
  directly with the councillor").
- Nobody handles a concern they raised, and nobody records a body's or a
  procedure's work on a concern about themselves: the Clerk records the
  council's, the disciplinary procedure's and informal resolution's steps,
  except where the concern is about the Clerk, when the council as employer
  acts through its personnel committee (or its chair). Where the rulebook
  names the subject's own office outright (Ludlow §4.5.2: "even where the
  Town Clerk is the subject"), it stays with them, as the text says.
- A body's step (the personnel committee) is handled by all its members.
"""

from __future__ import annotations

import datetime
from typing import Any

from propriety.concerns.models import Concern
from propriety.councils.declared import answered, current_answers
from propriety.councils.models import Council
from propriety.councils.protocol import decide
from propriety.people.holders import holders_of
from propriety.people.models import Person
from propriety.people.roles import Role
from propriety.protocol import Decision

# The person the concern is about.
SUBJECT_ROLES = frozenset({"officer", "member"})
# Bodies and procedures: whoever records their work must not be the subject.
BODY_ROLES = frozenset(
    {
        "council",
        "personnel_committee",
        "audit_and_standards_committee",
        "informal_resolution",
        "grievance_procedure",
        "disciplinary_procedure",
        "independent_advice",
    }
)
# When nobody else can: the council as employer, through its personnel
# committee (the small group of councillors personnel matters go to), else its chair.
EMPLOYER_FALLBACK = ("personnel_committee", "council_chair", "proper_officer")
MONITORING_OFFICER = "monitoring_officer"
PERSONNEL_COMMITTEE = "personnel_committee"


QUESTION = "concern.route"


def declared_answers(concern: Concern) -> dict[str, Any]:
    """The concern's answers to the facts the council's rulebook declares for
    ``concern.route`` (those it still declares), asked again at every stage."""
    return current_answers(concern.council, QUESTION, concern.declared_facts or {})


def answers_kept(concern: Concern) -> list[dict[str, Any]]:
    """What each step's decision keeps of those answers (councils.declared.answered)."""
    return answered(concern.council, QUESTION, declared_answers(concern))


def facts_for(concern: Concern, stage: str, **extra: Any) -> dict[str, Any]:
    return {
        "direction": concern.direction,
        "stage": stage,
        "subject_is_proper_officer": concern.subject_is_proper_officer,
        "seriousness": concern.seriousness,
        "direct_discussion_inappropriate": concern.direct_discussion_inappropriate,
        "formal_written": concern.formal_written,
        **declared_answers(concern),
        **extra,
    }


def decide_for(concern: Concern, stage: str, day: datetime.date, **extra: Any) -> Decision:
    return decide(concern.council, QUESTION, facts_for(concern, stage, **extra), today=day)


def handler_role_of(decision: Decision) -> str:
    """The role the decision hands the case to: whom it is referred to, else who has it now."""
    if decision.refer_to:
        return str(decision.refer_to)
    if decision.route is not None:
        return str(decision.route.now)
    return "proper_officer"


def stored_handler_role(stored: dict[str, Any]) -> str:
    """``handler_role_of`` for a decision as a case stores it (``summary_of``)."""
    if stored.get("refer_to"):
        return str(stored["refer_to"]["role"])
    if stored.get("route"):
        return str(stored["route"]["now"]["role"])
    return "proper_officer"


def following(previous: dict[str, Any], decision: dict[str, Any]) -> dict[str, Any]:
    """The next step as the previous decision's route names it.

    Some rulebooks give one answer for every stage (acses-town §15.5: the Town
    Clerk, "then" the party group leader); asked again at the next stage they
    name the same handler. The route they gave is the protocol's word on what
    happens if it is not resolved, so the case follows it: the next role
    handles it, cited by the clauses that named it, with the new decision's
    guidance and obligations.
    """
    steps = previous["route"]["next"]
    now_title = previous["route"]["now"]["title"]
    return {
        **decision,
        "route": {"now": steps[0], "next": steps[1:]},
        "refer_to": steps[0],
        "citations": previous.get("citations", []),
        "explanation": f"Not resolved with {now_title}, so it goes to {steps[0]['title']}, "
        f"as the protocol's route says. {previous.get('explanation', '')}".strip(),
    }


def clauses_of(stored: dict[str, Any]) -> list[str]:
    """The clauses a stored decision cites, each once, in order."""
    return list(dict.fromkeys(str(c["clause"]) for c in stored.get("citations", [])))


def next_roles(route: dict[str, Any]) -> list[str]:
    """The stored decision's "if not resolved" roles, in order."""
    stored = route.get("route") or {}
    return [str(step["role"]) for step in stored.get("next", [])]


def now_role(route: dict[str, Any]) -> str | None:
    stored = route.get("route") or {}
    return str(stored["now"]["role"]) if stored.get("now") else None


def is_subject_of(person: Person, concern: Concern) -> bool:
    return concern.about_id is not None and concern.about_id == person.pk


def subject_is_proper_officer(council: Council, about: Person | None, day: datetime.date) -> bool:
    return about is not None and any(
        p.pk == about.pk for p in holders_of(council, "proper_officer", day)
    )


def _group_leaders_of(council: Council, about: Person | None, day: datetime.date) -> list[Person]:
    """The leader of the party group of the member concerned (003 §15.5), if they have one."""
    leaders = holders_of(council, "party_group_leader", day)
    if about is None:
        return leaders
    groups = {r.party_group_id for r in about.roles_on(day) if r.party_group_id}
    if not groups:
        return leaders
    mine = [
        p
        for p in leaders
        if any(
            r.role == Role.PARTY_GROUP_LEADER and r.party_group_id in groups
            for r in p.roles_on(day)
        )
    ]
    return mine or leaders


def handlers_for(
    council: Council,
    role: str,
    *,
    raised_by: Person,
    about: Person | None,
    day: datetime.date,
) -> tuple[str, list[Person]]:
    """The role that handles a step the rulebook gives to ``role``, and its people (see
    the module's rules): ``role`` itself, or the employer's stand-in where nobody else
    may handle it."""
    if role in SUBJECT_ROLES:
        people = [about] if about is not None else []
    elif role == "party_group_leader":
        people = _group_leaders_of(council, about, day)
    else:
        people = holders_of(council, role, day)
    excluded = {raised_by.pk}
    if role in BODY_ROLES and about is not None:
        excluded.add(about.pk)
    people = [p for p in people if p.pk not in excluded]
    # The Monitoring Officer and the personnel committee have no stand-in: a personnel
    # matter never falls to the chair alone.
    if people or role in (MONITORING_OFFICER, PERSONNEL_COMMITTEE):
        return role, people
    excluded.add(about.pk if about is not None else raised_by.pk)
    for fallback in EMPLOYER_FALLBACK:
        people = [p for p in holders_of(council, fallback, day) if p.pk not in excluded]
        if people:
            return fallback, people
    return role, []
