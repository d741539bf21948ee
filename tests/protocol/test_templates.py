"""A provision's texts filled in from compiled fillers: exactly as str.format_map."""

from __future__ import annotations

import datetime as dt
import random
import re
from typing import Any

import pytest

from propriety.protocol import rulebook, rulebook_names
from propriety.protocol._paths import example_names
from propriety.protocol._templates import fillers

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
        fill = fillers(text, ())
        for _ in range(5):
            facts = {k: rng.choice(VALUES) for k in fields if rng.random() < 0.95}
            compiled = _outcome(lambda f, fill=fill: fill(f)[0], facts)
            assert compiled == _outcome(text.format_map, facts), text


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_a_decisions_texts_filled_in_together_are_format_maps(seed: int) -> None:
    """An explanation and its obligations filled in by one compiled call: the same texts,
    and the same exception first, as format_map on each in turn."""
    rng = random.Random(seed)
    texts = _texts()
    fields = {"a", "b", "footer_lines", "missing_footer_names"}
    for text in texts:
        fields.update(name for name in re.findall(r"\{(\w+)\}", text))
    for _ in range(400):
        explain = rng.choice(texts)
        obligations = tuple(
            (f"ob{i}", rng.choice(texts), (f"{i}.1", "2")) for i in range(rng.randrange(4))
        )
        fill = fillers(explain, obligations)
        for _ in range(3):
            facts = {k: rng.choice(VALUES) for k in fields if rng.random() < 0.97}

            def by_format_map(f: dict[str, Any], e: str = explain, o: Any = obligations) -> Any:
                return e.format_map(f), tuple((i, t.format_map(f), cl) for i, t, cl in o)

            assert _outcome(fill, facts) == _outcome(by_format_map, facts), (explain, obligations)
