"""Who may see and act on which concern.

A concern is seen ONLY by:
- the person who raised it;
- the people who handle, or handled, any step of it (a body's step: all its
  members; once referred, the Monitoring Officer);
- the person it is about, once the route has put it to them (they handle or
  handled a step: "raise it with the officer concerned"). Until then a concern
  about someone is not shown to them: a serious concern about the Town Clerk
  goes to the council as employer (acses-town §5.1, §15.3), and the Clerk
  learns of it only as the council's procedure says.
Nobody else, the Clerk included, sees it: the Clerk sees a case only as a
party or a handler. Everyone else gets the same 404 as for a concern that
does not exist, and nobody reaches another council's concerns.
"""

from __future__ import annotations

from django.db.models import Q, QuerySet
from django.http import Http404

from propriety.concerns.models import Concern, ConcernHandler, ConcernNote, ConcernStep
from propriety.concerns.routing import MONITORING_OFFICER, PERSONNEL_COMMITTEE, next_roles, now_role
from propriety.people.models import Person


def concerns_visible_to(person: Person) -> QuerySet[Concern]:
    handled = ConcernHandler.objects.for_council(person.council).filter(person=person)
    return (
        Concern.objects.for_council(person.council)
        .filter(Q(raised_by=person) | Q(pk__in=handled.values("step__concern_id")))
        .select_related("raised_by", "about")
        .distinct()
    )


def access_concern_by_id(person: Person, concern_id: int) -> Concern:
    """The concern, or 404 if missing, another council's, or none of this person's business."""
    concern: Concern | None = concerns_visible_to(person).filter(pk=concern_id).first()
    if concern is None:
        raise Http404("No such concern.")
    return concern


def steps_of(person: Person, concern: Concern) -> QuerySet[ConcernStep]:
    """The steps of a concern the person can see (all of them, or 404)."""
    access_concern_by_id(person, concern.pk)
    return ConcernStep.objects.for_council(concern.council).filter(concern=concern)


def notes_of(person: Person, concern: Concern) -> QuerySet[ConcernNote]:
    """The notes on a concern the person can see (all of them, or 404)."""
    access_concern_by_id(person, concern.pk)
    return (
        ConcernNote.objects.for_council(concern.council)
        .filter(concern=concern)
        .select_related("author")
    )


def handlers_of(concern: Concern, step: ConcernStep | None = None) -> list[Person]:
    """The people handling ``step`` (the current step by default)."""
    step = step or concern.current_step()
    if step is None:
        return []
    return [
        h.person
        for h in ConcernHandler.objects.for_council(concern.council)
        .filter(step=step)
        .select_related("person")
    ]


# --- what a person may do with a concern they can see ------------------------------------


def is_raiser(person: Person, concern: Concern) -> bool:
    return concern.raised_by_id == person.pk


def is_current_handler(person: Person, concern: Concern) -> bool:
    return any(p.pk == person.pk for p in handlers_of(concern))


def can_record_step(person: Person, concern: Concern) -> bool:
    """The current handlers record what was done, and resolve it or move it on (once it is
    with the Monitoring Officer, they record its outcome)."""
    return concern.status in (
        Concern.Status.OPEN,
        Concern.Status.REFERRED,
    ) and is_current_handler(person, concern)


def can_move_on(concern: Concern) -> bool:
    """Not resolved, and the route has a next step (the last stage has none, unless the
    next step is the Monitoring Officer, which is a referral)."""
    following = next_roles(concern.route)
    return (
        concern.is_open
        and bool(following)
        and (concern.stage != "second" or following[0] == MONITORING_OFFICER)
    )


def monitoring_officer_in_route(concern: Concern) -> bool:
    route = concern.route
    return MONITORING_OFFICER in {
        now_role(route),
        (route.get("refer_to") or {}).get("role"),
        *next_roles(route),
    }


def can_refer(person: Person, concern: Concern) -> bool:
    """Hand it to the Monitoring Officer, where the route leads there: its handler; or, for
    a code-of-conduct complaint, the complainant (who may always complain to the
    Monitoring Officer under the Localism Act 2011)."""
    return (
        concern.is_open
        and concern.handler_role != MONITORING_OFFICER
        and monitoring_officer_in_route(concern)
        and (
            is_current_handler(person, concern)
            or (is_raiser(person, concern) and concern.direction == "code_of_conduct")
        )
    )


def can_add_note(person: Person, concern: Concern) -> bool:
    """Anyone who can see the case (its parties and handlers), while it is not closed."""
    return concern.status != Concern.Status.CLOSED


def can_close(person: Person, concern: Concern) -> bool:
    """The person who raised it (withdrawing it) or its current handlers."""
    return concern.status in (Concern.Status.OPEN, Concern.Status.REFERRED) and (
        is_raiser(person, concern) or is_current_handler(person, concern)
    )


def needs_personnel_committee(concern: Concern) -> bool:
    return concern.handler_role == PERSONNEL_COMMITTEE
