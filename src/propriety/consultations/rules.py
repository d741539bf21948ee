"""Asking the rulebook who takes a delegated action (``delegated.action``)."""

from __future__ import annotations

import datetime
from typing import Any

from propriety.consultations.models import DelegatedAction
from propriety.councils.protocol import answers, decide, not_answered, summary_of

QUESTION = "delegated.action"


def ask(
    action: DelegatedAction, *, actor: str, pressure_applied: bool, day: datetime.date
) -> dict[str, Any]:
    """The rulebook's answer as the record keeps it, or what the page shows where it has none."""
    if not answers(action.council, QUESTION):
        return not_answered(action.council, QUESTION)
    facts = {"actor": actor, "pressure_applied": pressure_applied}
    return summary_of(decide(action.council, QUESTION, facts, today=day))
