"""The clause that says what the council's protocol covers.

Pages cite it when the council's rulebook does not answer a question ("the
protocol does not say ..."). Which clause that is comes from the rulebook's own
data, not from code: the first of its ``scope:`` clauses (docs/rulebooks.md),
which ``councils.protocol.not_answered`` cites too; for a rulebook that names
none, the clause headed "Scope", else its opening clause after the cover.
"""

from __future__ import annotations

from dataclasses import dataclass

from propriety.councils.models import Council
from propriety.councils.protocol import answers, role_title
from propriety.protocol import rulebook


@dataclass(frozen=True)
class Scope:
    clause: str
    says: str
    ask: str  # whom to ask instead: the council's Proper Officer, in its own words


def scope_of(council: Council) -> Scope:
    rb = rulebook(council.rulebook)
    clauses = list(rb.clauses.values())
    named = [rb.clauses[cid] for cid in rb.scope if cid in rb.clauses]
    chosen = named[0] if named else None
    if chosen is None:
        chosen = next((c for c in clauses if c.heading.strip().lower() == "scope"), None)
    if chosen is None:
        chosen = next(
            (c for c in clauses if c.id.lower() != "cover"), clauses[0] if clauses else None
        )
    return Scope(
        clause=chosen.id if chosen else "",
        says=chosen.says if chosen else "",
        ask=role_title(council, "proper_officer"),
    )


__all__ = ["Scope", "answers", "scope_of"]
