"""Who sees which ward notices: officers all of them; a member those they recorded
or were told of. 404 for the rest."""

from __future__ import annotations

import datetime

from django.db.models import QuerySet
from django.http import Http404
from django.utils import timezone

from propriety.people.holders import holders_of, is_officer
from propriety.people.models import Person
from propriety.wardnotices.models import MEMBER_EVENTS, OFFICER_EVENTS, WardNotice


def _day(day: datetime.date | None) -> datetime.date:
    return day or timezone.localdate()


def events_for(person: Person, day: datetime.date | None = None) -> tuple[str, ...]:
    """Officers record the council's meetings, consultations and matters; members their
    own meetings, visits and surgery requests."""
    day = _day(day)
    if is_officer(person, day):
        return OFFICER_EVENTS
    if person.is_councillor_on(day):
        return MEMBER_EVENTS
    return ()


def notices_visible_to(person: Person, day: datetime.date | None = None) -> QuerySet[WardNotice]:
    notices = WardNotice.objects.for_council(person.council).select_related("recorded_by")
    if is_officer(person, _day(day)):
        return notices
    return (notices.filter(recorded_by=person) | notices.filter(members_told=person)).distinct()


def deciders_of(notice: WardNotice, day: datetime.date | None = None) -> list[Person]:
    """Who decides a referred notice: the holders of the role the rulebook names, else the
    Clerk."""
    return holders_of(notice.council, notice.decider_role, _day(day)) or holders_of(
        notice.council, "proper_officer", _day(day)
    )


def can_decide(person: Person, notice: WardNotice, day: datetime.date | None = None) -> bool:
    return (
        notice.outcome == WardNotice.Outcome.REFERRED
        and notice.decided_by_id is None
        and any(p.pk == person.pk for p in deciders_of(notice, day))
    )


def access_ward_notice_by_id(
    person: Person, notice_id: int, day: datetime.date | None = None
) -> WardNotice:
    found = notices_visible_to(person, day).filter(pk=notice_id).first()
    if found is None:
        raise Http404("No such ward notice.")
    return found
