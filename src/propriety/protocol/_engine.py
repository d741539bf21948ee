"""The decision engine: facts and a rulebook in, a cited Decision out.

How a decision is made (docs/rulebooks.md §4):

1. The question's facts are completed with defaults and derived facts.
2. Every provision for the question that is in force on the as-of date and
   whose conditions hold *fires*.
3. Of the fired provisions with an outcome, the one with the highest priority
   decides; every fired provision that agrees with it is cited. A ``default``
   provision fires only when nothing else with an outcome did, so there is
   always an answer and it always cites a clause (fail closed).
4. Advisory provisions (no outcome) that fired add their obligations, route,
   deadline and explanation, and are cited too.

Rulebooks are compiled once into tuples of (fact, allowed values) checks and
pre-built citations, so a decision costs a few dictionary look-ups.
"""

from __future__ import annotations

import datetime as dt
import difflib
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from itertools import product
from operator import itemgetter
from typing import Any

from propriety.protocol._clock import Deadline, working_days
from propriety.protocol._questions import PERSON_KINDS, QUESTIONS, Fact, Question
from propriety.protocol._rulebook import Provision, Rulebook

__all__ = [
    "Citation",
    "Decision",
    "Engine",
    "FactsError",
    "Route",
    "UnansweredQuestion",
    "validate_facts",
]


class FactsError(ValueError):
    """Facts that do not fit the question; names the field."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(f"{field}: {message}")
        self.field = field
        self.message = message


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
class _Core:
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
        "question",
        "rulebook",
        "rulebook_version",
    )

    def __init__(
        self,
        core: _Core,
        question: str,
        rulebook: Rulebook,
        as_of: dt.date,
        deadline: Deadline | None,
        explanation: str,
        obligations: tuple[tuple[str, str, tuple[str, ...]], ...],
        guidance: tuple[tuple[str, str], ...],
    ) -> None:
        self._core = core
        self._facts: dict[str, Any] | None = None
        self.question = question
        self.rulebook = rulebook.id
        self.rulebook_version = rulebook.version
        self.as_of = as_of
        self.deadline = deadline
        self.explanation = explanation
        self.obligations = obligations  # (id, text, clause ids)
        self.guidance = guidance  # (clause id, text)

    @property
    def outcome(self) -> str:
        """allow, refuse or refer."""
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
            "facts_that_matter": {
                k: _jsonable((self._facts or facts or {}).get(k)) for k in self.facts_that_matter
            },
            "deadline": self.deadline.as_dict() if self.deadline else None,
            "explanation": self.explanation,
            "guidance": [{"clause": c, "text": t} for c, t in self.guidance],
            "rulebook": self.rulebook,
            "rulebook_version": self.rulebook_version,
            "as_of": self.as_of.isoformat(),
        }

    def __repr__(self) -> str:
        return f"<Decision {self.question} {self.outcome} citing {', '.join(self.clauses)}>"


def _jsonable(value: Any) -> Any:
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, tuple):
        return list(value)
    return value


_MAX_COMBINATIONS = 4096


def _tester(
    checks: Mapping[str, frozenset[Any]],
) -> tuple[Callable[[Mapping[str, Any]], Any], frozenset[Any]] | None:
    """One C-level call and one set look-up per provision: the facts it tests,
    fetched together, must be one of the allowed combinations."""
    keys = sorted(checks)
    if not keys:
        return None
    if len(keys) == 1:
        return itemgetter(keys[0]), checks[keys[0]]
    size = 1
    for k in keys:
        size *= max(1, len(checks[k]))
    if size > _MAX_COMBINATIONS:
        items = tuple(checks.items())
        return (lambda f: all(f[k] in a for k, a in items)), frozenset({True})
    return itemgetter(*keys), frozenset(product(*(checks[k] for k in keys)))


class _Compiled:
    """A provision ready to evaluate quickly."""

    __slots__ = (
        "allowed",
        "citations",
        "decisive",
        "get",
        "key",
        "obligations",
        "provision",
        "route",
        "templated",
    )

    def __init__(self, provision: Provision, rulebook: Rulebook) -> None:
        self.provision = provision
        test = _tester(provision.when)
        self.get: Callable[[Mapping[str, Any]], Any] | None = test[0] if test else None
        self.allowed: frozenset[Any] = test[1] if test else frozenset()
        self.citations = tuple(
            Citation(
                rulebook.id,
                cid,
                provision.name,
                rulebook.clauses[cid].says,
                rulebook.clauses[cid].source_line,
            )
            for cid in provision.cites
        )
        self.obligations = tuple((o.id, o.text, provision.cites) for o in provision.obligations)
        self.templated = "{" in provision.explain or any(
            "{" in o.text for o in provision.obligations
        )
        self.decisive = provision.outcome is not None and not provision.default
        self.key = (provision.outcome, provision.refer_to, provision.recommend)
        self.route = (
            Route(
                provision.route_now,
                rulebook.role_name(provision.route_now),
                tuple((r, rulebook.role_name(r)) for r in provision.route_next),
            )
            if provision.route_now is not None
            else None
        )

    def matches(self, facts: Mapping[str, Any]) -> bool:
        return self.get is None or self.get(facts) in self.allowed


_Entry = tuple[
    int, Callable[[Mapping[str, Any]], Any] | None, frozenset[Any], bool, tuple[Any, ...]
]


class _CompiledQuestion:
    """A question's provisions in force on one day, indexed for speed."""

    __slots__ = (
        "by_value",
        "cores",
        "defaults",
        "derive",
        "facts",
        "guidance",
        "index_fact",
        "ordered",
        "question",
        "rest",
    )

    def __init__(
        self, question: Question, active: list[_Compiled], guidance: tuple[Any, ...]
    ) -> None:
        self.question = question
        self.derive = question.derive
        self.facts = {f.name: f.default for f in question.all_facts}
        ordered = sorted(
            (c for c in active if not c.provision.default), key=lambda c: -c.provision.priority
        )
        self.defaults = tuple(c for c in active if c.provision.default)
        self.guidance = guidance
        self.cores: dict[tuple[int, ...], _Core] = {}
        # Index on the fact that most provisions narrow: only provisions that can
        # match the fact's value are tried. Order (priority) is kept.
        counts: dict[str, int] = {}
        for c in ordered:
            for k, allowed in c.provision.when.items():
                fact = question.fact(k)
                if fact is not None and fact.domain is not None and len(allowed) < len(fact.domain):
                    counts[k] = counts.get(k, 0) + 1
        self.index_fact = max(counts, key=lambda k: counts[k]) if counts else None
        numbered = tuple((i, c.get, c.allowed, c.decisive, c.key) for i, c in enumerate(ordered))
        self.ordered = tuple(ordered)
        self.rest = numbered
        self.by_value: dict[Any, tuple[_Entry, ...]] = {}
        if self.index_fact is not None:
            fact = question.fact(self.index_fact)
            assert fact is not None and fact.domain is not None
            for value in fact.domain:
                self.by_value[value] = tuple(
                    entry
                    for entry, c in zip(numbered, ordered, strict=True)
                    if self.index_fact not in c.provision.when
                    or value in c.provision.when[self.index_fact]
                )


