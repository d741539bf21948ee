"""A case's history, told from its audit events.

Actions that change a case put a plain-English sentence in the event's
``details["says"]``; the timeline shows it with who, when and the clauses.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import models

from propriety.audit.models import AuditEvent


@dataclass(frozen=True)
class TimelineEntry:
    event: AuditEvent
    says: str
    actor_name: str
    clauses: tuple[str, ...]

    @property
    def under(self) -> str:
        """The rulebook (and version) a decision was made under, e.g. "ludlow (LTC/MOR/23 v.3)"."""
        if not self.clauses or not self.event.rulebook:
            return ""
        version = self.event.rulebook_version
        return f"{self.event.rulebook} ({version})" if version else self.event.rulebook


def timeline_for(*objects: models.Model) -> list[TimelineEntry]:
    """Every event recorded against any of ``objects`` (all of one council), oldest first."""
    present = [o for o in objects if o is not None and o.pk is not None]
    if not present:
        return []
    council = present[0].council  # type: ignore[attr-defined]
    query = models.Q()
    for obj in present:
        query |= models.Q(object_type=obj._meta.label_lower, object_id=str(obj.pk))
    events = (
        AuditEvent.objects.for_council(council)
        .filter(query)
        .exclude(action="record.read")  # who read it is for oversight, not the case's story
        .select_related("actor")
        .order_by("occurred_at", "pk")
    )
    entries = []
    for event in events:
        says = str(event.details.get("says") or event.action.replace(".", " ").replace("_", " "))
        actor = event.actor.full_name if event.actor else "Propriety (automatic)"
        clauses = tuple(dict.fromkeys(str(c.get("clause", "")) for c in event.citations if c))
        entries.append(TimelineEntry(event, says, actor, clauses))
    return entries
