"""What waits on a person, what they asked, and what was decided: the home page's work.

Every case is found through its app's own access functions, so the home page
never shows what the list pages would not. Each app's part is one function
returning ``WorkItem``s; :func:`waiting_on` puts them in the order people work
in: overdue first, then due this week, then the rest by due date.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Q
from django.urls import reverse

from propriety.concerns import access as concern_access
from propriety.concerns.models import Concern, ConcernHandler
from propriety.correspondence import access as correspondence_access
from propriety.correspondence.models import Correspondence
from propriety.documents.deadlines import decide_by
from propriety.documents.models import AccessDispute, AccessRequest
from propriety.documents.request_access import (
    access_requests_visible_to,
    can_decide_dispute,
    can_determine,
)
from propriety.enquiries import access as enquiry_access
from propriety.enquiries.models import Enquiry
from propriety.people.models import Person
from propriety.press import access as press_access
from propriety.press.models import PressRelease
from propriety.workspace.items import WorkItem, end_of_week
from propriety.workspace.register_queues import REGISTER_SOURCES

RUNNING = (Enquiry.Status.WITH_CLERK, Enquiry.Status.ALLOCATED)


@dataclass
class Queue:
    overdue: list[WorkItem] = field(default_factory=list)
    this_week: list[WorkItem] = field(default_factory=list)
    later: list[WorkItem] = field(default_factory=list)

    @property
    def count(self) -> int:
        return len(self.overdue) + len(self.this_week) + len(self.later)


# --- one WorkItem per kind of case -----------------------------------------------------------


def _enquiry(e: Enquiry, action: str = "", state: str = "", **kw: Any) -> WorkItem:
    url = reverse("enquiries:detail", args=[e.pk])
    return WorkItem("Enquiry", e.reference, e.subject, url, action, state, **kw)


def _request(r: AccessRequest, kind: str, action: str = "", state: str = "", **kw: Any) -> WorkItem:
    url = reverse("documents:request", args=[r.pk])
    title = f"{r.target_reference}: {r.target_title}"
    return WorkItem(kind, r.reference, title, url, action, state, **kw)


def _release(r: PressRelease, action: str = "", state: str = "", **kw: Any) -> WorkItem:
    url = reverse("press:detail", args=[r.pk])
    return WorkItem("Press release", r.reference, r.title, url, action, state, **kw)


def _concern(c: Concern, action: str = "", state: str = "", **kw: Any) -> WorkItem:
    url = reverse("concerns:detail", args=[c.pk])
    return WorkItem("Concern", c.reference, c.summary, url, action, state, **kw)


# --- waiting on you --------------------------------------------------------------------


def _enquiries_waiting(person: Person, today: datetime.date) -> Iterable[WorkItem]:
    visible = enquiry_access.enquiries_visible_to(person, today)
    manager = enquiry_access.can_manage(person, today)
    mine = Q(officer=person, status=Enquiry.Status.ALLOCATED)
    if manager:
        mine |= Q(status=Enquiry.Status.WITH_CLERK)
    for e in visible.filter(mine).order_by("respond_due", "pk"):
        with_clerk = e.status == Enquiry.Status.WITH_CLERK
        yield _enquiry(
            e,
            "Allocate it or answer it" if with_clerk else "Answer it",
            e.get_status_display(),
            due=e.respond_due,
        )
    for e in visible.filter(member=person, status=Enquiry.Status.AWAITING_MEMBER):
        yield _enquiry(
            e,
            "Reply to the officer’s question",
            e.get_status_display(),
        )
    for e in visible.filter(member=person, status=Enquiry.Status.ANSWERED):
        yield _enquiry(
            e,
            "Say whether it answered your question",
            e.get_status_display(),
            due=e.follow_up_until,
        )


def _requests_waiting(person: Person, today: datetime.date) -> Iterable[WorkItem]:
    visible = access_requests_visible_to(person, today)
    for r in visible.filter(status=AccessRequest.Status.AWAITING_DECISION).order_by(
        "requested_on", "pk"
    ):
        if r.member_id == person.pk or not can_determine(person, r, today):
            continue
        deadline = decide_by(r, today)
        yield _request(
            r,
            "Access request",
            "Decide it" if r.decider_id == person.pk else "Allocate it or decide it",
            r.get_status_display(),
            due=deadline.day if deadline else None,
        )
    for r in visible.filter(dispute__status=AccessDispute.Status.OPEN):
        if can_decide_dispute(person, r.dispute, today):
            yield _request(
                r,
                "Dispute",
                "Decide the dispute",
                "Disputed",
                day=r.dispute.raised_on,
            )


def _releases_waiting(person: Person, today: datetime.date) -> Iterable[WorkItem]:
    visible = press_access.releases_visible_to(person, today)
    for r in visible.filter(status=PressRelease.Status.AWAITING_APPROVAL):
        if press_access.can_approve(person, r, today):
            yield _release(
                r,
                "Approve it or send it back",
                r.get_status_display(),
                day=r.submitted_on,
            )
    for r in visible.filter(
        drafted_by=person,
        status__in=(
            PressRelease.Status.RETURNED,
            PressRelease.Status.BLOCKED,
            PressRelease.Status.APPROVED,
        ),
    ):
        action = {
            PressRelease.Status.RETURNED: "Change it and submit it again",
            PressRelease.Status.BLOCKED: "Change it, or withdraw it",
            PressRelease.Status.APPROVED: "Publish it",
        }[PressRelease.Status(r.status)]
        yield _release(
            r,
            action,
            r.get_status_display(),
            day=r.decided_on,
        )


def _concerns_waiting(person: Person, today: datetime.date) -> Iterable[WorkItem]:
    handled = ConcernHandler.objects.for_council(person.council).filter(
        person=person,
        step__concern__status__in=(Concern.Status.OPEN, Concern.Status.REFERRED),
    )
    concerns = concern_access.concerns_visible_to(person).filter(
        pk__in=handled.values("step__concern_id")
    )
    for c in concerns:
        if concern_access.is_current_handler(person, c):
            yield _concern(
                c,
                "Deal with it at this step",
                c.get_status_display(),
                day=c.raised_on,
            )


def _drafts_waiting(person: Person, today: datetime.date) -> Iterable[WorkItem]:
    drafts = correspondence_access.correspondence_visible_to(person, today).filter(
        drafted_by=person, status=Correspondence.Status.DRAFT
    )
    for letter in drafts:
        yield WorkItem(
            "Correspondence",
            letter.reference,
            letter.subject,
            reverse("correspondence:detail", args=[letter.pk]),
            "Check it and record it as sent",
            letter.get_status_display(),
            day=letter.checked_on,
        )


WAITING_SOURCES = (
    _enquiries_waiting,
    _requests_waiting,
    _releases_waiting,
    _concerns_waiting,
    _drafts_waiting,
    *REGISTER_SOURCES,
)


def waiting_on(person: Person, today: datetime.date) -> Queue:
    """Everything waiting on ``person``: overdue, due this week, then the rest."""
    queue = Queue()
    seen: set[tuple[str, str]] = set()
    for source in WAITING_SOURCES:
        for item in source(person, today):
            if (item.kind, item.reference) in seen:
                continue
            seen.add((item.kind, item.reference))
            if item.overdue_on(today):
                queue.overdue.append(item)
            elif item.due_this_week(today):
                queue.this_week.append(item)
            else:
                queue.later.append(item)
    far = datetime.date.max
    queue.overdue.sort(key=lambda i: (i.due or far, i.reference))
    queue.this_week.sort(key=lambda i: (i.due or far, i.reference))
    queue.later.sort(key=lambda i: (i.due or far, i.day or far, i.reference))
    return queue


# --- what you asked ----------------------------------------------------------------------


def asked_by(person: Person, today: datetime.date, limit: int = 10) -> list[WorkItem]:
    """The person's own enquiries, access requests, releases and concerns: open ones first."""
    items: list[WorkItem] = []
    for e in enquiry_access.enquiries_visible_to(person, today).filter(member=person)[:limit]:
        items.append(
            _enquiry(
                e,
                "",
                e.get_status_display(),
                due=e.respond_due if e.status in RUNNING else None,
                day=e.received_on,
            )
        )
    requests = access_requests_visible_to(person, today).filter(member=person)
    for r in requests[:limit]:
        deadline = decide_by(r, today)
        items.append(
            _request(
                r,
                "Access request",
                "",
                r.get_status_display(),
                due=deadline.day if deadline else None,
                day=r.requested_on,
            )
        )
    for c in concern_access.concerns_visible_to(person).filter(raised_by=person)[:limit]:
        items.append(
            _concern(
                c,
                "",
                c.get_status_display(),
                day=c.raised_on,
            )
        )
    releases = press_access.releases_visible_to(person, today).filter(drafted_by=person)
    for release in releases.exclude(status=PressRelease.Status.DRAFT)[:limit]:
        items.append(
            _release(
                release,
                "",
                release.get_status_display(),
                day=release.submitted_on,
            )
        )
    far = datetime.date.min
    items.sort(key=lambda i: (i.due is None, -(i.day or far).toordinal()))
    return items[:limit]