class Engine:
    """Answers questions against one rulebook. Build once, ask many times."""

    def __init__(self, rulebook: Rulebook) -> None:
        if rulebook.abstract:
            raise ValueError(f"{rulebook.id} is an abstract model: ask a rulebook that extends it")
        self.rulebook = rulebook
        self._calendar = working_days(rulebook.nation)
        self._cache: dict[tuple[str, dt.date], _CompiledQuestion] = {}
        self._compiled_all = {p.name: _Compiled(p, rulebook) for p in rulebook.provisions}

    def _compile(self, question: str, as_of: dt.date) -> _CompiledQuestion:
        q = QUESTIONS[question]
        active = [
            self._compiled_all[p.name]
            for p in self.rulebook.provisions
            if p.question == question and p.in_force(as_of)
        ]
        if not active:
            raise UnansweredQuestion(
                f"the rulebook {self.rulebook.id} has no provisions for {question} "
                f"in force on {as_of.isoformat()}; it answers: {', '.join(self.rulebook.questions)}"
            )
        guidance = tuple(
            (_tester(c.when), c.id, c.guidance)
            for c in self.rulebook.clauses.values()
            if c.status == "guidance" and question in c.applies_to
        )
        compiled = _CompiledQuestion(q, active, guidance)
        if len(self._cache) > 4096:
            self._cache.clear()
        self._cache[(question, as_of)] = compiled
        return compiled

    def decide(
        self,
        question: str,
        facts: Mapping[str, Any] | None = None,
        *,
        as_of: dt.date | None = None,
        settings: Mapping[str, int] | None = None,
    ) -> Decision:
        """Answer one question. ``facts`` should have passed :func:`validate_facts`."""
        day = as_of or dt.date.today()
        cq = self._cache.get((question, day)) or self._compile(question, day)
        f = {**cq.facts, **facts} if facts else dict(cq.facts)
        derive = cq.derive
        if derive is not None:
            derive(f, day)
        if question == "protocol.review":
            f["review_status"] = self.review_status(day)

        candidates = cq.by_value[f[cq.index_fact]] if cq.index_fact is not None else cq.rest
        fired: list[int] = []
        winner_key: tuple[Any, ...] | None = None
        for i, get, allowed, decisive, pkey in candidates:
            if get is None or get(f) in allowed:
                if winner_key is None:
                    if decisive:
                        winner_key = pkey
                elif decisive and pkey != winner_key:
                    continue  # outranked by the winner: not cited
                fired.append(i)
        key = tuple(fired)
        if winner_key is None:
            for j, c in enumerate(cq.defaults):
                if c.matches(f):
                    key = (*key, -1 - j)
                    break
            else:  # pragma: no cover - the loader requires a default per question
                raise UnansweredQuestion(
                    f"no provision of {self.rulebook.id} answers these facts for {question}"
                )
        core = cq.cores.get(key)
        if core is None:
            core = self._assemble(cq, key)
        explanation: str = core.explain
        obligations = core.obligations
        if core.templated:
            explanation = explanation.format_map(f)
            obligations = tuple((i, t.format_map(f), cl) for i, t, cl in obligations)
        deadline = (
            self._deadline(core.deadline_rule, f, day, settings) if core.deadline_rule else None
        )
        guidance = (
            core.guidance
            if core.guidance_static
            else tuple(
                (cid, text)
                for test, cid, text in core.guidance
                if test is None or test[0](f) in test[1]
            )
        )
        decision = Decision(
            core, question, self.rulebook, day, deadline, explanation, obligations, guidance
        )
        if core.facts_that_matter:
            decision._facts = {k: f.get(k) for k in core.facts_that_matter}
        return decision

    def _assemble(self, cq: _CompiledQuestion, key: tuple[int, ...]) -> _Core:
        ordered = cq.ordered
        effective = [ordered[i] if i >= 0 else cq.defaults[-1 - i] for i in key]
        decisive = [c for c in effective if c.decisive or c.provision.default]
        winner = decisive[0]
        # Decisive first (the winner leads), then advisory, each clause once per provision.
        effective.sort(key=lambda c: (c is not winner, not c.decisive and not c.provision.default))
        citations: tuple[Citation, ...] = ()
        obligations: dict[str, tuple[str, str, tuple[str, ...]]] = {}
        explain: list[str] = []
        route_from: _Compiled | None = None
        deadline_from: _Compiled | None = None
        templated = False
        for c in effective:
            citations += c.citations
            p = c.provision
            templated = templated or c.templated
            if p.explain:
                explain.append(p.explain)
            for ob in c.obligations:
                obligations.setdefault(ob[0], ob)
            if c.route is not None and (
                route_from is None or p.priority > route_from.provision.priority
            ):
                route_from = c
            if p.deadline is not None and (
                deadline_from is None or p.priority > deadline_from.provision.priority
            ):
                deadline_from = c
        wp = winner.provision
        static = all(test is None for test, _, _ in cq.guidance)
        core = _Core(
            outcome=wp.outcome or "refer",
            citations=citations,
            obligations=tuple(obligations.values()),
            route=route_from.route if route_from else None,
            refer_to=wp.refer_to,
            recommendation=wp.recommend,
            facts_that_matter=wp.facts_that_matter,
            deadline_rule=deadline_from.provision if deadline_from else None,
            explain=" ".join(explain),
            templated=templated,
            guidance=tuple((cid, text) for _, cid, text in cq.guidance) if static else cq.guidance,
            guidance_static=static,
        )
        cq.cores[key] = core
        return core

    def _deadline(
        self, p: Provision, f: Mapping[str, Any], day: dt.date, settings: Mapping[str, int] | None
    ) -> Deadline:
        rule = p.deadline
        assert rule is not None
        if rule.setting is not None:
            n = (settings or {}).get(rule.setting, self.rulebook.settings[rule.setting].value)
        else:
            n = rule.working_days or 0
        start = f.get(rule.from_fact) if rule.from_fact else None
        return self._calendar.add(start or day, n)

    def review_status(self, day: dt.date) -> str:
        """current, due (within 3 months), overdue, or unset (no review date stated)."""
        due = self.rulebook.review_due
        if due is None:
            return "unset"
        if day > due:
            return "overdue"
        months = (due.year - day.year) * 12 + (due.month - day.month)
        if months < 3 or (months == 3 and due.day <= day.day):
            return "due"
        return "current"


