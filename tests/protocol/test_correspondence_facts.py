"""correspondence.check's derivation: the fast path gives what the exact path gives.

The fast path handles drafts as validate_facts makes them and stands aside for
anything else; either way the facts worked out (or the exception raised) must be
the exact path's, for every set of derived facts a rulebook may read.
"""

from __future__ import annotations

import datetime as dt
import itertools
import random
from typing import Any

import pytest

from propriety.protocol import QUESTIONS, validate_facts
from propriety.protocol._questions import correspondence_facts
from propriety.protocol._questions.correspondence_facts import (
    _exact_for,
    derive_correspondence_for,
)

DAY = dt.date(2026, 11, 22)
QUESTION = QUESTIONS["correspondence.check"]
NAMES = ["Alex Green", "Jo Black", " jo black ", "JO BLACK", "Sam Patel", "", None, 7, ["x"]]
KINDS = ["councillor", "officer", "complainant", "third_party", "member_of_public", None, []]
ODD = [None, "", "nonsense", 0, 1, 2.5, [], ["a"], {}, ("x",), dt.date(2026, 12, 24)]
BODIES = [
    "",
    "Dear all,\nCC councillor Jo Black",
    "cc: Cllr. alex green.\nCC councillor  Sam Patel .",
    "CC Councillor  .",
    None,
    7,
]


def _person(rng: random.Random, *, odd: bool) -> Any:
    if odd and rng.random() < 0.05:
        return rng.choice(ODD)
    names, kinds = (NAMES, KINDS) if odd else (NAMES[:5], KINDS[:5])
    person: dict[str, Any] = {}
    if not odd or rng.random() < 0.9:
        person["name"] = rng.choice(names)
    if not odd or rng.random() < 0.9:
        person["kind"] = rng.choice(kinds)
    if rng.random() < 0.3:
        person["role"] = rng.choice(["officer", "councillor", "mayor", "clerk", None])
    return person


def _draft(rng: random.Random, *, odd: bool) -> dict[str, Any]:
    def people() -> Any:
        if odd and rng.random() < 0.05:
            return rng.choice(ODD)
        line = [_person(rng, odd=odd) for _ in range(rng.choice([0, 1, 2, 4, 8]))]
        return tuple(line) if rng.random() < 0.7 else line

    facts: dict[str, Any] = {f.name: f.default for f in QUESTION.all_facts}
    facts.update(
        author=_person(rng, odd=odd) if rng.random() < 0.9 else None,
        signatory=_person(rng, odd=odd) if rng.random() < 0.4 else None,
        to=people(),
        cc=people(),
        bcc=people(),
        body=rng.choice(BODIES if odd else BODIES[:4]),
        original_councillor=rng.choice([None, "", "Jo Black", "Alex Green"]),
        marked_confidential=rng.random() < 0.5,
    )
    if odd and rng.random() < 0.02:
        del facts[rng.choice(["author", "to", "cc", "bcc", "body", "signatory"])]
    return facts


def _outcome(derive: Any, facts: dict[str, Any]) -> Any:
    try:
        derive(facts, DAY)
    except Exception as exc:  # an exception is an answer too
        return f"raised {type(exc).__name__}: {exc}"
    return facts


WANTED = [None] + [
    frozenset(c)
    for n in (0, 1, 2)
    for c in itertools.combinations(sorted(f.name for f in QUESTION.derived), n)
]


@pytest.mark.parametrize("odd", [False, True], ids=["well formed", "malformed"])
def test_the_fast_path_works_out_what_the_exact_path_does(odd: bool) -> None:
    rng = random.Random(11 if odd else 12)
    for _ in range(1500):
        draft = _draft(rng, odd=odd)
        wanted = rng.choice(WANTED)
        fast = _outcome(derive_correspondence_for(wanted), dict(draft))
        exact = _outcome(_exact_for(wanted), dict(draft))
        assert fast == exact, (wanted, draft)


def test_drafts_as_validate_facts_makes_them_take_the_fast_path(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def exact_for(wanted: frozenset[str] | None) -> Any:
        def refuse(facts: dict[str, Any], as_of: dt.date) -> None:
            raise AssertionError("the exact path was taken")

        return refuse

    monkeypatch.setattr(correspondence_facts, "_exact_for", exact_for)
    derive = derive_correspondence_for(None)
    rng = random.Random(3)
    for _ in range(300):
        given = {
            "author": {"name": rng.choice(NAMES[:5]) or "Kim Lee", "kind": "officer"},
            "to": [{"name": "Alex Green", "kind": rng.choice(KINDS[:5])}],
            "cc": [
                {"name": rng.choice(NAMES[:5]) or "Kim Lee", "kind": rng.choice(KINDS[:5])}
                for _ in range(rng.randrange(6))
            ],
            "body": rng.choice(BODIES[:4]),
            "marked_confidential": rng.random() < 0.5,
        }
        facts = {f.name: f.default for f in QUESTION.all_facts} | validate_facts(
            QUESTION.name, given
        )
        derive(facts, DAY)
