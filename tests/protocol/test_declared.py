"""Facts a rulebook declares: loaded, checked, asked and decided like the catalogue's."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from propriety.protocol import (
    QUESTIONS,
    Engine,
    FactsError,
    Rulebook,
    RulebookError,
    load_rulebook,
    validate_facts,
)

pytestmark = pytest.mark.core

FIXTURES = Path(__file__).parent / "fixtures"
DAY = dt.date(2026, 11, 22)


@pytest.fixture(scope="module")
def declared() -> Rulebook:
    return load_rulebook("testford-declared", FIXTURES)


def test_a_rulebook_adds_facts_to_a_question_without_changing_the_catalogue(
    declared: Rulebook,
) -> None:
    q = declared.question("document.access")
    names = [f.name for f in q.declared_facts]
    assert names == ["request_kind", "urgent", "wanted_by", "copy_of_exempt"]
    kind = q.fact("request_kind")
    assert kind is not None and kind.type == "enum" and kind.default == "inspection"
    assert kind.ask == "What does the member want?" and kind.label("copy") == "To have a copy"
    assert kind.help.startswith("A copy leaves")
    assert QUESTIONS["document.access"].fact("request_kind") is None
    assert declared.question("enquiry.response_target") is QUESTIONS["enquiry.response_target"]


def test_declared_facts_decide_like_built_in_ones(declared: Rulebook) -> None:
    engine = Engine(declared)
    facts = validate_facts(
        "document.access",
        {"classification": "exempt", "on_owning_committee": True, "request_kind": "copy"},
        declared,
    )
    decision = engine.decide("document.access", facts, as_of=DAY)
    assert decision.outcome == "refuse"
    assert decision.clauses == ("§2",)
    assert decision.explanation == "No copies of exempt information (copy asked for)."
    look = engine.decide(
        "document.access", {"classification": "exempt", "on_owning_committee": True}, as_of=DAY
    )
    assert look.outcome == "allow"


def test_a_declared_date_can_start_a_clock(declared: Rulebook) -> None:
    facts = validate_facts(
        "document.access",
        {"on_owning_committee": True, "urgent": True, "wanted_by": "2026-12-01"},
        declared,
    )
    decision = Engine(declared).decide("document.access", facts, as_of=DAY)
    assert decision.deadline is not None and decision.deadline.due == dt.date(2026, 12, 1)
    assert "note-urgency" in {i for i, _, _ in decision.obligations}


def test_declared_facts_are_refused_without_the_rulebook_and_checked_with_it(
    declared: Rulebook,
) -> None:
    with pytest.raises(FactsError, match="no such fact"):
        validate_facts("document.access", {"urgent": True})
    with pytest.raises(FactsError, match="must be one of inspection, copy, extract"):
        validate_facts("document.access", {"request_kind": "photo"}, declared)
    with pytest.raises(FactsError, match="worked out by the engine"):
        validate_facts("document.access", {"copy_of_exempt": True}, declared)


def test_a_review_period_is_read_as_the_text_writes_it(declared: Rulebook) -> None:
    assert declared.review_due_text == "May / June 2027"
    engine = Engine(declared)
    assert engine.review_status(dt.date(2027, 6, 30)) == "due"
    assert engine.review_status(dt.date(2027, 7, 1)) == "overdue"


BAD = """
rulebook: bad
extends: testford
title: Bad
council: {name: Bad Town Council, kind: town, nation: england}
version: v1
source: {document: sources/testford.txt}
facts:
  document.acess:
    - {name: x, type: boolean, ask: "X?"}
  document.access:
    - {name: Urgent, type: boolean, ask: "Urgent?"}
    - {name: classification, type: boolean, ask: "Again?"}
    - {name: size, type: number, ask: "How big?"}
    - {name: kind, type: choice, values: [only], ask: "Which?"}
    - {name: flag, type: boolean}
    - {name: mode, type: choice, values: [a, b], default: c, ask: "Which?"}
    - {name: derived_one, says: Worked out., true_when: {no_such_fact: true}}
"""


def test_mistakes_in_declared_facts_are_each_reported_with_a_fix(tmp_path: Path) -> None:
    for item in FIXTURES.glob("testford*.yaml"):
        (tmp_path / item.name).write_text(item.read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "sources").mkdir()
    (tmp_path / "sources" / "testford.txt").write_text(
        (FIXTURES / "sources" / "testford.txt").read_text(encoding="utf-8"), encoding="utf-8"
    )
    (tmp_path / "bad.yaml").write_text(BAD, encoding="utf-8")
    with pytest.raises(RulebookError) as caught:
        load_rulebook("bad", tmp_path)
    text = str(caught.value)
    for expected in (
        "unknown question 'document.acess'",
        "did you mean 'document.access'",
        "needs a name in lower case",
        "already has a fact 'classification'",
        "type cannot be 'number'",
        "a choice needs two or more different values",
        "needs the question to put to a person",
        "the default 'c' is not one of a, b",
        "has no fact 'no_such_fact'",
    ):
        assert expected in text, expected


def test_a_rulebook_states_an_effect_the_app_acts_on_by_name() -> None:
    from propriety.protocol import engine_for

    facts = validate_facts(
        "correspondence.check",
        {
            "author": {"name": "Sam Patel", "kind": "officer"},
            "to": [{"name": "Alex Green", "kind": "councillor"}],
        },
    )
    decision = engine_for("part5-district").decide("correspondence.check", facts, as_of=DAY)
    opening = decision.effects["open_on_need_to_know"]
    assert {c.clause for c in opening} == {"§10.1"}
    assert decision.as_dict()["effects"] == [
        {"effect": "open_on_need_to_know", "clauses": ["§10.1"]}
    ]
    closed = engine_for("acses-town").decide("correspondence.check", facts, as_of=DAY)
    assert closed.effects == {}
