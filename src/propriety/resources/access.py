"""Who sees which resource requests: the member who asked, the officer asked, whoever
decides a referred request, and the Clerk (who keeps the register). 404 for the rest."""

from __future__ import annotations

import datetime

from django.db.models import QuerySet
from django.http import Http404
from django.utils import timezone

from propriety.people.holders import holders_of, is_casework_manager, rulebook_roles_held
from propriety.people.models import Person
from propriety.resources.models import ResourceRequest


def _day(day: datetime.date | None) -> datetime.date:
    return day or timezone.localdate()


def may_request(person: Person, day: datetime.date | None = None) -> bool:
    return person.is_councillor_on(_day(day))


def requests_visible_to(
    person: Person, day: datetime.date | None = None
) -> QuerySet[ResourceRequest]:
    day = _day(day)
    requests = ResourceRequest.objects.for_council(person.council).select_related(
        "requested_by", "officer", "decided_by"
    )
    if is_casework_manager(person, day):
        return requests
    mine = requests.filter(requested_by=person) | requests.filter(officer=person)
    roles = rulebook_roles_held(person, day)
    if roles:
        mine = mine | requests.filter(decider_role__in=roles)
    return mine.distinct()


def access_resource_request_by_id(
    person: Person, request_id: int, day: datetime.date | None = None
) -> ResourceRequest:
    found = requests_visible_to(person, day).filter(pk=request_id).first()
    if found is None:
        raise Http404("No such request.")
    return found


def deciders_of(request: ResourceRequest, day: datetime.date | None = None) -> list[Person]:
    """Who decides a referred request: the officer asked where the rulebook leaves it to
    "the officer concerned" (national model, Officers ¶4), else the holders of the role
    it names; the Clerk where nobody holds it."""
    day = _day(day)
    if request.decider_role == "officer" and request.officer is not None:
        return [request.officer]
    return holders_of(request.council, request.decider_role, day) or holders_of(
        request.council, "proper_officer", day
    )


def can_decide(person: Person, request: ResourceRequest, day: datetime.date | None = None) -> bool:
    return request.status == ResourceRequest.Status.REFERRED and any(
        p.pk == person.pk for p in deciders_of(request, day)
    )
