"""Who may see and act on which delegated action.

Seen by the Clerk, the named officer and the chair consulted; nobody else (the
same 404 as for a record that does not exist), and never another council's.
Only the named officer records the decision (acses-town §7.4).
"""

from __future__ import annotations

import datetime

from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils import timezone

from propriety.consultations.models import DelegatedAction
from propriety.people.holders import is_casework_manager, is_officer
from propriety.people.models import Person


def _day(day: datetime.date | None) -> datetime.date:
    return day or timezone.localdate()


def is_clerk(person: Person, day: datetime.date | None = None) -> bool:
    return is_casework_manager(person, _day(day))


def actions_visible_to(person: Person) -> QuerySet[DelegatedAction]:
    qs = DelegatedAction.objects.for_council(person.council).select_related(
        "officer", "chair", "committee"
    )
    if is_clerk(person):
        return qs
    return qs.filter(Q(officer=person) | Q(chair=person))


def access_delegated_action_by_id(person: Person, action_id: int) -> DelegatedAction:
    """The record, or 404 if missing, another council's, or not the person's to see."""
    found: DelegatedAction | None = actions_visible_to(person).filter(pk=action_id).first()
    if found is None:
        raise Http404("No such delegated action.")
    return found


def can_record_delegation(person: Person, day: datetime.date | None = None) -> bool:
    """Officers record a delegation they (or a colleague) were given."""
    return is_officer(person, _day(day))


def actor_of(person: Person, action: DelegatedAction) -> str:
    """delegated.action's ``actor``: the named officer, the chair, or another member."""
    if person.pk == action.officer_id:
        return "named_officer"
    if person.pk == action.chair_id:
        return "chair"
    return "other_member"
