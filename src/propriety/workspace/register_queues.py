"""What waits on a person in the registers: written reports, resource requests, ward
notices and briefings.

Each register's part asks the app's own "may this person act" function once per kind
of decider rather than once per row (who decides depends only on the role the
rulebook named), and shows only what the app's own visibility function lets the
person see, so a person's home page costs the same few queries however long the
registers grow, and nothing more than one read of their roles when nothing waits.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Hashable, Iterable
from functools import partial

from django.urls import reverse

from propriety.briefings import access as briefing_access
from propriety.briefings.models import Briefing
from propriety.people.models import Person
from propriety.reports import access as report_access
from propriety.reports.models import ReportRequest
from propriety.resources import access as resource_access
from propriety.resources.models import ResourceRequest
from propriety.wardnotices import access as notice_access
from propriety.wardnotices.models import WardNotice
from propriety.workspace.items import WorkItem


def _once_per(answers: dict[Hashable, bool], key: Hashable, check: Callable[[], bool]) -> bool:
    """``check()``, asked once for each ``key`` (the kind of decider) and remembered."""
    if key not in answers:
        answers[key] = check()
    return answers[key]


def _reports_waiting(person: Person, today: datetime.date) -> Iterable[WorkItem]:
    """Reports the person must prepare, or decide whether to provide, as the role the
    rulebook gave them to (the Proper Officer)."""
    open_reports = ReportRequest.objects.for_council(person.council).filter(
        status__in=(ReportRequest.Status.ACCEPTED, ReportRequest.Status.REFERRED)
    )
    answers: dict[Hashable, bool] = {}
    mine = [
        r.pk
        for r in open_reports.select_related("council")
        if _once_per(answers, r.handler_role, partial(report_access.can_respond, person, r, today))
    ]
    if not mine:  # asking who sees reports costs a look at every role: only when there is work
        return
    waiting = report_access.reports_visible_to(person, today).filter(pk__in=mine)
    for r in waiting.order_by("requested_on", "pk"):
        referred = r.status == ReportRequest.Status.REFERRED
        yield WorkItem(
            "Written report",
            r.reference,
            r.subject,
            reverse("reports:detail", args=[r.pk]),
            "Decide whether to provide it" if referred else "Prepare the report",
            r.get_status_display(),
            day=r.requested_on,
        )


def _resources_waiting(person: Person, today: datetime.date) -> Iterable[WorkItem]:
    """Resource requests referred to the person to decide (by role, or as the officer asked)."""
    referred = ResourceRequest.objects.for_council(person.council).filter(
        status=ResourceRequest.Status.REFERRED
    )
    answers: dict[Hashable, bool] = {}
    mine = [
        r.pk
        for r in referred.select_related("council", "officer")
        if _once_per(
            answers,
            (r.decider_role, r.officer_id if r.decider_role == "officer" else None),
            partial(resource_access.can_decide, person, r, today),
        )
    ]
    if not mine:  # as for reports: the visibility check is asked only when there is work
        return
    waiting = resource_access.requests_visible_to(person, today).filter(pk__in=mine)
    for r in waiting.order_by("requested_on", "pk"):
        yield WorkItem(
            "Resource request",
            r.reference,
            f"{r.get_kind_display()}: {r.description[:80]}",
            reverse("resources:detail", args=[r.pk]),
            "Allow it or refuse it",
            r.get_status_display(),
            due=r.needed_on,
            day=r.requested_on,
        )


def _notices_waiting(person: Person, today: datetime.date) -> Iterable[WorkItem]:
    """Ward notices referred to the person to decide, due before the event takes place."""
    waiting = (
        notice_access.notices_visible_to(person, today)
        .filter(outcome=WardNotice.Outcome.REFERRED, decided_by__isnull=True)
        .select_related("council")
    )
    answers: dict[Hashable, bool] = {}
    for n in waiting.order_by("takes_place_on", "pk"):
        may = partial(notice_access.can_decide, person, n, today)
        if not _once_per(answers, n.decider_role, may):
            continue
        yield WorkItem(
            "Ward notice",
            n.reference,
            n.title,
            reverse("wardnotices:detail", args=[n.pk]),
            "Decide whether it goes ahead",
            n.get_outcome_display(),
            due=n.takes_place_on,
            day=n.recorded_on,
        )


def _clerk_records(person: Person, briefing: Briefing, today: datetime.date) -> bool:
    return briefing_access.is_clerk(person, today) and briefing_access.can_record(
        person, briefing, today
    )


def _briefings_waiting(person: Person, today: datetime.date) -> Iterable[WorkItem]:
    """Briefings for the Clerk to agree or decline, and agreed ones to record. Any officer
    may record one the Clerk sends them to, but it waits on the Clerk, who keeps the log."""
    waiting = briefing_access.briefings_visible_to(person).filter(
        status__in=(Briefing.Status.REQUESTED, Briefing.Status.AGREED)
    )
    answers: dict[Hashable, bool] = {}
    for b in waiting.order_by("meeting_on", "requested_on", "pk"):
        if b.status == Briefing.Status.REQUESTED:
            may = partial(briefing_access.can_decide, person, b, today)
            action = "Agree or decline it"
        else:
            may = partial(_clerk_records, person, b, today)
            action = "Record the briefing given"
        if not _once_per(answers, b.status, may):
            continue
        yield WorkItem(
            "Briefing",
            b.reference,
            f"{b.group.name}: {b.matter}",
            reverse("briefings:detail", args=[b.pk]),
            action,
            b.get_status_display(),
            due=b.meeting_on,
            day=b.requested_on,
        )


REGISTER_SOURCES = (
    _reports_waiting,
    _resources_waiting,
    _notices_waiting,
    _briefings_waiting,
)