# --- validating facts at the boundary (CLI, API, web) ---------------------------------


def validate_facts(question: str, raw: Any) -> dict[str, Any]:
    """Check and convert JSON facts for a question; raise FactsError naming the field."""
    q = QUESTIONS.get(question)
    if q is None:
        close = difflib.get_close_matches(question, list(QUESTIONS), n=1)
        hint = f" Did you mean {close[0]!r}?" if close else f" Questions: {', '.join(QUESTIONS)}."
        raise FactsError("question", f"unknown question {question!r}.{hint}")
    if raw is None:
        raw = {}
    if not isinstance(raw, Mapping):
        raise FactsError("facts", "facts must be an object of fact: value")
    out: dict[str, Any] = {}
    given = {f.name: f for f in q.facts}
    for name, value in raw.items():
        fact = given.get(name)
        if fact is None:
            derived = q.fact(name)
            if derived is not None:
                raise FactsError(
                    f"facts.{name}", "this fact is worked out by the engine; leave it out"
                )
            close = difflib.get_close_matches(name, list(given), n=1)
            hint = (
                f"did you mean {close[0]!r}?"
                if close
                else f"{question} takes: {', '.join(given) or 'no facts'}"
            )
            raise FactsError(f"facts.{name}", f"{question} has no such fact; {hint}")
        out[name] = _convert(fact, value)
    for fact in q.facts:
        if fact.required and out.get(fact.name) is None:
            raise FactsError(
                f"facts.{fact.name}", f"{question} needs this fact ({fact.description})"
            )
    return out


