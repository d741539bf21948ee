"""What the engine's quicker ways of working out facts rest on (docs/performance.md,
"Engine median with declared facts, 6 December 2026 (session 6)")."""

from __future__ import annotations

import datetime as dt
import random
from itertools import chain, combinations
from typing import Any

import pytest

from propriety.protocol import QUESTIONS, engine_for, rulebook, rulebook_names
from propriety.protocol._declared import deriver
from propriety.protocol._paths import example_names

pytestmark = pytest.mark.core
DAY = dt.date(2026, 11, 22)


def _names() -> list[str]:
    return [n for n in rulebook_names() + example_names() if not rulebook(n).abstract]


@pytest.mark.parametrize("name", _names())
def test_every_derive_sets_every_derived_fact(name: str) -> None:
    """A decision's facts may be a copy of those given rather than completed with every
    default, because each derive sets every derived fact of its question."""
    for qname in rulebook(name).questions:
        q = rulebook(name).question(qname)
        if q.derive is None:
            continue
        facts = {f.name: f.default for f in q.facts}
        q.derive(facts, DAY)
        assert {f.name for f in q.derived} <= facts.keys(), qname


@pytest.mark.parametrize("qname", [q for q in QUESTIONS if QUESTIONS[q].derive_for])
def test_derive_for_gives_what_the_full_derive_gives(qname: str) -> None:
    q = QUESTIONS[qname]
    assert q.derive is not None and q.derive_for is not None
    names = [f.name for f in q.derived]
    rng = random.Random(3)
    for wanted in chain.from_iterable(combinations(names, k) for k in range(len(names) + 1)):
        derive = q.derive_for(frozenset(wanted))
        for _ in range(50):
            facts: dict[str, Any] = {f.name: f.default for f in q.facts}
            for f in q.facts:
                if f.domain:
                    facts[f.name] = rng.choice(f.domain)
            full = dict(facts)
            q.derive(full, DAY)
            some = dict(facts)
            if derive is not None:
                derive(some, DAY)
            assert {k: some[k] for k in wanted} == {k: full[k] for k in wanted}


def test_a_declared_derived_fact_is_true_where_any_condition_holds() -> None:
    derive = deriver(
        None,
        (
            ("either", ({"a": frozenset({True})}, {"b": frozenset({"x", "y"})})),
            ("always", ({}, {"a": frozenset({True})})),
            ("never", ()),
            ("both", ({"a": frozenset({True}), "b": frozenset({"x"})},)),
        ),
    )
    assert derive is not None
    for a in (False, True):
        for b in ("x", "y", "z"):
            facts: dict[str, Any] = {"a": a, "b": b}
            derive(facts, DAY)
            assert facts["either"] is (a or b in ("x", "y"))
            assert facts["always"] is True and facts["never"] is False
            assert facts["both"] is (a and b == "x")
    with pytest.raises(TypeError):  # a value that is not hashable fails as before
        derive({"a": [], "b": "x"}, DAY)


def test_facts_read_as_given_where_nothing_read_is_worked_out() -> None:
    """The example council reads none of document.access's derived facts: its facts are
    read as given, missing ones at their defaults, the same decision either way."""
    engine = engine_for("ashcombe")
    q = rulebook("ashcombe").question("document.access")
    full = {f.name: f.default for f in q.facts}
    a = engine.decide("document.access", {}, as_of=DAY)
    b = engine.decide("document.access", full, as_of=DAY)
    c = engine.decide("document.access", {"wants_a_copy": True}, as_of=DAY)
    assert a.as_dict() == b.as_dict()
    assert [o[0] for o in c.obligations] == ["say-why-copy"]
    assert engine._cache[("document.access", DAY)].derive is None


@pytest.mark.parametrize(
    ("question", "facts"),
    [
        ("enquiry.escalation", {"handled_by": "officer"}),  # nothing to fill in
        ("enquiry.response_target", {"clock": "respond", "received_on": DAY}),  # a deadline
        ("document.access", {"classification": "public"}),  # facts that matter
    ],
)
def test_the_engine_sets_every_slot_of_a_decision(question: str, facts: dict[str, Any]) -> None:
    """The engine makes decisions without Decision.__init__ (it is quicker): each slot
    that __init__ sets is set, as __init__ sets it."""
    from propriety.protocol._decision import Decision

    decision = engine_for("grantham").decide(question, facts, as_of=DAY)
    made = Decision(
        decision._core,
        decision.as_of,
        decision.deadline,
        decision.explanation,
        decision.obligations,
        decision.guidance,
    )
    made._facts = decision._facts
    for name in Decision.__slots__:
        assert getattr(decision, name) == getattr(made, name), name
    assert decision.as_dict() == made.as_dict()
