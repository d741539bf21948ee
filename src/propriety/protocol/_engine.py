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
pre-built citations, and each question's provisions in force into a decision
table: the facts they and the guidance test are yes/no or choices, so for each
combination of their values which provisions fire, the decision's assembled
parts and its guidance are worked out once, when the question is compiled
(for each set of provisions in force, whatever the day). A decision then costs
one look-up of the tested values plus its templates and deadline. Each decision
is also kept per question and day against its table row and the values of the
other facts it can turn on (those its templates name, its deadline counts from
and it reports): asked again with the same values, the same decision object is
returned (``CompiledQuestion.memo``), looked up before it is assembled. Settings
given are part of what it is kept against.

Facts are completed with defaults only where something is worked out from
them: a rulebook that reads none of a question's derived facts has them read
as given (``Question.derive_for``), and a complete set of given facts is
copied rather than merged with the defaults.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from propriety.protocol._clock import Deadline, working_days
from propriety.protocol._compiled import (
    MEMO_SIZE,
    Compiled,
    CompiledQuestion,
    fire,
    guidance_for,
    tester,
)
from propriety.protocol._decision import Decision, UnansweredQuestion
from propriety.protocol._declared import deriver
from propriety.protocol._questions import QUESTIONS, Question
from propriety.protocol._rulebook import Provision, Rulebook

