"""Rulebooks: a council's protocol as data.

The types a loaded rulebook is made of. See ``docs/rulebooks.md`` for the
format; ``_loading`` reads and checks the YAML (``_parsing`` for clauses and
provisions, ``_checking`` for what needs the whole rulebook).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from propriety.protocol._dates import Period
from propriety.protocol._questions import QUESTIONS, Fact, Question

ROLES: dict[str, str] = {
    "proper_officer": "the Proper Officer",
    "deputy_clerk": "the Deputy Clerk",
    "chief_executive": "the Chief Executive",
    "chief_officer": "the relevant Chief Officer",
    "line_manager": "the officer's line manager",
    "service_manager": "the manager of the service concerned",
    "head_of_communications": "the Head of Communications",
    "officer": "the officer concerned",
    "monitoring_officer": "the Monitoring Officer",
    "audit_and_standards_committee": "the Audit and Standards Committee",
    "personnel_committee": "the personnel committee",
    "council": "the full council",
    "council_chair": "the chair of the council",
    "committee_chair": "the chair of the committee",
    "mayor": "the Mayor",
    "leader": "the Leader of the Council",
    "minority_group_leaders": "the leaders of the minority groups",
    "party_group_leader": "the leader of the party group",
    "member": "the member concerned",
    "disciplinary_procedure": "the council's disciplinary procedure",
    "grievance_procedure": "the council's grievance procedure",
    "informal_resolution": "informal resolution",
    "independent_advice": "independent advice",
}


def role_fix(role: str) -> str:
    """How to fix an unknown role: the nearest one, and every valid role."""
    from propriety.protocol._problems import suggest

    near = suggest(role, ROLES)
    return f"{near + ' ' if near else ''}The roles are: {', '.join(ROLES)}"


@dataclass(frozen=True, slots=True)
class Clause:
    """One clause of a protocol, in the council's own numbering."""

    id: str
    heading: str
    says: str
    quote: str
    status: str | None
    guidance: str
    applies_to: tuple[str, ...]
    when: Mapping[str, frozenset[Any]]
    origin: Path
    yaml_line: int
    source_line: int = 0
    # For status: incomplete, what is missing or cut off in the source.
    note: str = ""


@dataclass(frozen=True, slots=True)
class Obligation:
    id: str
    text: str


@dataclass(frozen=True, slots=True)
class DeadlineRule:
    working_days: int | None
    setting: str | None
    from_fact: str | None


@dataclass(frozen=True, slots=True)
class Provision:
    """One typed rule for one question, citing the clauses it implements."""

    name: str
    question: str
    cites: tuple[str, ...]
    when: Mapping[str, frozenset[Any]]
    outcome: str | None
    refer_to: str | None
    recommend: str | None
    facts_that_matter: tuple[str, ...]
    route_now: str | None
    route_next: tuple[str, ...]
    deadline: DeadlineRule | None
    obligations: tuple[Obligation, ...]
    explain: str
    priority: int
    default: bool
    starts: dt.date | None
    ends: dt.date | None
    origin: Path
    line: int
    # A refusal its obligations put right: when every refusal that applies is one, the
    # decision is ``put_right`` (it may go once those steps are done), not ``refuse``.
    put_right: bool = False
    # Effects of the question's (Question.effects) this provision states when it fires.
    effects: tuple[str, ...] = ()

    @property
    def decisive(self) -> bool:
        return self.outcome is not None

    def in_force(self, day: dt.date) -> bool:
        return (self.starts is None or self.starts <= day) and (
            self.ends is None or day <= self.ends
        )


@dataclass(frozen=True, slots=True)
class Setting:
    name: str
    value: int
    cites: tuple[str, ...]
    says: str


@dataclass(frozen=True)
class Rulebook:
    """A loaded, checked rulebook with everything it inherits."""

    id: str
    title: str
    abstract: bool
    extends: str | None
    chain: tuple[str, ...]  # this rulebook and its ancestors, nearest first
    council_name: str
    kind: str
    nation: str
    adopted: dt.date | None
    reviewed: dt.date | None
    review_due: dt.date | None
    review_due_text: str | None
    version: str
    supersedes: str | None
    source_document: Path | None
    source_title: str
    roles: Mapping[str, str]
    settings: Mapping[str, Setting]
    clauses: Mapping[str, Clause]
    provisions: tuple[Provision, ...]
    path: Path
    own_provisions: frozenset[str] = field(default_factory=frozenset)
    # The review date as the text gives it: a day, a month or a span of months.
    review_period: Period | None = None
    # The clauses that say what the protocol covers: cited where it does not answer a question.
    scope: tuple[str, ...] = ()
    # The questions to which this rulebook (or a model it extends) adds facts.
    question_types: Mapping[str, Question] = field(default_factory=dict)

    def question(self, name: str) -> Question:
        """The question ``name`` as this rulebook asks it: the catalogue's facts and
        any the rulebook declares (KeyError for a question that does not exist)."""
        return self.question_types.get(name) or QUESTIONS[name]

    @property
    def declared_facts(self) -> dict[str, tuple[Fact, ...]]:
        """The facts this rulebook declares, by question (given ones first)."""
        return {q: t.declared_facts for q, t in self.question_types.items()}

    def role_name(self, role: str) -> str:
        return self.roles.get(role, ROLES.get(role, role.replace("_", " ")))

    @property
    def questions(self) -> tuple[str, ...]:
        """The question types this rulebook answers, in catalogue order."""
        asked = {p.question for p in self.provisions}
        return tuple(q for q in QUESTIONS if q in asked)
