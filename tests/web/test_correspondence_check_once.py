"""run_check checks a draft's facts once (councils.protocol.checked_facts) and asks with
them (decide_checked): the decision and the problems are what checking them twice gave."""

from __future__ import annotations

import datetime
import random
from typing import Any

import pytest

from propriety.correspondence.check import QUESTION, _Safe, derived_facts, run_check
from propriety.councils.protocol import checked_facts, decide, decide_checked

from . import factories as f

DAY = datetime.date(2027, 1, 12)
NAMES = ["Alex Green", "Jo Black", "Pat Lee", "Anita Eckersley"]
KINDS = ["councillor", "officer", "complainant", "third_party", "member_of_public"]


def drafts(seed: int, count: int) -> list[dict[str, Any]]:
    rng = random.Random(seed)

    def people(n: int) -> list[dict[str, str]]:
        return [{"name": rng.choice(NAMES), "kind": rng.choice(KINDS)} for _ in range(n)]

    out = []
    for _ in range(count):
        out.append(
            {
                "author": people(1)[0],
                "signatory": {"name": rng.choice(NAMES), "role": rng.choice(["officer", "mayor"])},
                "to": people(rng.randrange(4)),
                "cc": people(rng.randrange(4)),
                "bcc": people(rng.randrange(3)),
                "body": rng.choice(["", "Dear Cllr Green,\n\nCC councillor Jo Black"]),
                "official": rng.random() < 0.5,
                "marked_confidential": rng.random() < 0.5,
                "creates_obligations": rng.random() < 0.3,
            }
        )
    return out


@pytest.mark.parametrize(
    "rulebook", ["grantham", "west-mersea", "acses-town", "part5-district", "ludlow"]
)
def test_checked_once_gives_what_checking_twice_gave(db: None, rulebook: str) -> None:
    council = f.make_council(f"Test {rulebook} Council", rulebook=rulebook, slug=rulebook)
    for facts in drafts(len(rulebook), 60):
        once = decide_checked(
            council, QUESTION, checked_facts(council, QUESTION, dict(facts)), today=DAY
        )
        twice = decide(council, QUESTION, dict(facts), today=DAY)
        assert once.as_dict() == twice.as_dict()
        assert derived_facts(
            checked_facts(council, QUESTION, dict(facts)), DAY, council, checked=True
        ) == derived_facts(facts, DAY, council)
        result = run_check(council, facts, DAY)
        assert result.decision.as_dict() == twice.as_dict()
        full = _Safe(derived_facts(facts, DAY, council))
        assert result.footer_lines == str(full.get("footer_lines") or "")
        assert result.missing_footer_names == str(full.get("missing_footer_names") or "")
