"""Who may see and act on which briefing.

A group's briefing is seen ONLY by the group's current members, the officers
recorded as present, and the Clerk (who briefs every group and so must see
what each was told). Another group's members never see it, nor its discussion:
they get the same 404 as for a briefing that does not exist.
"""

from __future__ import annotations

import datetime

from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils import timezone

from propriety.briefings.models import Briefing
from propriety.councils.models import PartyGroup
from propriety.people.holders import is_casework_manager, is_officer
from propriety.people.models import Person
from propriety.people.roles import PARTY_GROUP_ROLES


def _day(day: datetime.date | None) -> datetime.date:
    return day or timezone.localdate()


def is_clerk(person: Person, day: datetime.date | None = None) -> bool:
    return is_casework_manager(person, _day(day))


def groups_of(person: Person, day: datetime.date | None = None) -> list[PartyGroup]:
    """The party groups the person is a current member of (during their term)."""
    return [
        r.party_group
        for r in person.roles_on(_day(day))
        if r.role in PARTY_GROUP_ROLES and r.party_group is not None
    ]


def briefings_visible_to(person: Person) -> QuerySet[Briefing]:
    qs = Briefing.objects.for_council(person.council).select_related("group", "requested_by")
    if is_clerk(person):
        return qs
    groups = [g.pk for g in groups_of(person)]
    # Officers present are a short list on each row (SQLite has no JSON "contains").
    present = [
        pk
        for pk, officers in qs.exclude(officers_present=[]).values_list("pk", "officers_present")
        if person.pk in officers
    ]
    return qs.filter(Q(group_id__in=groups) | Q(pk__in=present))


def access_briefing_by_id(person: Person, briefing_id: int) -> Briefing:
    """The briefing, or 404 if missing, another council's, or another group's."""
    visible = briefings_visible_to(person)
    found: Briefing | None = visible.filter(pk=briefing_id).first()
    if found is None:
        raise Http404("No such briefing.")
    return found


def can_request(person: Person, day: datetime.date | None = None) -> bool:
    return bool(groups_of(person, day))


def can_decide(person: Person, briefing: Briefing, day: datetime.date | None = None) -> bool:
    return briefing.status == Briefing.Status.REQUESTED and is_clerk(person, day)


def can_record(person: Person, briefing: Briefing, day: datetime.date | None = None) -> bool:
    """The Clerk (or another officer the Clerk sends) records the briefing once agreed."""
    return briefing.status == Briefing.Status.AGREED and (
        is_clerk(person, day) or is_officer(person, _day(day))
    )
