"""Asking the rulebook about a briefing: the facts from the record, and the same matter."""

from __future__ import annotations

import datetime
import re
from typing import Any

from propriety.briefings.models import Briefing
from propriety.councils.protocol import answers, decide, not_answered, summary_of

QUESTION = "party_group.briefing"
BRIEFED = (Briefing.Status.AGREED, Briefing.Status.GIVEN)


def facts_of(briefing: Briefing, *, non_members_present: bool | None = None) -> dict[str, Any]:
    return {
        "matter": briefing.matter_kind,
        "non_members_present": (
            briefing.non_members_present if non_members_present is None else non_members_present
        ),
        "other_group_advised": briefing.same_matter_as_id is not None,
        "relay_requested_by_group": briefing.relay_requested,
        "support_services": briefing.support_services,
    }


def ask(briefing: Briefing, day: datetime.date, **override: Any) -> dict[str, Any]:
    """The rulebook's answer as the record keeps it, or what the page shows where it has none."""
    if not answers(briefing.council, QUESTION):
        return not_answered(briefing.council, QUESTION)
    decision = decide(briefing.council, QUESTION, facts_of(briefing, **override), today=day)
    return summary_of(decision)


def _words(text: str) -> str:
    return " ".join(re.findall(r"\w+", text.casefold()))


def earlier_same_matter(briefing: Briefing) -> Briefing | None:
    """An earlier briefing agreed or given to another group on the same matter (same words)."""
    key = _words(briefing.matter)
    candidates = (
        Briefing.objects.for_council(briefing.council)
        .filter(status__in=BRIEFED, matter_kind=briefing.matter_kind)
        .exclude(group=briefing.group)
        .exclude(pk=briefing.pk)
        .order_by("requested_on", "pk")
    )
    return next((b for b in candidates if _words(b.matter) == key), None)


def other_groups_briefed(briefing: Briefing) -> list[Briefing]:
    """What the Clerk may link as the same matter: briefings agreed or given to other groups."""
    return list(
        Briefing.objects.for_council(briefing.council)
        .filter(status__in=BRIEFED)
        .exclude(group=briefing.group)
        .select_related("group")
        .order_by("-requested_on", "-pk")
    )


def cited(answer: dict[str, Any]) -> str:
    return ", ".join(c["clause"] for c in answer.get("citations", []))
