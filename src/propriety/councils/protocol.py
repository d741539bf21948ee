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
    engine = engine_for(council.rulebook)
    checked = validate_facts(question, facts, engine.rulebook)
    return engine.decide(question, checked, as_of=today, settings=council.clock_settings())


def checked_facts(council: Council, question: str, facts: dict[str, Any]) -> dict[str, Any]:
    """The facts checked and converted as ``decide`` checks them (a FactsError names the
    field), for a caller that reads them too and then asks with ``decide_checked``."""
    return validate_facts(question, facts, engine_for(council.rulebook).rulebook)


def decide_checked(
    council: Council, question: str, checked: dict[str, Any], *, today: datetime.date
) -> Decision:
    """As ``decide``, with facts ``checked_facts`` has already checked (not checked again)."""
    engine = engine_for(council.rulebook)
    return engine.decide(question, checked, as_of=today, settings=council.clock_settings())


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


def summary_of(decision: Decision, declared: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    """What a case keeps of a decision: enough to show and explain it later, with the
    answers to the council's declared facts it was made on (councils.declared.answered)."""
    data = decision.as_dict()
    # Each clause once, even where two provisions that fired cite the same one.
    seen: set[tuple[str, str]] = set()
    unique = []
    for citation in data.get("citations") or []:
        key = (str(citation.get("rulebook", "")), str(citation.get("clause", "")))
        if key not in seen:
            seen.add(key)
            unique.append(citation)
    data["citations"] = unique
    kept = {
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
    if declared:
        kept["declared_facts"] = declared
    return kept


def answers(council: Council, question: str) -> bool:
    """Whether the council's rulebook answers ``question`` at all."""
    from propriety.protocol import rulebook

    return question in rulebook(council.rulebook).questions


def not_answered(council: Council, question: str) -> dict[str, Any]:
    """What a page shows where the council's protocol does not answer ``question``: it says
    so, and cites the clauses that say what the protocol covers (the rulebook's ``scope``)."""
    from propriety.protocol import QUESTIONS, rulebook

    rb = rulebook(council.rulebook)
    summary = QUESTIONS[question].summary.rstrip("?.")
    return {
        "question": question,
        "outcome": "not_answered",
        "explanation": (
            f"The council's protocol ({rb.title}) does not deal with this: "
            f"“{summary}” is not a question it answers."
        ),
        "citations": [
            {"rulebook": rb.id, "clause": cid, "says": rb.clauses[cid].says} for cid in rb.scope
        ],
        "rulebook": rb.id,
        "rulebook_version": rb.version,
    }


def stored_clauses(answer: dict[str, Any]) -> list[dict[str, str]]:
    """The clauses of a stored answer (``summary_of`` or ``not_answered``), as audit events
    store them."""
    return [{"rulebook": c["rulebook"], "clause": c["clause"]} for c in answer.get("citations", [])]


def scope_note(council: Council, question: str) -> dict[str, Any] | None:
    """None where the council's rulebook answers ``question``; else what the page says."""
    return None if answers(council, question) else not_answered(council, question)
