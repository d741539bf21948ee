"""Who may read the audit trail.

The Proper Officer reads the whole council's trail (they answer for how the
protocol is followed); everyone else reads the events they caused.
"""

from __future__ import annotations

from django.db.models import QuerySet
from django.http import Http404

from propriety.audit.models import AuditEvent
from propriety.people.models import Person
from propriety.people.roles import Role


def audit_events_visible_to(person: Person) -> QuerySet[AuditEvent]:
    events = AuditEvent.objects.for_council(person.council).select_related("actor")
    if any(r.role == Role.PROPER_OFFICER for r in person.roles_on()):
        return events
    return events.filter(actor=person)


def access_audit_event_by_id(person: Person, event_id: int) -> AuditEvent:
    event = audit_events_visible_to(person).filter(pk=event_id).first()
    if event is None:
        raise Http404("No such event.")
    return event
