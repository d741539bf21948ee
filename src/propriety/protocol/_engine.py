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
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from propriety.protocol._clock import Deadline, working_days
from propriety.protocol._questions import QUESTIONS, Fact, Question
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


class Decision:
    """What the protocol says about one question, and why."""

    __slots__ = (
        "as_of",
        "citations",
        "deadline",
        "explanation",
        "facts_that_matter",
        "guidance",
        "obligations",
        "outcome",
        "question",
        "recommendation",
        "refer_to",
        "route",
        "rulebook",
        "rulebook_version",
    )

    def __init__(
        self,
        question: str,
        outcome: str,
        citations: tuple[Citation, ...],
        obligations: tuple[tuple[str, str, str], ...],
        route: Route | None,
        refer_to: str | None,
        recommendation: str | None,
        facts_that_matter: tuple[str, ...],
        deadline: Deadline | None,
        explanation: str,
        guidance: tuple[tuple[str, str], ...],
        rulebook: str,
        rulebook_version: str,
        as_of: dt.date,
    ) -> None:
        self.question = question
        self.outcome = outcome
        self.citations = citations
        self.obligations = obligations  # (id, text, clause ids)
        self.route = route
        self.refer_to = refer_to
        self.recommendation = recommendation
        self.facts_that_matter = facts_that_matter
        self.deadline = deadline
        self.explanation = explanation
        self.guidance = guidance  # (clause id, text)
        self.rulebook = rulebook
        self.rulebook_version = rulebook_version
        self.as_of = as_of

    @property
    def clauses(self) -> tuple[str, ...]:
        """The cited clause ids, each once, in order."""
        return tuple(dict.fromkeys(c.clause for c in self.citations))

    def as_dict(self, facts: Mapping[str, Any] | None = None) -> dict[str, Any]:
        """The decision as JSON-ready data (the keys ``propriety decide`` prints)."""
        return {
            "question": self.question,
            "outcome": self.outcome,
            "citations": [c.as_dict() for c in self.citations],
            "obligations": [
                {"id": i, "text": t, "clauses": list(c.split(" ")) if c else []}
                for i, t, c in self.obligations
            ],
            "route": self.route.as_dict() if self.route else None,
            "refer_to": (
                {
                    "role": self.refer_to,
                    "title": self.route.now_title if self.route else self.refer_to,
                }
                if self.refer_to
                else None
            ),
            "recommendation": self.recommendation,
            "facts_that_matter": (
                {k: _jsonable(facts.get(k)) for k in self.facts_that_matter}
                if facts
                else list(self.facts_that_matter)
            ),
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


class _Compiled:
    """A provision ready to evaluate quickly."""

    __slots__ = ("checks", "citations", "decisive", "key", "obligations", "provision", "templated")

    def __init__(self, provision: Provision, rulebook: Rulebook) -> None:
        self.provision = provision
        # the most selective checks first: fewest allowed values
        self.checks = tuple(sorted(provision.when.items(), key=lambda kv: len(kv[1])))
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
        cites = " ".join(provision.cites)
        self.obligations = tuple((o.id, o.text, cites) for o in provision.obligations)
        self.templated = "{" in provision.explain or any(
            "{" in o.text for o in provision.obligations
        )
        self.decisive = provision.outcome is not None and not provision.default
        self.key = (provision.outcome, provision.refer_to)


class _CompiledQuestion:
    __slots__ = ("defaults", "guidance", "provisions", "question")

    def __init__(
        self,
        question: Question,
        provisions: tuple[_Compiled, ...],
        defaults: tuple[_Compiled, ...],
        guidance: tuple[tuple[tuple[tuple[str, frozenset[Any]], ...], str, str], ...],
    ) -> None:
        self.question = question
        self.provisions = provisions
        self.defaults = defaults
        self.guidance = guidance


def _matches(checks: tuple[tuple[str, frozenset[Any]], ...], facts: Mapping[str, Any]) -> bool:
    return all(facts[key] in allowed for key, allowed in checks)


class Engine:
    """Answers questions against one rulebook. Build once, ask many times."""

    def __init__(self, rulebook: Rulebook) -> None:
        if rulebook.abstract:
            raise ValueError(f"{rulebook.id} is an abstract model: ask a rulebook that extends it")
        self.rulebook = rulebook
        self._calendar = working_days(rulebook.nation)
        self._cache: dict[tuple[str, dt.date], _CompiledQuestion] = {}
        self._defaults: dict[str, dict[str, Any]] = {
            name: {f.name: f.default for f in q.all_facts} for name, q in QUESTIONS.items()
        }
        self._compiled_all = {p.name: _Compiled(p, rulebook) for p in rulebook.provisions}

    # -- compilation ------------------------------------------------------------

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
        active.sort(key=lambda c: -c.provision.priority)
        guidance = tuple(
            (tuple(c.when.items()), c.id, c.guidance)
            for c in self.rulebook.clauses.values()
            if c.status == "guidance" and question in c.applies_to
        )
        compiled = _CompiledQuestion(
            q,
            tuple(c for c in active if not c.provision.default),
            tuple(c for c in active if c.provision.default),
            guidance,
        )
        if len(self._cache) > 4096:
            self._cache.clear()
        self._cache[(question, as_of)] = compiled
        return compiled

    # -- deciding -----------------------------------------------------------------

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
        compiled = self._cache.get((question, day)) or self._compile(question, day)
        q = compiled.question
        f = dict(self._defaults[question])
        if facts:
            f.update(facts)
        if q.derive is not None:
            q.derive(f, day)
        if question == "protocol.review":
            f["review_status"] = self.review_status(day)

        fired: list[_Compiled] = []
        winner: _Compiled | None = None
        for c in compiled.provisions:
            if _matches(c.checks, f):
                fired.append(c)
                if winner is None and c.decisive:
                    winner = c
        if winner is None:
            for c in compiled.defaults:
                if _matches(c.checks, f):
                    fired.append(c)
                    winner = c
                    break
        if winner is None:  # pragma: no cover - the loader requires a default per question
            raise UnansweredQuestion(
                f"no provision of {self.rulebook.id} answers these facts for {question}"
            )

        key = winner.key
        effective = [
            c
            for c in fired
            if c is winner or (c.decisive and c.key == key) or c.provision.outcome is None
        ]
        citations: tuple[Citation, ...] = ()
        obligations: list[tuple[str, str, str]] = []
        explain: list[str] = []
        route_from: _Compiled | None = None
        deadline_from: _Compiled | None = None
        for c in effective:
            citations += c.citations
            p = c.provision
            if c.templated:
                if p.explain:
                    explain.append(p.explain.format_map(f))
                obligations.extend((i, t.format_map(f), cl) for i, t, cl in c.obligations)
            else:
                if p.explain:
                    explain.append(p.explain)
                obligations.extend(c.obligations)
            if p.route_now is not None and (
                route_from is None or p.priority > route_from.provision.priority
            ):
                route_from = c
            if p.deadline is not None and (
                deadline_from is None or p.priority > deadline_from.provision.priority
            ):
                deadline_from = c

        wp = winner.provision
        route = None
        if route_from is not None:
            rp = route_from.provision
            rb = self.rulebook
            assert rp.route_now is not None
            route = Route(
                rp.route_now,
                rb.role_name(rp.route_now),
                tuple((r, rb.role_name(r)) for r in rp.route_next),
            )
        deadline = None
        if deadline_from is not None:
            deadline = self._deadline(deadline_from.provision, f, day, settings)
        guidance = tuple(
            (cid, text) for checks, cid, text in compiled.guidance if _matches(checks, f)
        )
        if len(obligations) > 1:
            seen: dict[str, tuple[str, str, str]] = {}
            for ob in obligations:
                seen.setdefault(ob[0], ob)
            obligations = list(seen.values())
        return Decision(
            question,
            wp.outcome or "refer",
            citations,
            tuple(obligations),
            route,
            wp.refer_to,
            wp.recommend,
            wp.facts_that_matter,
            deadline,
            " ".join(explain),
            guidance,
            self.rulebook.id,
            self.rulebook.version,
            day,
        )

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


_PERSON_KINDS = ("councillor", "officer", "complainant", "third_party", "member_of_public")


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
    if kind not in _PERSON_KINDS:
        raise FactsError(
            f"{field}.kind", f"must be one of {', '.join(_PERSON_KINDS)}; got {kind!r}"
        )
    out = {"name": name.strip(), "kind": str(kind)}
    role = value.get("role")
    if role is not None:
        if not isinstance(role, str):
            raise FactsError(f"{field}.role", "must be text")
        out["role"] = role
    return out
