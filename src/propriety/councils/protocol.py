"""Asking a council's rulebook a question, from the web application.

The engine is pure (propriety.protocol); this is the one place the web side
turns a council into its engine, its calendar and its clock settings, and a
decision into what is stored and audited.
"""

from __future__ import annotations

import datetime
from typing import Any

from propriety.councils.models import Council
from propriety.protocol import Decision, WorkingDays, engine_for, validate_facts, working_days


def calendar_for(council: Council) -> WorkingDays:
    """Working days in the council's nation (its own bank holidays)."""
    return working_days(council.nation)


def decide(
    council: Council, question: str, facts: dict[str, Any], *, today: datetime.date
) -> Decision:
    """Ask the council's rulebook; facts are checked first (a FactsError names the field)."""
    checked = validate_facts(question, facts)
    return engine_for(council.rulebook).decide(
        question, checked, as_of=today, settings=council.clock_settings()
    )


def citations_of(*decisions: Decision) -> list[dict[str, str]]:
    """The clauses behind decisions, each once, as audit events store them."""
    seen: dict[tuple[str, str], dict[str, str]] = {}
    for decision in decisions:
        for c in decision.citations:
            seen.setdefault((c.rulebook, c.clause), {"rulebook": c.rulebook, "clause": c.clause})
    return list(seen.values())


def role_title(council: Council, role_key: str) -> str:
    """The council's own words for a rulebook role, read as a noun phrase.

    Rulebooks name roles as their texts do, some with an article ("the
    Chief Executive") and some without ("Town Clerk"); every sentence we
    write puts the title after a verb, so it always gets one: "the Town Clerk".
    """
    from propriety.protocol import rulebook

    return the(rulebook(council.rulebook).role_name(role_key))


def the(title: str) -> str:
    """A role title read as a noun phrase: "Town Clerk" becomes "the Town Clerk"."""
    return title if title.split(" ", 1)[0].lower() in ("the", "a", "an") else f"the {title}"


def summary_of(decision: Decision) -> dict[str, Any]:
    """What a case keeps of a decision: enough to show and explain it later."""
    data = decision.as_dict()
    return {
        key: data[key]
        for key in (
            "question",
            "outcome",
            "citations",
            "obligations",
            "route",
            "refer_to",
            "recommendation",
            "explanation",
            "guidance",
            "deadline",
            "rulebook",
            "rulebook_version",
            "as_of",
        )
    }
