"""Who may see and act on access requests and their disputes.

- The Clerk (casework manager) sees every request of the council.
- A member sees their own requests.
- The deciding officer sees the requests left to them.
- Whoever the dispute route names (the Monitoring Officer, the Town Clerk...)
  sees the disputed requests referred to them.
Everyone else gets the same 404 as for a request that does not exist.
"""

from __future__ import annotations

import datetime

from django.db.models import Q, QuerySet
from django.http import Http404

from propriety.documents.models import AccessDispute, AccessRequest
from propriety.people.holders import is_casework_manager, rulebook_roles_held
from propriety.people.models import Person


def access_requests_visible_to(
    person: Person, day: datetime.date | None = None
) -> QuerySet[AccessRequest]:
    requests = AccessRequest.objects.for_council(person.council).select_related(
        "document", "member", "decider", "dispute"
    )
    if is_casework_manager(person, day):
        return requests
    held = rulebook_roles_held(person, day)
    return requests.filter(
        Q(member=person)
        | Q(decider=person)
        | Q(dispute__handler_role__in=held, dispute__status=AccessDispute.Status.OPEN)
        | Q(dispute__decided_by=person)
    )


def access_access_request_by_id(
    person: Person, request_id: int, day: datetime.date | None = None
) -> AccessRequest:
    request: AccessRequest | None = (
        access_requests_visible_to(person, day).filter(pk=request_id).first()
    )
    if request is None:
        raise Http404("No such request.")
    return request


def can_manage(person: Person, day: datetime.date | None = None) -> bool:
    return is_casework_manager(person, day)


def can_determine(person: Person, request: AccessRequest, day: datetime.date | None = None) -> bool:
    if request.status != AccessRequest.Status.AWAITING_DECISION:
        return False
    return request.decider_id == person.pk or can_manage(person, day)


def can_decide_dispute(
    person: Person, dispute: AccessDispute, day: datetime.date | None = None
) -> bool:
    if dispute.status != AccessDispute.Status.OPEN:
        return False
    return dispute.handler_role in rulebook_roles_held(person, day)


def dispute_of(request: AccessRequest) -> AccessDispute | None:
    try:
        return request.dispute
    except AccessDispute.DoesNotExist:
        return None
