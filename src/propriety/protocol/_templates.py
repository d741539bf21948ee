"""A provision's texts with ``{fact}`` fields, filled in as ``str.format_map`` fills them,
with the text read once rather than on every decision.

``text.format_map(facts)`` reads the whole text on every call (a national-model
explanation is about 500 characters), and a decision's obligations are filled in even
when they name no fact. Here each text is read once: where every field is a plain
``{name}``, it becomes one f-string of the literal pieces and each named fact, formatted
as format_map formats it (``format(value)``), so a call only looks the names up and makes
the text in one piece; a text with no field at all is a constant, and so is an
obligation whose text names none. Anything else (format
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


def _expression(text: str, constants: list[Any]) -> str | None:
    """A Python expression of ``facts`` that gives ``text.format_map(facts)``, or None for
    a text with no field (its value is the text with ``{{``/``}}`` read as single braces,
    appended to ``constants``); what it needs besides the facts is appended to
    ``constants`` (read as ``_c[i]``).

    The expression is one f-string: its literal pieces as the text has them, each field a
    ``{facts[_c[i]]}`` with no format spec, which formats the value as ``format(value)``
    does, as format_map does, and the whole is made in one piece (not a sum of pieces,
    each made and copied again)."""
    try:
        parts = list(Formatter().parse(text))
    except ValueError:  # malformed: format_map raises as it always did
        parts = None
    pieces: list[str] = []  # the f-string's text: literal pieces (braces doubled) and fields
    fields = 0
    for literal, name, spec, conversion in parts or ():
        pieces.append(literal.replace("{", "{{").replace("}", "}}"))
        if name is None:
            continue
        if spec or conversion is not None or not name.isidentifier():
            parts = None
            break
        constants.append(name)
        pieces.append(f"{{facts[_c[{len(constants) - 1}]]}}")
        fields += 1
    if parts is None or fields > _MOST_FIELDS:  # left to format_map itself
        constants.append(text.format_map)
        return f"_c[{len(constants) - 1}](facts)"
    if not fields:
        constants.append("".join(literal for literal, _, _, _ in parts or ()))
        return None
    # repr() writes the text as a string literal (quotes, backslashes and line breaks
    # escaped), which an f prefix reads as the same text with the fields in it: the field
    # expressions hold no quote or backslash.
    return "f" + repr("".join(pieces))


def _compile(expression: str, constants: list[Any]) -> Any:
    # One expression, compiled once: the texts are repr()s (an f-string's fields read only
    # ``facts`` and ``_c``), anything else a constant passed in.
    return eval(f"lambda facts, _c=_c: {expression}", {"_c": tuple(constants)})  # noqa: S307


Obligation = tuple[str, str, tuple[str, ...]]


def fillers(
    explain: str, obligations: tuple[Obligation, ...]
) -> Callable[[Mapping[str, Any]], tuple[str, tuple[Obligation, ...]]]:
    """One function of the facts giving the explanation and the obligations filled in
    (``(explain.format_map(facts), ((id, text.format_map(facts), clauses), ...))``),
    each text read once, here; an obligation whose text names no fact is one constant."""
    constants: list[Any] = []
    explanation = _expression(explain, constants)
    if explanation is None:
        explanation = f"_c[{len(constants) - 1}]"
    items = []
    for oid, text, clauses in obligations:
        filled = _expression(text, constants)
        if filled is None:
            constants.append((oid, constants.pop(), clauses))
            items.append(f"_c[{len(constants) - 1}]")
            continue
        constants.append(oid)
        constants.append(clauses)
        items.append(f"(_c[{len(constants) - 2}], {filled}, _c[{len(constants) - 1}])")
    return _compile(  # type: ignore[no-any-return]
        f"({explanation}, ({''.join(item + ', ' for item in items)}))", constants
    )
