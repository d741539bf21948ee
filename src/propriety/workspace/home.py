"""The home page's work, as template context (``web.views.home`` adds it)."""

from __future__ import annotations

import datetime
from typing import Any

from propriety.people.models import Person
from propriety.workspace.queues import asked_by, queue_by_officer, recent_decisions, waiting_on
from propriety.workspace.report import can_see_report


def home_context(person: Person, today: datetime.date) -> dict[str, Any]:
    return {
        "waiting": waiting_on(person, today),
        "by_officer": queue_by_officer(person, today),
        "asked": asked_by(person, today),
        "decisions": recent_decisions(person, today),
        "can_report": can_see_report(person, today),
    }
