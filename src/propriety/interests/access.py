"""Who may see and act on which declaration and panel.

- A declaration: ONLY the declarer, the Clerk and the Monitoring Officer. The
  person it is with does not see it, nor does anyone else.
- A panel: the Clerk (who forms it and seats its members), the Monitoring
  Officer, and the members considered for a seat on it. A member of the panel
  sees who is seated and their own seat; why another member was refused would
  reveal that member's declaration, so only the Clerk, the Monitoring Officer
  and the member refused see a refusal.
Everyone else gets the same 404 as for a record that does not exist, and nobody
ever reaches another council's records.
"""

from __future__ import annotations

import datetime

from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils import timezone

from propriety.audit.timeline import TimelineEntry, timeline_for
from propriety.interests.models import Declaration, Panel, PanelSeat
from propriety.people.holders import holds, is_casework_manager, is_officer
from propriety.people.models import Person


def _day(day: datetime.date | None) -> datetime.date:
    return day or timezone.localdate()


def is_clerk(person: Person, day: datetime.date | None = None) -> bool:
    return is_casework_manager(person, _day(day))


def is_monitoring_officer(person: Person, day: datetime.date | None = None) -> bool:
    return holds(person, "monitoring_officer", _day(day))


def sees_register(person: Person, day: datetime.date | None = None) -> bool:
    """The Clerk and the Monitoring Officer see every declaration of the council."""
    return is_clerk(person, day) or is_monitoring_officer(person, day)


def may_declare(person: Person, day: datetime.date | None = None) -> bool:
    """Members (during their term) and officers declare their own relationships."""
    day = _day(day)
    return person.is_councillor_on(day) or is_officer(person, day)


def declarations_visible_to(person: Person) -> QuerySet[Declaration]:
    qs = Declaration.objects.for_council(person.council).select_related(
        "declarer", "related_person"
    )
    if sees_register(person):
        return qs
    return qs.filter(declarer=person)


def access_declaration_by_id(person: Person, declaration_id: int) -> Declaration:
    """The declaration, or 404 if missing, another council's, or not the person's to see."""
    found: Declaration | None = declarations_visible_to(person).filter(pk=declaration_id).first()
    if found is None:
        raise Http404("No such declaration.")
    return found


def can_see_declaration(person: Person, declaration: Declaration) -> bool:
    return declaration.declarer_id == person.pk or sees_register(person)


def can_end_declaration(person: Person, declaration: Declaration, day: datetime.date) -> bool:
    """The declarer or the Clerk ends a declaration that has not ended."""
    return (declaration.ends_on is None or declaration.ends_on >= day) and (
        declaration.declarer_id == person.pk or is_clerk(person, day)
    )


def panels_visible_to(person: Person) -> QuerySet[Panel]:
    qs = Panel.objects.for_council(person.council).select_related("subject")
    if sees_register(person):
        return qs
    seats = PanelSeat.objects.for_council(person.council).filter(member=person)
    return qs.filter(Q(pk__in=seats.values("panel_id")))


def access_panel_by_id(person: Person, panel_id: int) -> Panel:
    """The panel, or 404 if missing, another council's, or not the person's to see."""
    found: Panel | None = panels_visible_to(person).filter(pk=panel_id).first()
    if found is None:
        raise Http404("No such panel.")
    return found


def can_manage_panels(person: Person, day: datetime.date | None = None) -> bool:
    """The Clerk forms panels, seats their members and closes them."""
    return is_clerk(person, day)


def seats_of(person: Person, panel: Panel) -> QuerySet[PanelSeat]:
    """The seats of a panel the person may see: all for the Clerk and the Monitoring
    Officer; for a member, the members seated and their own seat."""
    access_panel_by_id(person, panel.pk)
    seats = (
        PanelSeat.objects.for_council(panel.council).filter(panel=panel).select_related("member")
    )
    if sees_register(person):
        return seats
    return seats.filter(Q(status=PanelSeat.Status.SEATED) | Q(member=person))


def panel_timeline(person: Person, panel: Panel) -> list[TimelineEntry]:
    """The panel's history, without other members' refusals for those who may not see them."""
    entries = timeline_for(panel)
    if sees_register(person):
        return entries
    return [
        e
        for e in entries
        if e.event.action != "interests.seat_considered"
        or e.event.details.get("status") == PanelSeat.Status.SEATED
        or e.event.details.get("member") == person.pk
    ]
