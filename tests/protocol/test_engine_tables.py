"""The engine's decision tables answer as testing every provision would, and only
decisions worth keeping are kept (bench/engine_same.py compares whole answers)."""

from __future__ import annotations

import datetime as dt
from itertools import product
from typing import Any

import pytest

from propriety.protocol import concrete_rulebook_names, engine_for, rulebook
from propriety.protocol._compiled import fire, guidance_for
from propriety.protocol._paths import example_names

pytestmark = pytest.mark.core
DAY = dt.date(2026, 11, 22)


def _names() -> list[str]:
    return concrete_rulebook_names() + example_names()


@pytest.mark.parametrize("name", _names())
def test_every_row_answers_as_testing_each_provision(name: str) -> None:
    engine = engine_for(name)
    for question in rulebook(name).questions:
        engine.decide(question, {}, as_of=DAY)
        cq = engine._cache[(question, DAY)]
        chosen: tuple[str, ...] = cq.at.__reduce__()[1] if cq.at is not None else ()  # type: ignore[assignment]
        for values, row in cq.table.items():
            combo = values if len(chosen) != 1 else (values,)
            # Every fact (a provision the row leaves out fails on the row's own values).
            facts: dict[str, Any] = {f.name: f.default for f in cq.question.all_facts}
            facts.update(zip(chosen, combo, strict=True))
            number, core, guidance, _, rest_at, by_rest = row
            assert cq.rows[number] is row
            leaves = [(facts, core, guidance)]
            if rest_at is not None:
                rest: tuple[str, ...] = rest_at.__reduce__()[1]  # type: ignore[attr-defined]
                leaves = [
                    (
                        {
                            **facts,
                            **dict(zip(rest, more if len(rest) != 1 else (more,), strict=True)),
                        },
                    )
                    + by_rest[more]
                    for more in by_rest
                ]
                assert len(by_rest) == len(
                    list(product(*(cq.question.fact(k).domain for k in rest)))
                )  # type: ignore[union-attr]
            for leaf, core, guidance in leaves:
                if core is None:
                    continue  # tested one by one when asked
                expected = cq.core(fire(cq.rest, cq.defaults, leaf))
                assert core is expected, (name, question, leaf)
                shown = (
                    expected.guidance if expected.guidance_static else guidance_for(expected, leaf)
                )
                assert guidance == shown, (name, question, leaf)


def test_a_decision_with_nothing_to_fill_in_is_kept_too() -> None:
    """Looking it up costs less than making it again (docs/performance.md, session 6)."""
    engine = engine_for("grantham")
    first = engine.decide("enquiry.escalation", {"handled_by": "officer"}, as_of=DAY)
    again = engine.decide("enquiry.escalation", {"handled_by": "officer"}, as_of=DAY)
    assert again is first
    other = engine.decide("enquiry.escalation", {"handled_by": "chief_officer"}, as_of=DAY)
    assert other is not first and other.as_dict() != first.as_dict()
    later = engine.decide(
        "enquiry.escalation", {"handled_by": "officer"}, as_of=DAY.replace(day=23)
    )
    assert later is not first and later.as_of != first.as_of


def test_a_decision_is_kept_against_the_settings_too() -> None:
    engine = engine_for("grantham")
    settings = {"respond_working_days": 5}
    facts = {"handled_by": "officer"}
    first = engine.decide("enquiry.escalation", facts, as_of=DAY, settings=settings)
    assert engine.decide("enquiry.escalation", facts, as_of=DAY, settings=dict(settings)) is first
    assert engine.decide("enquiry.escalation", facts, as_of=DAY) is not first
    facts = {"clock": "respond", "received_on": dt.date(2026, 12, 23)}
    first = engine.decide("enquiry.response_target", facts, as_of=DAY, settings=settings)
    assert engine.decide("enquiry.response_target", facts, as_of=DAY, settings=settings) is first


def test_a_decision_with_a_deadline_is_kept() -> None:
    engine = engine_for("grantham")
    facts = {"clock": "respond", "received_on": dt.date(2026, 12, 23)}
    first = engine.decide("enquiry.response_target", facts, as_of=DAY)
    assert engine.decide("enquiry.response_target", dict(facts), as_of=DAY) is first


def test_facts_left_out_take_their_defaults_where_the_facts_are_read_as_given() -> None:
    engine = engine_for("grantham")
    full = {f.name: f.default for f in rulebook("grantham").question("enquiry.route").facts}
    some = {"kind": full["kind"]}
    assert (
        engine.decide("enquiry.route", some, as_of=DAY).as_dict()
        == engine.decide("enquiry.route", full, as_of=DAY).as_dict()
    )
