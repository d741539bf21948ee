"""Clauses as a page shows them: each once.

Two provisions that fire together may cite the same clause (Ludlow §4.5.2 routes a
concern and names who handles it); a case keeps both citations, with the provision
each came from, but a page lists the clause once.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from django import template

register = template.Library()


def _field(citation: Any, name: str) -> str:
    if isinstance(citation, Mapping):
        return str(citation.get(name, ""))
    return str(getattr(citation, name, ""))


@register.filter
def each_clause_once(citations: Iterable[Any] | None) -> list[Any]:
    """Citations stored on a case (dicts) or straight from the engine (``Citation``s)."""
    seen: set[tuple[str, str]] = set()
    unique = []
    for citation in citations or ():
        key = (_field(citation, "rulebook"), _field(citation, "clause"))
        if key not in seen:
            seen.add(key)
            unique.append(citation)
    return unique
