"""Every scenario of every rulebook: the outcome AND the clauses cited.

Scenario files live in tests/rulebooks/scenarios/<rulebook>.yaml (format in
docs/rulebooks.md §7).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
import yaml

from propriety.protocol import engine_for, rulebook, validate_facts
from propriety.protocol._paths import example_names
from tests.rulebooks.conftest import concrete_names

pytestmark = pytest.mark.core

SCENARIOS = Path(__file__).parent / "scenarios"


def _load() -> list[tuple[str, int, dict[str, Any]]]:
    cases = []
    for path in sorted(SCENARIOS.glob("*.yaml")):
        items = yaml.safe_load(path.read_text(encoding="utf-8")) or []
        for index, item in enumerate(items):
            cases.append((path.stem, index, item))
    return cases


CASES = _load()


@pytest.mark.parametrize(
    ("name", "index", "scenario"),
    CASES,
    ids=[f"{n}:{i}:{s.get('name', '')[:60]}" for n, i, s in CASES],
)
def test_scenario(name: str, index: int, scenario: dict[str, Any]) -> None:
    expect = scenario["expect"]
    as_of = scenario.get("as_of") or dt.date(2026, 11, 22)
    if isinstance(as_of, str):
        as_of = dt.date.fromisoformat(as_of)
    facts = validate_facts(scenario["question"], scenario.get("facts") or {}, rulebook(name))
    decision = engine_for(name).decide(
        scenario["question"], facts, as_of=as_of, settings=scenario.get("settings")
    )
    assert decision.outcome == expect["outcome"], decision.explanation
    assert set(decision.clauses) == set(expect["cites"]), (
        f"cited {sorted(decision.clauses)}, expected {sorted(expect['cites'])}"
    )
    if "refer_to" in expect:
        assert decision.refer_to == expect["refer_to"]
    if "recommendation" in expect:
        assert decision.recommendation == expect["recommendation"]
    if "route_now" in expect:
        assert decision.route is not None and decision.route.now == expect["route_now"]
    if "route_next" in expect:
        assert decision.route is not None
        assert [r for r, _ in decision.route.next] == list(expect["route_next"])
    if "obligations" in expect:
        have = {ob[0] for ob in decision.obligations}
        missing = set(expect["obligations"]) - have
        assert not missing, f"missing obligations {missing}; have {have}"
    if "deadline" in expect:
        want = expect["deadline"]
        want = dt.date.fromisoformat(want) if isinstance(want, str) else want
        assert decision.deadline is not None and decision.deadline.due == want
    if expect["outcome"] == "refuse":
        assert decision.citations, "a refusal must cite the clause that refuses"


@pytest.mark.parametrize("name", concrete_names() + example_names())
def test_each_rulebook_has_enough_scenarios_covering_every_question(name: str) -> None:
    mine = [s for n, _, s in CASES if n == name]
    assert len(mine) >= 15, f"{name} has {len(mine)} scenarios; at least 15 are needed"
    asked = {s["question"] for s in mine}
    missing = set(rulebook(name).questions) - asked
    assert not missing, f"{name} answers {sorted(missing)} but no scenario asks them"


def test_every_scenario_file_names_a_rulebook() -> None:
    names = set(concrete_names()) | set(example_names())
    for path in SCENARIOS.glob("*.yaml"):
        assert path.stem in names, f"{path.name} is not the scenario file of a concrete rulebook"
