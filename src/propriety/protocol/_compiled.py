"""Rulebooks compiled for speed: each provision becomes one (fact getter,
allowed values) check with pre-built citations, and each question's
provisions in force on a day are indexed on the fact most of them narrow."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from itertools import product
from operator import itemgetter
from string import Formatter
from typing import Any

from propriety.protocol._decision import Citation, Core, Decision, Route
from propriety.protocol._questions import Question
from propriety.protocol._rulebook import Provision, Rulebook

MAX_COMBINATIONS = 4096
# Decisions kept per question and day (CompiledQuestion.memo) before the memo starts again.
MEMO_SIZE = 4096


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


def _key_of(names: set[str]) -> Callable[[Mapping[str, Any]], Any]:
    if not names:
        return lambda f: ()
    return itemgetter(*sorted(names))


Entry = tuple[int, Callable[[Mapping[str, Any]], Any] | None, frozenset[Any], bool, tuple[Any, ...]]


class CompiledQuestion:
    """A question's provisions in force on one day, indexed for speed."""

    __slots__ = (
        "by_value",
        "cores",
        "defaults",
        "derive",
        "facts",
        "guidance",
        "index_fact",
        "memo",
        "ordered",
        "question",
        "relevant",
        "rest",
    )

    def __init__(
        self,
        question: Question,
        active: list[Compiled],
        guidance: tuple[Any, ...],
        relevant: set[str],
    ) -> None:
        self.question = question
        # The values of every fact a decision can turn on, and the decisions already made
        # for such values (the engine fills it; facts not hashable are never kept).
        self.relevant = _key_of(relevant)
        self.memo: dict[tuple[Any, Any], Decision] = {}
        self.derive = question.derive
        self.facts = {f.name: f.default for f in question.all_facts}
        ordered = sorted(
            (c for c in active if not c.provision.default), key=lambda c: -c.provision.priority
        )
        self.defaults = tuple(c for c in active if c.provision.default)
        self.guidance = guidance
        self.cores: dict[tuple[int, ...], Core] = {}
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
        self.by_value: dict[Any, tuple[Entry, ...]] = {}
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