_new = object.__new__
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
        # Each question's compiled form for the day it was last asked about: found by the
        # question alone, the day compared (cheaper than a look-up by question and day).
        self._latest: dict[str, CompiledQuestion] = {}
        self._kept = 0  # decisions kept since the memos last started again
        self._plans: dict[tuple[str, tuple[str, ...]], CompiledQuestion] = {}
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
        # Compiled once for each set of provisions in force, whatever the day; each day
        # keeps its own decisions.
        plan_key = (question, tuple(c.provision.name for c in active))
        plan = self._plans.get(plan_key)
        if plan is None:
            plan = self._plan(q, active)
            if len(self._plans) > 1024:
                self._plans.clear()
            self._plans[plan_key] = plan
        compiled = plan.for_day(as_of)
        if question == "protocol.review":
            status = self.review_status(as_of)

            def derive(f: dict[str, Any], day: dt.date) -> None:
                f["review_status"] = status

            compiled.derive = derive
        if len(self._cache) > 4096:
            self._cache.clear()
            self._latest.clear()
        self._cache[(question, as_of)] = compiled
        return compiled

    def _plan(self, q: Question, active: list[Compiled]) -> CompiledQuestion:
        guiding = [
            c
            for c in self.rulebook.clauses.values()
            if c.status == "guidance" and q.name in c.applies_to
        ]
        guidance = tuple((tester(c.when), c.id, c.guidance) for c in guiding)
        # Every fact a decision can turn on: what its guidance and provisions read.
        guidance_facts = {key for c in guiding for key in c.when}
        relevant = set(guidance_facts)
        for c in active:
            relevant.update(c.reads)
        base = QUESTIONS[q.name]
        derive = q.derive
        derive_some = base.derive_for is not None
        worked_out: frozenset[str] = frozenset()
        if base.derive_for is not None:
            # Work out only the catalogue's derived facts this rulebook reads (unobservable
            # otherwise: a decision shows only what its provisions, guidance and texts
            # read), and those its own derived facts read, which are all worked out.
            wanted = set(relevant)
            for _, conditions in q.derivations:
                for condition in conditions:
                    wanted.update(condition)
            # With what each provision and guiding clause reads and tests, a derive may
            # leave out what no provision that could fire reads (protocol/_questions);
            # not where the rulebook derives facts of its own, which may read any.
            readers = None
            if not q.derivations:
                readers = [(c.reads, c.provision.when) for c in active]
                readers += [(frozenset(c.when), c.when) for c in guiding]
            worked_out = frozenset(wanted) & {f.name for f in base.derived}
            derive = deriver(base.derive_for(worked_out, readers), q.derivations)
        compiled = CompiledQuestion(
            q, active, guidance, guidance_facts, relevant, derive, self.rulebook
        )
        if derive_some:
            # Every derived fact a decision reads is worked out on each call, so only the
            # given facts need their defaults filled in.
            compiled.facts = {f.name: f.default for f in q.facts}
            if derive is not None:
                # The given facts are always completed with their defaults, in a mapping
                # made with room for the catalogue's derived facts the derive then sets
                # (each is set on every call before anything reads it): no check that
                # every given fact is there, and no growing the copy as the derived facts
                # are added (measured level with checking and copying; simpler).
                for fact in base.derived:
                    if fact.name in worked_out:
                        compiled.facts.setdefault(fact.name, fact.default)
                compiled.given = None
        # Before, every question whose catalogue derives facts had its facts completed
        # into a new mapping; one read as given fails the same way on a non-mapping.
        compiled.merged = base.derive is not None
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
        cq = self._latest.get(question)
        if cq is None or (cq.day is not day and cq.day != day):
            cq = self._cache.get((question, day)) or self._compile(question, day)
            self._latest[question] = cq
        at, extra, derive = cq.at, cq.extra, cq.derive
        if derive is None and facts:
            # Nothing is worked out into the facts, so they are read as given when they
            # hold every fact a decision reads (those the two getters fetch).
            f = facts
            try:
                values = at(f) if at is not None else ()
                more = extra(f) if extra is not None else ()
            except KeyError:  # a fact left out: its default
                f = {**cq.facts, **facts}
                values = at(f) if at is not None else ()
                more = extra(f) if extra is not None else ()
            except TypeError:  # not a mapping
                if not cq.merged:
                    raise
                # Where the facts were completed before, as they were (and fail so).
                f = {**cq.facts, **facts}
                values = at(f) if at is not None else ()
                more = extra(f) if extra is not None else ()
        else:
            if not facts:
                f = dict(cq.facts)
            else:
                given = cq.given
                if given is None:  # completed with the defaults (see _plan)
                    f = {**cq.facts, **facts}
                else:
                    # Every fact given (as a form or the API sends them): a copy holds
                    # the same as one completed with the defaults, and costs less.
                    try:
                        given(facts)
                        f = dict(facts)
                    except Exception:  # a fact left out (or not a mapping): completed
                        f = {**cq.facts, **facts}
            if derive is not None:
                derive(f, day)
            values = at(f) if at is not None else ()
            more = extra(f) if extra is not None else ()
        try:
            entry = cq.table.get(values)
        except TypeError:  # a value not hashable: not in the table
            entry = None
        # A decision is kept against its table row and the values of the other facts it
        # can turn on (those its texts name, its deadline counts from and it reports) and
        # the settings: the same values give the same decision, so it is looked up before
        # it is assembled.
        memo_key: Any = None
        memo = cq.memo
        row: int | None = None
        if entry is not None:
            row, core, guidance, candidates, rest_at, by_rest = entry
            if not settings:
                memo_key = (row, more) if extra is not None else row
            elif type(settings) is dict:
                memo_key = (row, more, tuple(settings.items()))
            if memo_key is not None:
                try:
                    known = memo.get(memo_key)
                except TypeError:  # not hashable: decided in full and not kept
                    memo_key, known = None, None
                if known is not None:
                    return known
            if rest_at is not None:  # the table leaves out facts that are worked out
                try:
                    settled = by_rest.get(rest_at(f))
                except TypeError:
                    settled = None
                if settled is not None:
                    core, guidance = settled
        else:
            index = cq.index_fact
            candidates = cq.by_value[f[index]] if index is not None else cq.rest
            core, guidance = None, ()
        if core is None:
            try:
                core = cq.core(fire(candidates, cq.defaults, f))
            except UnansweredQuestion:  # pragma: no cover - the loader requires a default
                raise UnansweredQuestion(
                    f"no provision of {self.rulebook.id} answers these facts for {question}"
                ) from None
            guidance = core.guidance if core.guidance_static else guidance_for(core, f)
        # Made without Decision.__init__: its slots set here cost less than a call to it,
        # which every decision asked for the first time pays (the same seven slots).
        decision = _new(Decision)
        decision._core = core
        decision._facts = None
        decision.as_of = day
        decision.guidance = guidance
        if not core.keep:  # nothing to fill in, count or report
            decision.deadline = None
            decision.explanation = core.explain
            decision.obligations = core.obligations
        else:
            if row is not None and memo_key is None and settings:
                # Settings of another kind are not kept against, but read as they were.
                tuple(settings.items())
            explanation: str = core.explain
            obligations = core.obligations
            if core.templated:  # protocol/_templates.py: as str.format_map fills them
                explanation, obligations = core.fill(f)
            rule = core.deadline_rule
            decision.deadline = self._deadline(rule, f, day, settings) if rule is not None else None
            decision.explanation = explanation
            decision.obligations = obligations
            matter = core.matter
            if matter is not None:
                # Every fact a decision reads is in ``f`` (the getters above fetched them).
                try:
                    decision._facts = matter(f)
                except KeyError:  # pragma: no cover - as a safeguard
                    decision._facts = tuple(f.get(k) for k in core.facts_that_matter)
                    if len(core.facts_that_matter) == 1:
                        decision._facts = decision._facts[0]
        if memo_key is not None:
            kept = self._kept + 1
            if kept > KEPT_PER_ENGINE or len(memo) >= MEMO_SIZE:
                kept = self._forget(memo, kept)
            self._kept = kept
            memo[memo_key] = decision
        return decision

    def _forget(self, memo: dict[Any, Decision], kept: int) -> int:
        """Start a full memo again; past ``KEPT_PER_ENGINE`` decisions kept across every
        question and day, every memo (bounded memory). The count kept after that."""
        if kept > KEPT_PER_ENGINE:
            for compiled in self._cache.values():
                compiled.memo.clear()
            return 0
        memo.clear()
        return kept

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