# --- recent decisions --------------------------------------------------------------------


def recent_decisions(
    person: Person, today: datetime.date, days: int = 30, limit: int = 10
) -> list[WorkItem]:
    """Cases the person can see that were answered or decided in the last ``days`` days."""
    since = today - datetime.timedelta(days=days)
    items: list[WorkItem] = []
    answered = enquiry_access.enquiries_visible_to(person, today).filter(answered_on__gte=since)
    for e in answered.order_by("-answered_on", "-pk")[:limit]:
        items.append(
            _enquiry(
                e,
                "",
                "Answered",
                day=e.answered_on,
            )
        )
    decided = access_requests_visible_to(person, today).filter(determined_on__gte=since)
    for r in decided.order_by("-determined_on", "-pk")[:limit]:
        items.append(
            _request(
                r,
                "Access request",
                "",
                r.get_status_display(),
                day=r.determined_on,
            )
        )
    disputes = access_requests_visible_to(person, today).filter(dispute__decided_on__gte=since)
    for r in disputes.order_by("-dispute__decided_on")[:limit]:
        items.append(
            _request(
                r,
                "Dispute",
                "",
                r.dispute.get_status_display(),
                day=r.dispute.decided_on,
            )
        )
    releases = press_access.releases_visible_to(person, today).filter(decided_on__gte=since)
    for release in releases.order_by("-decided_on", "-pk")[:limit]:
        items.append(
            _release(
                release,
                "",
                release.get_status_display(),
                day=release.decided_on,
            )
        )
    finished = concern_access.concerns_visible_to(person).filter(finished_on__gte=since)
    for c in finished.order_by("-finished_on", "-pk")[:limit]:
        items.append(
            _concern(
                c,
                "",
                c.get_status_display(),
                day=c.finished_on,
            )
        )
    items.sort(key=lambda i: (i.day or datetime.date.min, i.reference), reverse=True)
    return items[:limit]


