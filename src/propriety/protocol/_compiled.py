"""Rulebooks compiled for speed: each provision becomes one (fact getter,
allowed values) check with pre-built citations, and each question's
provisions in force are compiled into a decision table on the values of the
facts they test (``CompiledQuestion``)."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from itertools import product
from operator import itemgetter
from string import Formatter
from typing import Any

from propriety.protocol._decision import Citation, Core, Decision, Route, UnansweredQuestion
from propriety.protocol._questions import Question
from propriety.protocol._rulebook import Provision, Rulebook
from propriety.protocol._templates import fillers

MAX_COMBINATIONS = 4096
# Decisions kept per question and day (CompiledQuestion.memo) before the memo starts again.
MEMO_SIZE = 4096
# At most this many rows in a question's decision table (combinations of tested values).
TABLE_SIZE = 4096


def tester(
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
    if size > MAX_COMBINATIONS:
        items = tuple(checks.items())
        return (lambda f: all(f[k] in a for k, a in items)), frozenset({True})
    return itemgetter(*keys), frozenset(product(*(checks[k] for k in keys)))


class Compiled:
    """A provision ready to evaluate quickly."""

    __slots__ = (
        "allowed",
        "citations",
        "decisive",
        "get",
        "key",
        "obligations",
        "provision",
        "reads",
        "route",
        "templated",
    )

    def __init__(self, provision: Provision, rulebook: Rulebook) -> None:
        self.provision = provision
        test = tester(provision.when)
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
        # Every fact this provision's part of a decision can turn on: what it tests, what
        # its text names, what its deadline counts from and what it reports.
        reads = set(provision.when) | set(provision.facts_that_matter)
        if provision.deadline is not None and provision.deadline.from_fact:
            reads.add(provision.deadline.from_fact)
        if self.templated:
            for text in (provision.explain, *(o.text for o in provision.obligations)):
                reads.update(_fields(text))
        self.reads = frozenset(reads)
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


def _fields(text: str) -> set[str]:
    """The fact names a ``{name}`` template reads (``{a.b}`` and ``{a[0]}`` read ``a``)."""
    names = set()
    for _, field, _, _ in Formatter().parse(text):
        if field:
            names.add(field.split(".", 1)[0].split("[", 1)[0])
    return names


Entry = tuple[int, Callable[[Mapping[str, Any]], Any] | None, frozenset[Any], bool, tuple[Any, ...]]
# One row of a decision table: its number (what kept decisions are keyed on), the
# assembled core and the guidance that apply (when the row's values settle every
# provision), else the provisions that can still fire, with a getter of the other facts
# they test and a small table on those facts' values.
Row = tuple[
    int,
    Core | None,
    tuple[tuple[str, str], ...],
    tuple[Entry, ...],
    Callable[[Mapping[str, Any]], Any] | None,
    Mapping[Any, tuple[Core, tuple[tuple[str, str], ...]]],
]
_NOTHING: Mapping[Any, Any] = {}


def fire(
    candidates: tuple[Entry, ...], defaults: tuple[Compiled, ...], f: Mapping[str, Any]
) -> tuple[int, ...]:
    """Which provisions fire (numbered in priority order; a default as ``-1 - j``): the
    highest-priority decisive one wins, with every fired provision that agrees with it."""
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
        for j, c in enumerate(defaults):
            if c.matches(f):
                return (*key, -1 - j)
        raise UnansweredQuestion("no provision answers these facts")
    return key


class CompiledQuestion:
    """A question's provisions in force on one day, compiled into a decision table.

    The facts its provisions and guidance test are yes/no or choices, so together they
    have few combinations of values: for each combination (up to ``TABLE_SIZE``) the
    table holds which provisions fire, their assembled decision parts and the guidance
    that applies, so a decision costs one look-up of the tested values. Where the
    combinations are too many, the table is on the facts most provisions test and each
    row lists the provisions that can still fire. Values outside a fact's choices (or
    not hashable) miss the table and every provision is tried, as without it."""

    __slots__ = (
        "at",
        "by_value",
        "cores",
        "day",
        "defaults",
        "derive",
        "extra",
        "facts",
        "given",
        "guidance",
        "index_fact",
        "memo",
        "merged",
        "ordered",
        "question",
        "rest",
        "rows",
        "rulebook_id",
        "rulebook_version",
        "table",
    )

    def __init__(
        self,
        question: Question,
        active: list[Compiled],
        guidance: tuple[Any, ...],
        guidance_facts: set[str],
        relevant: set[str],
        derive: Callable[[dict[str, Any], Any], None] | None,
        rulebook: Rulebook,
    ) -> None:
        self.question = question
        self.rulebook_id = rulebook.id
        self.rulebook_version = rulebook.version
        # The decisions already made on this day, kept against the table row and the values
        # of the other facts a decision can turn on (the engine fills it).
        self.memo: dict[Any, Decision] = {}
        self.day: Any = None  # the day whose decisions it keeps (for_day)
        self.derive = derive
        self.facts = {f.name: f.default for f in question.all_facts}
        # Fetches every given fact: fails where one is left out (see Engine.decide).
        names = [f.name for f in question.facts]
        self.given: Callable[[Mapping[str, Any]], Any] | None = (
            itemgetter(*names) if names else None
        )
        self.merged = True
        ordered = sorted(
            (c for c in active if not c.provision.default), key=lambda c: -c.provision.priority
        )
        self.defaults = tuple(c for c in active if c.provision.default)
        self.guidance = guidance
        self.cores: dict[tuple[int, ...], Core] = {}
        self.ordered = tuple(ordered)
        numbered = tuple((i, c.get, c.allowed, c.decisive, c.key) for i, c in enumerate(ordered))
        self.rest = numbered
        # Off the table (a value outside a fact's choices): indexed on the fact most
        # provisions narrow, as before the table, so such facts fail or pass as they did.
        narrowing: dict[str, int] = {}
        for c in ordered:
            for k, allowed in c.provision.when.items():
                fact = question.fact(k)
                if fact is not None and fact.domain is not None and len(allowed) < len(fact.domain):
                    narrowing[k] = narrowing.get(k, 0) + 1
        self.index_fact = max(narrowing, key=lambda k: narrowing[k]) if narrowing else None
        self.by_value: dict[Any, tuple[Entry, ...]] = {}
        if self.index_fact is not None:
            for value in _domain(question, self.index_fact):
                self.by_value[value] = tuple(
                    entry
                    for entry, c in zip(numbered, ordered, strict=True)
                    if self.index_fact not in c.provision.when
                    or value in c.provision.when[self.index_fact]
                )
        # The facts tested, those most provisions narrow first, as many as the table holds.
        counts: dict[str, int] = {}
        for c in active:
            for k in c.provision.when:
                counts[k] = counts.get(k, 0) + 1
        for k in guidance_facts:
            counts.setdefault(k, 0)
        domains = {k: _domain(question, k) for k in counts}
        # Every fact given (not worked out) must be on the table, so that a value outside
        # its choices misses the table and fails as it did without it; worked-out facts
        # are always within their choices, so those beyond the table's size are tested
        # row by row.
        derived = {f.name for f in question.derived}
        chosen: list[str] = []
        size = 1
        for k in sorted(counts, key=lambda k: (k in derived, -counts[k], k)):
            if size * len(domains[k]) <= TABLE_SIZE:
                chosen.append(k)
                size *= len(domains[k])
            elif k not in derived:  # too many given facts to tabulate: no table
                chosen = []
                break
        chosen.sort()
        settles = len(chosen) == len(counts)
        self.at = itemgetter(*chosen) if chosen else None
        others = sorted(set(relevant) - set(chosen))
        self.extra = itemgetter(*others) if others else None
        # The table gives the row itself (not its number in ``rows``): one look-up less on
        # every decision, and one object less to reach in memory.
        self.table: dict[Any, Row] = {}
        rows: list[Row] = []
        tabulated = chosen or settles  # with no fact tested, one row
        whens = [c.provision.when for c in ordered]
        # What else a row's answer turns on besides its provisions: the defaults' and the
        # guidance's conditions.
        besides = set(guidance_facts).union(*(c.provision.when for c in self.defaults))
        shared: dict[Any, tuple[Any, dict[Any, tuple[Core, Any]]]] = {}
        for combo, candidates in _combos(chosen, domains, numbered, whens) if tabulated else ():
            values = dict(zip(chosen, combo, strict=True))
            number = len(rows)
            row: Row = (number, None, (), candidates, None, _NOTHING)
            if settles:
                settled = self._settle(candidates, values)
                if settled is not None:
                    row = (number, *settled, (), None, _NOTHING)
            else:
                # The facts the table leaves out are worked out (always within their
                # choices): a small table on those the row's provisions still test, shared
                # by every row with the same provisions and the same values besides.
                reads = besides.union(*(whens[e[0]] for e in candidates))
                rest = sorted(reads - values.keys())
                same = (
                    tuple(e[0] for e in candidates),
                    tuple(values[k] for k in sorted(besides & values.keys())),
                )
                if same not in shared:
                    by_rest = {}
                    for more in product(*(domains[k] for k in rest)):
                        found = self._settle(
                            candidates, {**values, **dict(zip(rest, more, strict=True))}
                        )
                        if found is not None:
                            by_rest[more if len(rest) != 1 else more[0]] = found
                    shared[same] = (itemgetter(*rest) if rest else None, by_rest)
                rest_at, by_rest = shared[same]
                if rest_at is not None:
                    row = (number, None, (), candidates, rest_at, by_rest)
                elif () in by_rest:
                    row = (number, *by_rest[()], (), None, _NOTHING)
            self.table[combo if len(chosen) != 1 else combo[0]] = row
            rows.append(row)
        self.rows = tuple(rows)

    def _settle(
        self, candidates: tuple[Entry, ...], values: Mapping[str, Any]
    ) -> tuple[Core, tuple[tuple[str, str], ...]] | None:
        """The core and guidance of a decision on these values (None where the engine
        would say no provision answers them)."""
        try:
            key = fire(candidates, self.defaults, values)
        except UnansweredQuestion:
            return None
        core = self.core(key)
        return core, core.guidance if core.guidance_static else guidance_for(core, values)

    def core(self, key: tuple[int, ...]) -> Core:
        """The parts of a decision fixed by which provisions fired (assembled once)."""
        core = self.cores.get(key)
        if core is None:
            core = self.cores[key] = _assemble(self, key)
        return core

    def for_day(self, day: Any) -> CompiledQuestion:
        """The same compiled question with no decisions kept yet (one per day)."""
        other = object.__new__(CompiledQuestion)
        for name in self.__slots__:
            setattr(other, name, getattr(self, name))
        other.memo = {}
        other.day = day
        return other


def _combos(
    chosen: list[str],
    domains: Mapping[str, tuple[Any, ...]],
    candidates: tuple[Entry, ...],
    whens: list[Mapping[str, frozenset[Any]]],
    combo: tuple[Any, ...] = (),
) -> Iterator[tuple[tuple[Any, ...], tuple[Entry, ...]]]:
    """Every combination of the chosen facts' values, each with the provisions whose
    conditions on those facts it meets (narrowed one fact at a time)."""
    if len(combo) == len(chosen):
        yield combo, candidates
        return
    k = chosen[len(combo)]
    for v in domains[k]:
        narrowed = tuple(e for e in candidates if k not in whens[e[0]] or v in whens[e[0]][k])
        yield from _combos(chosen, domains, narrowed, whens, (*combo, v))


def guidance_for(core: Core, f: Mapping[str, Any]) -> tuple[tuple[str, str], ...]:
    """The guidance shown with a decision: each guiding clause whose condition holds."""
    return tuple(
        (cid, text) for test, cid, text in core.guidance if test is None or test[0](f) in test[1]
    )


def _domain(question: Question, name: str) -> tuple[Any, ...]:
    fact = question.fact(name)
    assert fact is not None and fact.domain is not None  # the loader checks conditions
    return fact.domain


def _assemble(cq: CompiledQuestion, key: tuple[int, ...]) -> Core:
    core = _assemble_core(cq, key)
    if core.templated:  # each text read once, filled in on each decision
        core.fill = fillers(core.explain, core.obligations)
    return core


def _assemble_core(cq: CompiledQuestion, key: tuple[int, ...]) -> Core:
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
    return Core(
        outcome=outcome,
        citations=citations,
        obligations=tuple(obligations.values()),
        route=route_from.route if route_from else None,
        refer_to=wp.refer_to,
        recommendation=wp.recommend,
        facts_that_matter=wp.facts_that_matter,
        matter=itemgetter(*wp.facts_that_matter) if wp.facts_that_matter else None,
        deadline_rule=deadline_from.provision if deadline_from else None,
        explain=" ".join(explain),
        templated=templated,
        guidance=tuple((cid, text) for _, cid, text in cq.guidance) if static else cq.guidance,
        guidance_static=static,
        effects=effects,
        keep=templated or deadline_from is not None or bool(wp.facts_that_matter),
        question=cq.question.name,
        rulebook=cq.rulebook_id,
        rulebook_version=cq.rulebook_version,
    )
