"""Rulebook hygiene: every rulebook loads, every citation resolves, every
clause of every source is accounted for and located in its source text."""

from __future__ import annotations

import pytest

from propriety.protocol import QUESTIONS, rulebook, rulebook_names
from propriety.protocol._reports import coverage_summary
from tests.rulebooks.conftest import concrete_names

pytestmark = pytest.mark.core

FIVE = {"grantham", "ludlow", "part5-district", "acses-town", "west-mersea"}


def test_the_five_protocols_each_have_a_rulebook() -> None:
    assert set(concrete_names()) >= FIVE


@pytest.mark.parametrize("name", rulebook_names())
def test_loads_and_every_citation_resolves(name: str) -> None:
    rb = rulebook(name)
    assert rb.provisions or rb.abstract
    for p in rb.provisions:
        assert p.cites, p.name
        for cid in p.cites:
            assert cid in rb.clauses, f"{p.name} cites missing clause {cid}"
        assert p.question in QUESTIONS


@pytest.mark.parametrize("name", concrete_names())
def test_no_clause_is_unaccounted_for(name: str) -> None:
    summary = coverage_summary(rulebook(name))
    unaccounted = [i["clause"] for i in summary["items"] if i["status"] == "unaccounted"]
    assert unaccounted == []
    assert summary["clauses"] == summary["encoded"] + summary["guidance"] + summary["principle"]
    assert summary["encoded"] > 0


@pytest.mark.parametrize("name", concrete_names())
def test_every_clause_is_located_in_its_source(name: str) -> None:
    rb = rulebook(name)
    assert rb.source_document is not None
    lines = rb.source_document.read_text(encoding="utf-8").splitlines()
    for clause in rb.clauses.values():
        assert 1 <= clause.source_line <= len(lines), clause.id


@pytest.mark.parametrize("name", concrete_names())
def test_every_answered_question_has_one_default(name: str) -> None:
    rb = rulebook(name)
    for q in rb.questions:
        defaults = [p for p in rb.provisions if p.question == q and p.default]
        assert len(defaults) == 1, f"{q}: {[p.name for p in defaults]}"