# --- the council's queue by officer (the Clerk) ----------------------------------------------


@dataclass(frozen=True)
class OfficerLoad:
    officer: Person | None  # None: with the Clerk to allocate
    open: int
    overdue: int
    this_week: int


def queue_by_officer(person: Person, today: datetime.date) -> list[OfficerLoad]:
    """Open enquiries by officer, with how many are overdue and due this week (the Clerk's)."""
    if not enquiry_access.can_manage(person, today):
        return []
    friday = end_of_week(today)
    rows = (
        enquiry_access.enquiries_visible_to(person, today)
        .filter(status__in=Enquiry.OPEN_STATUSES)
        .values("officer")
        .annotate(
            open=Count("pk"),
            overdue=Count("pk", filter=Q(status__in=RUNNING, respond_due__lt=today)),
            this_week=Count(
                "pk",
                filter=Q(status__in=RUNNING, respond_due__gte=today, respond_due__lte=friday),
            ),
        )
        .order_by()
    )
    people = {
        p.pk: p
        for p in Person.objects.for_council(person.council).filter(
            pk__in=[r["officer"] for r in rows if r["officer"]]
        )
    }
    loads = [
        OfficerLoad(people.get(r["officer"]), r["open"], r["overdue"], r["this_week"]) for r in rows
    ]
    loads.sort(
        key=lambda load: (
            load.officer is not None,
            -load.overdue,
            load.officer.full_name if load.officer else "",
        )
    )
    return loads
