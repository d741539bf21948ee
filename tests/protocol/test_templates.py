"""A provision's texts filled in from compiled fillers: exactly as str.format_map."""

from __future__ import annotations

import datetime as dt
import random
import re
from typing import Any

import pytest

from propriety.protocol import rulebook, rulebook_names
from propriety.protocol._paths import example_names
from propriety.protocol._templates import fill_in, filler

VALUES: tuple[Any, ...] = (
    "",
    "Jo Black",
    "CC councillor Jo Black\nCC councillor Kim Lee",
    0,
    7,
    2.5,
    True,
    None,
    dt.date(2026, 11, 22),
    ("a",),
    ["b"],
    {"c": 1},
)
ODD_TEXTS = [
    "",
    "no fields at all",
    "{a}",
    "{a}{b}",
    "x {a} y {b} z",
    "braces {{a}} and {a}",
    "{{",
    "}}{a}{{",
    "{a!r}",
    "{a:>10}",
    "{a.real}",
    "{a[0]}",
    "{}",
    "{0}",
    "{ a }",
    "single { brace",
    "single } brace",
    "{a",
    "{missing}",
    "{a} and {missing} and {b}",
    "{a:{b}}",
    "{a}" * 100,
]


def _outcome(fill: Any, facts: dict[str, Any]) -> str:
    try:
        return repr(fill(facts))
    except Exception as exc:  # an exception is an answer too
        return f"raised {type(exc).__name__}: {exc}"


def _texts() -> list[str]:
    texts = list(ODD_TEXTS)
    for name in rulebook_names() + example_names():
        for p in rulebook(name).provisions:
            texts.append(p.explain)
            texts.extend(o.text for o in p.obligations)
    return texts


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_a_filled_in_text_is_format_maps(seed: int) -> None:
    rng = random.Random(seed)
    texts = _texts()
    fields = {"a", "b", "footer_lines", "missing_footer_names"}
    for text in texts:
        fields.update(name for name in re.findall(r"\{(\w+)\}", text))
    for text in texts:
        how = filler(text)
        for _ in range(5):
            facts = {k: rng.choice(VALUES) for k in fields if rng.random() < 0.95}
            compiled = _outcome(lambda f, how=how: fill_in(how, f), facts)
            assert compiled == _outcome(text.format_map, facts), text
