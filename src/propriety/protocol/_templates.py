"""A provision's texts with ``{fact}`` fields, filled in as ``str.format_map`` fills them,
with the text read once rather than on every decision.

``text.format_map(facts)`` reads the whole text on every call (a national-model
explanation is about 500 characters), and a decision's obligations are filled in even
when they name no fact. Here each text is read once: where every field is a plain
``{name}``, it becomes one expression that adds the literal pieces and each named fact
formatted as format_map formats it (``format(value)``), so a call only looks the names
up; a text with no field at all is a constant. Anything else (format
specs, conversions, ``{a.b}``, ``{a[0]}``, positional or malformed fields) is left to
``format_map`` itself, so every text is filled in, or fails, exactly as before.

The engine keeps, with each assembled decision part that has texts to fill in
(``Core.fill``), one function made by ``fillers`` that fills in its explanation and
every obligation in one call, in the order ``format_map`` filled them in (so the same
exception is raised first).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from string import Formatter
from typing import Any

_MOST_FIELDS = 64


def _expression(text: str, constants: list[Any]) -> str:
    """A Python expression of ``facts`` that gives ``text.format_map(facts)``; what it
    needs besides the facts is appended to ``constants`` (read as ``_c[i]``)."""
    try:
        parts = list(Formatter().parse(text))
    except ValueError:  # malformed: format_map raises as it always did
        parts = None
    pieces: list[str] = []  # Python expressions: the literal text and each field, in turn
    pending = ""
    for literal, name, spec, conversion in parts or ():
        pending += literal
        if name is None:
            continue
        if spec or conversion is not None or not name.isidentifier():
            parts = None
            break
        # format(value) is what format_map does with a field that has no spec.
        pieces += [repr(pending), f"_format(facts[{name!r}])"]
        pending = ""
    if parts is None or len(pieces) > 2 * _MOST_FIELDS:  # left to format_map itself
        constants.append(text.format_map)
        return f"_c[{len(constants) - 1}](facts)"
    if not pieces:
        return repr(pending)  # '{{' and '}}' read as single braces, as format_map reads them
    pieces.append(repr(pending))
    return "(" + " + ".join(pieces) + ")"


def _compile(expression: str, constants: list[Any]) -> Any:
    # One expression, compiled once: the literal pieces are repr()s, the names identifiers,
    # anything else a constant passed in.
    return eval(f"lambda facts, _format=format, _c=_c: {expression}", {"_c": tuple(constants)})  # noqa: S307


Obligation = tuple[str, str, tuple[str, ...]]


def fillers(
    explain: str, obligations: tuple[Obligation, ...]
) -> Callable[[Mapping[str, Any]], tuple[str, tuple[Obligation, ...]]]:
    """One function of the facts giving the explanation and the obligations filled in
    (``(explain.format_map(facts), ((id, text.format_map(facts), clauses), ...))``),
    each text read once, here."""
    constants: list[Any] = []
    parts = [_expression(explain, constants)]
    items = []
    for oid, text, clauses in obligations:
        constants.append(oid)
        at = len(constants) - 1
        constants.append(clauses)
        items.append(f"(_c[{at}], {_expression(text, constants)}, _c[{at + 1}])")
    parts.append("(" + "".join(item + ", " for item in items) + ")")
    return _compile(f"({parts[0]}, {parts[1]})", constants)  # type: ignore[no-any-return]