def _convert(fact: Fact, value: Any) -> Any:
    field = f"facts.{fact.name}"
    if value is None:
        return fact.default
    if fact.type == "bool":
        if not isinstance(value, bool):
            raise FactsError(field, f"must be true or false, not {value!r}")
        return value
    if fact.type == "enum":
        if isinstance(value, int) and not isinstance(value, bool):
            value = str(value)
        if value not in fact.choices:
            raise FactsError(field, f"must be one of {', '.join(fact.choices)}; got {value!r}")
        return value
    if fact.type == "date":
        if isinstance(value, dt.date):
            return value
        try:
            return dt.date.fromisoformat(str(value))
        except ValueError:
            raise FactsError(field, f"must be a date like 2026-11-22; got {value!r}") from None
    if fact.type == "int":
        if not isinstance(value, int) or isinstance(value, bool):
            raise FactsError(field, f"must be a whole number; got {value!r}")
        return value
    if fact.type == "text":
        if not isinstance(value, str):
            raise FactsError(field, f"must be text; got {value!r}")
        return value
    if fact.type == "person":
        return _person(field, value)
    if fact.type == "people":
        if not isinstance(value, list):
            raise FactsError(field, 'must be a list of {"name": ..., "kind": ...}')
        return tuple(_person(f"{field}[{i}]", v) for i, v in enumerate(value))
    raise FactsError(field, f"unsupported fact type {fact.type}")  # pragma: no cover


def _person(field: str, value: Any) -> dict[str, str]:
    if not isinstance(value, Mapping):
        raise FactsError(
            field, 'must be an object like {"name": "Alex Green", "kind": "councillor"}'
        )
    name = value.get("name")
    if not isinstance(name, str) or not name.strip():
        raise FactsError(f"{field}.name", "every person needs a name")
    kind = value.get("kind", "officer" if value.get("role") == "officer" else None)
    if kind is None and value.get("role") in (
        "councillor",
        "council_chair",
        "mayor",
        "committee_chair",
    ):
        kind = "councillor"
    if kind not in PERSON_KINDS:
        raise FactsError(f"{field}.kind", f"must be one of {', '.join(PERSON_KINDS)}; got {kind!r}")
    out = {"name": name.strip(), "kind": str(kind)}
    role = value.get("role")
    if role is not None:
        if not isinstance(role, str):
            raise FactsError(f"{field}.role", "must be text")
        out["role"] = role
    return out
