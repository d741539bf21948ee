"""A decision: what the protocol says about one question, and why (the clauses
cited, obligations, route, deadline, explanation and guidance)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from propriety.protocol._clock import Deadline
from propriety.protocol._rulebook import Provision


class UnansweredQuestion(LookupError):
    """The rulebook has no provisions for this question."""


@dataclass(frozen=True, slots=True)
class Citation:
    rulebook: str
    clause: str
    provision: str
    says: str
    source_line: int

    def as_dict(self) -> dict[str, Any]:
        return {
            "rulebook": self.rulebook,
            "clause": self.clause,
            "provision": self.provision,
            "says": self.says,
            "source_line": self.source_line,
        }


@dataclass(frozen=True, slots=True)
class Route:
    now: str
    now_title: str
    next: tuple[tuple[str, str], ...]

    def as_dict(self) -> dict[str, Any]:
        return {
            "now": {"role": self.now, "title": self.now_title},
            "next": [{"role": r, "title": t} for r, t in self.next],
        }


@dataclass(slots=True)
class Core:
    """The parts of a decision fixed by which provisions fired (cached per fired set)."""

    outcome: str
    citations: tuple[Citation, ...]
    obligations: tuple[tuple[str, str, tuple[str, ...]], ...]
    route: Route | None
    refer_to: str | None
    recommendation: str | None
    facts_that_matter: tuple[str, ...]
    deadline_rule: Provision | None
    explain: str
    templated: bool
    guidance: tuple[Any, ...]
    guidance_static: bool
    effects: Mapping[str, tuple[Citation, ...]] = field(default_factory=dict)
    # Whether a decision made with it has texts to fill in, a deadline to count or facts
    # that matter to copy (otherwise it is made from the core alone). Only such decisions
    # were kept before every decision was (CompiledQuestion.memo), so settings that are
    # not a dict are read for these alone, as they were then (Engine.decide).
    keep: bool = False
    # Fetches the facts that matter from a decision's facts (None where there are none):
    # their value, or a tuple of values where there are several.
    matter: Any = None
    # The same for every decision of one question by one rulebook.
    question: str = ""
    rulebook: str = ""
    rulebook_version: str = ""


class Decision:
    """What the protocol says about one question, and why."""

    __slots__ = (
        "_core",
        "_facts",
        "as_of",
        "deadline",
        "explanation",
        "guidance",
        "obligations",
    )

    def __init__(
        self,
        core: Core,
        as_of: dt.date,
        deadline: Deadline | None,
        explanation: str,
        obligations: tuple[tuple[str, str, tuple[str, ...]], ...],
        guidance: tuple[tuple[str, str], ...],
    ) -> None:
        self._core = core  # with the question and the rulebook's id and version
        # The values of the facts that matter as ``core.matter`` fetched them (None: none).
        self._facts: Any = None
        self.as_of = as_of
        self.deadline = deadline
        self.explanation = explanation
        self.obligations = obligations  # (id, text, clause ids)
        self.guidance = guidance  # (clause id, text)

    @property
    def question(self) -> str:
        return self._core.question

    @property
    def rulebook(self) -> str:
        """The rulebook's id."""
        return self._core.rulebook

    @property
    def rulebook_version(self) -> str:
        return self._core.rulebook_version

    @property
    def outcome(self) -> str:
        """allow, refuse, refer, or put_right: it may go once the obligations (the steps
        that put it right) are done; a prohibition stays a refusal."""
        return self._core.outcome

    @property
    def citations(self) -> tuple[Citation, ...]:
        return self._core.citations

    @property
    def route(self) -> Route | None:
        return self._core.route

    @property
    def refer_to(self) -> str | None:
        return self._core.refer_to

    @property
    def recommendation(self) -> str | None:
        return self._core.recommendation

    @property
    def facts_that_matter(self) -> tuple[str, ...]:
        return self._core.facts_that_matter

    @property
    def effects(self) -> Mapping[str, tuple[Citation, ...]]:
        """The question's effects that fired provisions state, each with their citations
        (e.g. ``open_on_need_to_know`` for correspondence.check)."""
        return self._core.effects

    @property
    def clauses(self) -> tuple[str, ...]:
        """The cited clause ids, each once, in order."""
        return tuple(dict.fromkeys(c.clause for c in self.citations))

    def as_dict(self, facts: Mapping[str, Any] | None = None) -> dict[str, Any]:
        """The decision as JSON-ready data (the keys ``propriety decide`` prints)."""
        route = self.route
        return {
            "question": self.question,
            "outcome": self.outcome,
            "citations": [c.as_dict() for c in self.citations],
            "obligations": [
                {"id": i, "text": t, "clauses": list(c)} for i, t, c in self.obligations
            ],
            "route": route.as_dict() if route else None,
            "refer_to": (
                {"role": self.refer_to, "title": route.now_title if route else self.refer_to}
                if self.refer_to
                else None
            ),
            "recommendation": self.recommendation,
            "facts_that_matter": self._matter(facts),
            "deadline": self.deadline.as_dict() if self.deadline else None,
            "explanation": self.explanation,
            "guidance": [{"clause": c, "text": t} for c, t in self.guidance],
            "effects": [
                {"effect": e, "clauses": list(dict.fromkeys(c.clause for c in cites))}
                for e, cites in self.effects.items()
            ],
            "rulebook": self.rulebook,
            "rulebook_version": self.rulebook_version,
            "as_of": self.as_of.isoformat(),
        }

    def _matter(self, facts: Mapping[str, Any] | None) -> dict[str, Any]:
        names = self.facts_that_matter
        values = self._facts
        if values is None:
            given = facts or {}
            return {k: _jsonable(given.get(k)) for k in names}
        if len(names) == 1:
            values = (values,)
        return {k: _jsonable(v) for k, v in zip(names, values, strict=True)}

    def __repr__(self) -> str:
        return f"<Decision {self.question} {self.outcome} citing {', '.join(self.clauses)}>"


def _jsonable(value: Any) -> Any:
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, tuple):
        return list(value)
    return value
