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
pre-built citations, so a decision costs a few dictionary look-ups. A decision
is then kept per question and day against the values of the facts it can turn
on (those its provisions and guidance test, its templates name, its deadline
counts from and it reports): asked again with the same values, the same
decision object is returned without running the provisions (``CompiledQuestion.memo``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from propriety.protocol._clock import Deadline, working_days
from propriety.protocol._compiled import MEMO_SIZE, Compiled, CompiledQuestion, tester
from propriety.protocol._decision import Citation, Core, Decision, UnansweredQuestion
from propriety.protocol._questions import QUESTIONS
from propriety.protocol._rulebook import Provision, Rulebook

# At most this many decisions kept by one engine across its questions and days (a few MB).
KEPT_PER_ENGINE = 65_536


class Engine:
    """Answers questions against one rulebook. Build once, ask many times."""

    def __init__(self, rulebook: Rulebook) -> None:
        if rulebook.abstract:
            raise ValueError(f"{rulebook.id} is an abstract model: ask a rulebook that extends it")
        self.rulebook = rulebook
        self._calendar = working_days(rulebook.nation)
        self._cache: dict[tuple[str, dt.date], CompiledQuestion] = {}
        self._kept = 0  # decisions kept since the memos last started again
        self._compiled_all = {p.name: Compiled(p, rulebook) for p in rulebook.provisions}

    def _compile(self, question: str, as_of: dt.date) -> CompiledQuestion:
        q = self.rulebook.question(question)
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
        guiding = [
            c
            for c in self.rulebook.clauses.values()
            if c.status == "guidance" and question in c.applies_to
        ]
        guidance = tuple((tester(c.when), c.id, c.guidance) for c in guiding)
        # Every fact a decision can turn on: what its guidance and provisions read.
        relevant = {key for c in guiding for key in c.when}
        for c in active:
            relevant.update(c.reads)
        compiled = CompiledQuestion(q, active, guidance, relevant)
        base = QUESTIONS[question]
        if q.derive_for is not None and q.derive is base.derive:
            # Work out only the derived facts this rulebook reads (unobservable otherwise:
            # a decision shows only what its provisions, guidance and texts read). Not
            # where the rulebook declares derived facts, which may read any of them.
            compiled.derive = q.derive_for(frozenset(relevant) & {f.name for f in q.derived})
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
        # The same values of every fact the answer can turn on give the same decision.
        try:
            memo_key = (cq.relevant(f), tuple(settings.items()) if settings else ())
            known = cq.memo.get(memo_key)
        except (KeyError, TypeError):  # a fact missing or unhashable: decide in full
            memo_key, known = None, None
        if known is not None:
            return known

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
        if memo_key is not None:
            if len(cq.memo) >= MEMO_SIZE:
                cq.memo.clear()
            self._kept += 1
            if self._kept > KEPT_PER_ENGINE:  # across every question and day: bounded memory
                for compiled in self._cache.values():
                    compiled.memo.clear()
                self._kept = 0
            cq.memo[memo_key] = decision
        return decision

    def _assemble(self, cq: CompiledQuestion, key: tuple[int, ...]) -> Core:
        ordered = cq.ordered
        effective = [ordered[i] if i >= 0 else cq.defaults[-1 - i] for i in key]
        decisive = [c for c in effective if c.decisive or c.provision.default]
        winner = decisive[0]
        # Decisive first (the winner leads), then advisory, each clause once per provision.
        effective.sort(key=lambda c: (c is not winner, not c.decisive and not c.provision.default))
        citations: tuple[Citation, ...] = ()
        obligations: dict[str, tuple[str, str, tuple[str, ...]]] = {}
        explain: list[str] = []
        route_from: Compiled | None = None
        deadline_from: Compiled | None = None
        templated = False
        effects: dict[str, tuple[Citation, ...]] = {}
        for c in effective:
            citations += c.citations
            p = c.provision
            for effect in p.effects:
                effects[effect] = effects.get(effect, ()) + c.citations
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
        outcome = wp.outcome or "refer"
        if outcome == "refuse" and all(
            c.provision.put_right for c in decisive if c.provision.outcome == "refuse"
        ):
            outcome = "put_right"  # every refusal here is put right by its obligations
        core = Core(
            outcome=outcome,
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
            effects=effects,
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
        """Against the review period the protocol states: current, due_soon (within 3
        months before it), due (within it), overdue (after it), or unset (none stated)."""
        period = self.rulebook.review_period
        return "unset" if period is None else period.status(day)
