"""Who sees written report requests (the member who asked and whoever handles them:
the Proper Officer) and acting arrangements (everyone in the council: who acts as
Proper Officer is public). 404 for the rest."""

from __future__ import annotations

import datetime

from django.db.models import QuerySet
from django.http import Http404
from django.utils import timezone

from propriety.people.holders import holds, rulebook_roles_held
from propriety.people.models import Person
from propriety.reports.models import ActingArrangement, ReportRequest


def _day(day: datetime.date | None) -> datetime.date:
    return day or timezone.localdate()


def may_request(person: Person, day: datetime.date | None = None) -> bool:
    return person.is_councillor_on(_day(day))


def reports_visible_to(person: Person, day: datetime.date | None = None) -> QuerySet[ReportRequest]:
    reports = ReportRequest.objects.for_council(person.council).select_related("requested_by")
    roles = rulebook_roles_held(person, _day(day))
    if roles:
        return (
            reports.filter(requested_by=person) | reports.filter(handler_role__in=roles)
        ).distinct()
    return reports.filter(requested_by=person)


def access_report_request_by_id(
    person: Person, report_id: int, day: datetime.date | None = None
) -> ReportRequest:
    found = reports_visible_to(person, day).filter(pk=report_id).first()
    if found is None:
        raise Http404("No such report request.")
    return found


def can_respond(person: Person, report: ReportRequest, day: datetime.date | None = None) -> bool:
    return report.status in (
        ReportRequest.Status.ACCEPTED,
        ReportRequest.Status.REFERRED,
    ) and holds(person, report.handler_role, _day(day))


def arrangements_visible_to(person: Person) -> QuerySet[ActingArrangement]:
    return ActingArrangement.objects.for_council(person.council).select_related(
        "councillor", "recorded_by"
    )


def access_acting_arrangement_by_id(person: Person, arrangement_id: int) -> ActingArrangement:
    found = arrangements_visible_to(person).filter(pk=arrangement_id).first()
    if found is None:
        raise Http404("No such arrangement.")
    return found


def can_record_acting(person: Person, day: datetime.date | None = None) -> bool:
    """The chair of the council records it for the council (there may be no Clerk in a
    vacancy), or the Proper Officer ahead of one."""
    day = _day(day)
    return holds(person, "council_chair", day) or holds(person, "proper_officer", day)
