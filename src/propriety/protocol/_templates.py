"""A provision's texts with ``{fact}`` fields, filled in as ``str.format_map`` fills them,
with the text read once rather than on every decision.

``text.format_map(facts)`` reads the whole text on every call (a national-model
explanation is about 500 characters), and a decision's obligations are filled in even
when they name no fact. ``filler(text)`` reads the text once: where every field is a
plain ``{name}``, it compiles one expression that adds the literal pieces and each
named fact formatted as format_map formats it (``format(value)``), so a call only looks
the names up; a text with no field at all needs no call. Anything else (format
specs, conversions, ``{a.b}``, ``{a[0]}``, positional or malformed fields) is left to
``format_map`` itself, so every text is filled in, or fails, exactly as before.

Not yet wired in: the engine would keep each Core's fillers beside its texts (see the
report of 6 December 2026, session 6, in docs/performance.md).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from string import Formatter
from typing import Any

Fill = Callable[[Mapping[str, Any]], str]
_MOST_FIELDS = 64


def filler(text: str) -> Fill | str:
    """How to fill in ``text``: a function of the facts giving ``text.format_map(facts)``,
    or the filled-in text itself where it names no fact."""
    try:
        parts = list(Formatter().parse(text))
    except ValueError:  # malformed: format_map raises as it always did
        return text.format_map
    pieces: list[str] = []  # Python expressions: the literal text and each field, in turn
    pending = ""
    for literal, name, spec, conversion in parts:
        pending += literal
        if name is None:
            continue
        if spec or conversion is not None or not name.isidentifier():
            return text.format_map
        # format(value) is what format_map does with a field that has no spec.
        pieces += [repr(pending), f"_format(facts[{name!r}])"]
        pending = ""
    if len(pieces) > 2 * _MOST_FIELDS:  # one long expression: left to format_map
        return text.format_map
    if not pieces:
        return pending  # '{{' and '}}' read as single braces, as format_map reads them
    pieces.append(repr(pending))
    # One expression, compiled once: the literal pieces are repr()s, the names identifiers.
    fill: Fill = eval(f"lambda facts, _format=format: {' + '.join(pieces)}")  # noqa: S307
    return fill


def fill_in(how: Fill | str, facts: Mapping[str, Any]) -> str:
    """The text ``filler`` compiled, filled in from ``facts``."""
    return how if isinstance(how, str) else how(facts)
