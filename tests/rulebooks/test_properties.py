"""Properties that hold for every rulebook, whatever the facts (hypothesis)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from propriety.protocol import QUESTIONS, Fact, engine_for, rulebook
from tests.rulebooks.conftest import concrete_names

pytestmark = pytest.mark.core

PERSON = st.fixed_dictionaries(
    {
        "name": st.sampled_from(["Alex Green", "Jo Black", "Sam Patel", "Kim Lee"]),
        "kind": st.sampled_from(
            ["councillor", "officer", "complainant", "third_party", "member_of_public"]
        ),
    }
)


def _strategy(fact: Fact) -> st.SearchStrategy[Any]:
    if fact.type == "bool":
        return st.booleans()
    if fact.type == "enum":
        return st.sampled_from(fact.choices)
    if fact.type == "date":
        return st.dates(dt.date(2020, 1, 1), dt.date(2030, 12, 31))
    if fact.type == "people":
        return st.lists(PERSON, max_size=3).map(tuple)
    if fact.type == "person":
        return PERSON
    if fact.type == "text":
        return st.one_of(st.just(""), st.just("CC councillor Jo Black"), st.text(max_size=40))
    return st.integers(0, 30)


def facts_for(question: str) -> st.SearchStrategy[dict[str, Any]]:
    q = QUESTIONS[question]
    return st.fixed_dictionaries({f.name: _strategy(f) for f in q.facts})


def _answered(question: str) -> list[str]:
    return [n for n in concrete_names() if question in rulebook(n).questions]


@pytest.mark.parametrize("name", _answered("document.access"))
@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_exempt_information_is_never_allowed_to_a_non_member(
    name: str, data: st.DataObject
) -> None:
    facts = data.draw(facts_for("document.access"))
    facts["classification"] = "exempt"
    facts["on_owning_committee"] = False
    day = data.draw(st.dates(dt.date(2024, 1, 1), dt.date(2028, 12, 31)))
    decision = engine_for(name).decide("document.access", facts, as_of=day)
    assert decision.outcome != "allow", decision


QUESTION_RULEBOOK = [(n, q) for n in concrete_names() for q in rulebook(n).questions]


@pytest.mark.parametrize(("name", "question"), QUESTION_RULEBOOK)
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_every_decision_cites_and_every_refusal_cites_a_refusing_clause(
    name: str, question: str, data: st.DataObject
) -> None:
    facts = data.draw(facts_for(question))
    day = data.draw(st.dates(dt.date(2024, 1, 1), dt.date(2028, 12, 31)))
    decision = engine_for(name).decide(question, facts, as_of=day)
    assert decision.citations, "every decision cites at least one clause"
    rb = rulebook(name)
    by_name = {p.name: p for p in rb.provisions}
    if decision.outcome == "refuse":
        refusing = [c for c in decision.citations if by_name[c.provision].outcome == "refuse"]
        assert refusing, "a refusal cites the clause that refuses"
    if decision.outcome == "refer":
        assert decision.refer_to is not None and decision.route is not None
    for c in decision.citations:
        assert c.clause in rb.clauses
