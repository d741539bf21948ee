"""The clock's own work, done without a person: chase overdue enquiries, close
answered ones whose follow-up window has ended, and remind officers of access
requests waiting too long for a decision.

``tick(today)`` is safe to run as often as you like: everything it does is
keyed to the day (an enquiry is chased at most once a day, and then only when
the rulebook's interval has passed; a closed enquiry is not closed again), so a
second run on the same day changes nothing and emails no one. ``propriety
tick`` runs it from cron; ``propriety serve`` runs it on a timer in-process.

Every change goes through an audited action with ``acting_user=None`` (system
work), citing the clauses behind it.
"""

from __future__ import annotations

import datetime
import itertools
import logging
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import TypeVar

from django.core.exceptions import ValidationError
from django.db import connection
from django.db.models import Q
from django.utils import timezone

from propriety.audit.models import AuditEvent
from propriety.audit.recording import one_log_head
from propriety.councils.locking import locked_together
from propriety.councils.models import Council
from propriety.councils.protocol import calendar_for
from propriety.enquiries import notify
from propriety.enquiries.actions import (
    chase_says,
    do_close_enquiry,
    do_escalate_enquiry,
    escalation_decision,
    titled_role,
)
from propriety.enquiries.clocks import CHASE_EVERY_WORKING_DAYS, is_overdue
from propriety.enquiries.models import Enquiry
from propriety.enquiries.tick_access import chase_request, waiting_requests
from propriety.people.holders import holders_of
from propriety.people.models import Person
from propriety.protocol import Decision, format_date

logger = logging.getLogger("propriety.tick")
T = TypeVar("T")


@dataclass
class TickReport:
    """What one run did, for the command line and the log."""

    today: datetime.date
    councils: int = 0
    reminders: int = 0
    escalations: int = 0
    closures: int = 0
    access_reminders: int = 0
    lines: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return bool(self.reminders or self.escalations or self.closures or self.access_reminders)

    def summary(self) -> str:
        def count(n: int, one: str, many: str) -> str:
            return f"{n} {one if n == 1 else many}"

        councils = count(self.councils, "council", "councils")
        head = (
            f"{format_date(self.today)}, {councils}: "
            f"{count(self.reminders, 'reminder', 'reminders')}, "
            f"{count(self.escalations, 'escalation', 'escalations')}, "
            f"{count(self.closures, 'enquiry closed', 'enquiries closed')}, "
            f"{count(self.access_reminders, 'access request chased', 'access requests chased')}."
        )
        rest = [f"  {line}" for line in self.lines]
        rest += [f"  Problem: {p}" for p in self.problems]
        return "\n".join([head, *rest])


def tick(today: datetime.date | None = None) -> TickReport:
    """Do the day's clock work for every council (idempotent for a given day).

    With nothing to do it costs the same few queries however many councils
    there are: the work is found by one query per kind across all councils,
    not one per council. Chasing a council's overdue enquiries then costs two
    statements a case (its update and its audit event, see ``_chase_council``).
    """
    day = today or timezone.localdate()
    report = TickReport(day)
    report.councils = Council.objects.count()
    # Who holds each role is asked once per council and day, not per case.
    _holders.clear()
    for council, enquiries in _by_council(_overdue(day)):
        _chase_council(council, enquiries, day, report)
    for enquiry in _followed_up(day):
        _guarded(
            report, f"{enquiry.council.name} {enquiry.reference}", _close, enquiry, day, report
        )
    for request in waiting_requests():
        _guarded(
            report,
            f"{request.council.name} {request.reference}",
            chase_request,
            request,
            day,
            report,
        )
    return report


def _guarded(report: TickReport, what: str, job: Callable[..., T], *args: object) -> T | None:
    """Run one case's job; a failure is logged and reported (None), and the others still run."""
    try:
        return job(*args)
    except Exception as exc:  # one bad case must not stop the rest
        logger.exception("Clock work on %s failed", what)
        report.problems.append(f"{what}: {exc}")
        return None


# --- overdue enquiries ---------------------------------------------------------------------


def _overdue(day: datetime.date) -> list[Enquiry]:
    """Every council's overdue enquiries that may be due a chase today, in one query.

    One chased fewer than ``CHASE_EVERY_WORKING_DAYS`` calendar days ago cannot
    have had that many working days since, so it is not read at all.
    """
    waited = day - datetime.timedelta(days=CHASE_EVERY_WORKING_DAYS)
    not_chased_lately = (
        Q(escalation_level=0) | Q(last_escalated_on__isnull=True) | Q(last_escalated_on__lte=waited)
    )
    waiting = (Enquiry.Status.WITH_CLERK, Enquiry.Status.ALLOCATED)
    # Is there any? One statement: on PostgreSQL, each status's earliest due case
    # read from the (status, due) index. PostgreSQL expects thousands of overdue
    # cases (waiting ones are few, due dates before today many, and it multiplies
    # the two), so the query below walks every council's index once: 9 ms at
    # 1,000 councils with nothing to chase (bench/scale.py, EXPLAIN ANALYZE);
    # this takes 0.06 ms. (SQLite takes no LIMIT inside a UNION: it asks EXISTS.)
    if connection.features.supports_slicing_ordering_in_compound:
        probes = [
            Enquiry.unscoped.filter(not_chased_lately, status=status, respond_due__lt=day)
            .order_by("respond_due")
            .values_list("pk", flat=True)[:1]
            for status in waiting
        ]
        anything = bool(list(probes[0].union(*probes[1:], all=True)))
    else:
        anything = Enquiry.unscoped.filter(
            not_chased_lately, status__in=waiting, respond_due__lt=day
        ).exists()
    if not anything:
        return []
    return list(
        # System work across every council, grouped by council below.
        Enquiry.unscoped.filter(not_chased_lately, status__in=waiting, respond_due__lt=day)
        .select_related("council", "member", "officer")
        .order_by("council_id", "respond_due", "pk")
    )


def _by_council(enquiries: list[Enquiry]) -> Iterator[tuple[Council, list[Enquiry]]]:
    """The enquiries grouped by council (they come ordered by it), sharing one council object."""
    for _pk, group in itertools.groupby(enquiries, key=lambda e: e.council_id):
        cases = list(group)
        council = cases[0].council
        for enquiry in cases:
            enquiry.council = council
        yield council, cases


# (council, role key, day) -> holders, for one council's cases in one run.
_holders: dict[tuple[int, str, datetime.date], list[Person]] = {}


def _holders_of(council: Council, role_key: str, day: datetime.date) -> list[Person]:
    key = (council.pk, role_key, day)
    if key not in _holders:
        _holders[key] = holders_of(council, role_key, day)
    return _holders[key]


@dataclass(frozen=True)
class _Step:
    """One rung of the ladder: level 1 is whoever has it; 2 and up, the route's next roles."""

    role: str | None
    people: list[Person]


def _handler(enquiry: Enquiry, day: datetime.date) -> list[Person]:
    """Whoever has the enquiry: its officer, or the Proper Officer while it is unallocated."""
    if enquiry.officer is not None:
        return [enquiry.officer]
    return _holders_of(enquiry.council, "proper_officer", day)


def _ladder(enquiry: Enquiry, decision: Decision, day: datetime.date) -> list[_Step]:
    """Whom each level chases, from the rulebook's ``enquiry.escalation`` route.

    A role nobody holds is passed over, as is one held by the same people as the
    rung below (say, no line manager, so the "service manager" is the Chief
    Officer), so nobody is escalated to twice under two titles.
    """
    steps = [_Step(None, _handler(enquiry, day))]
    if decision.route is not None:
        roles = [role for role, _title in decision.route.next]
    else:
        roles = [decision.refer_to] if decision.refer_to else []
    for role in roles:
        people = _holders_of(enquiry.council, role, day)
        if people and {p.pk for p in people} != {p.pk for p in steps[-1].people}:
            steps.append(_Step(role, people))
    return steps


def _due_to_chase(enquiry: Enquiry, day: datetime.date) -> bool:
    calendar = calendar_for(enquiry.council)
    if not is_overdue(enquiry, day):
        return False
    # Overdue only over a weekend or bank holiday: wait for the first working day.
    if calendar.between(enquiry.respond_due, day) < 1:
        return False
    if enquiry.last_escalated_on is None or enquiry.escalation_level == 0:
        return True
    return calendar.between(enquiry.last_escalated_on, day) >= CHASE_EVERY_WORKING_DAYS


@dataclass(frozen=True)
class _Chase:
    """One overdue enquiry's chase, worked out before anything is locked."""

    enquiry: Enquiry
    level: int
    step: _Step
    repeat: bool
    decision: Decision
    says: str


# How many of a council's chases share one transaction (and one lock of its log head).
CHASES_PER_TRANSACTION = 200


def _chase_council(
    council: Council, enquiries: list[Enquiry], day: datetime.date, report: TickReport
) -> None:
    """Chase a council's overdue enquiries, many to a transaction.

    Each chase is still ``do_escalate_enquiry``: its row locked and re-read, the
    checks, the save and its own audit event. Batched, the rows are locked and
    re-read together in one query (``locked_together``) and the council's log
    head is locked and written once (``one_log_head``), so what each case adds
    is its update and its event. If a batch fails, its cases are chased again
    one at a time, so one bad case does not hold up the rest.
    """
    plans: list[_Chase] = []
    for enquiry in enquiries:
        plan = _guarded(report, f"{council.name} {enquiry.reference}", _plan, enquiry, day, report)
        if plan is not None:
            plans.append(plan)
    for start in range(0, len(plans), CHASES_PER_TRANSACTION):
        batch = plans[start : start + CHASES_PER_TRANSACTION]
        try:
            with locked_together([p.enquiry for p in batch]), one_log_head(council):
                done = [p for p in batch if _escalate(p, day)]
        except Exception:
            logger.exception("Chasing %s together failed; chasing one at a time", council.name)
            done = [
                p
                for p in batch
                if _guarded(report, f"{council.name} {p.enquiry.reference}", _escalate, p, day)
            ]
        for plan in done:
            _chased(plan, day, report)


def _plan(enquiry: Enquiry, day: datetime.date, report: TickReport) -> _Chase | None:
    """Whom to chase for ``enquiry`` today, or None when it is not due a chase."""
    if not _due_to_chase(enquiry, day):
        return None
    decision = escalation_decision(enquiry, day)
    ladder = _ladder(enquiry, decision, day)
    current = enquiry.escalation_level
    level = current + 1 if current < len(ladder) else current
    step = ladder[min(level, len(ladder)) - 1]
    if not step.people:
        report.problems.append(
            f"{enquiry.council.name} {enquiry.reference}: it is overdue but nobody holds "
            "the role to remind; give it to an officer."
        )
        return None
    says = chase_says(enquiry, level, step.people, step.role)
    return _Chase(enquiry, level, step, level == current, decision, says)


def _escalate(plan: _Chase, day: datetime.date) -> bool:
    """Record one chase; False when the re-read row shows it was chased meanwhile."""
    try:
        do_escalate_enquiry(
            plan.enquiry,
            level=plan.level,
            reminded=plan.step.people,
            escalated_to_role=plan.step.role,
            decision=plan.decision,
            today=day,
            acting_user=None,
        )
    except ValidationError:
        # Chased meanwhile by another run of the clock: nothing more to do.
        return False
    return True


def _chased(plan: _Chase, day: datetime.date, report: TickReport) -> None:
    enquiry = plan.enquiry
    if plan.level == 1:
        report.reminders += 1
    else:
        report.escalations += 1
    report.lines.append(f"{enquiry.council.name} {enquiry.reference}: {plan.says}")
    _email_chase(enquiry, plan.step, plan.level, plan.repeat, plan.decision, day)


def _last_says(enquiry: Enquiry) -> str:
    event = (
        AuditEvent.objects.for_council(enquiry.council)
        .filter(object_type="enquiries.enquiry", object_id=str(enquiry.pk))
        .order_by("-occurred_at", "-pk")
        .first()
    )
    return str(event.details.get("says", "")) if event else ""


def _email_chase(
    enquiry: Enquiry,
    step: _Step,
    level: int,
    repeat: bool,
    decision: Decision,
    day: datetime.date,
) -> None:
    due = format_date(enquiry.respond_due)
    footer = notify._footer(enquiry)
    handler = _handler(enquiry, day)
    handler_names = ", ".join(p.full_name for p in handler) or "nobody yet"
    if level == 1:
        send_to = handler
        notify.send(
            send_to,
            f"Reminder: enquiry overdue: {enquiry.subject}",
            f"The answer to this enquiry from {enquiry.member.full_name} was due on {due}. "
            "Please answer it, or tell the councillor when they will have an answer." + footer,
            enquiry=enquiry,
        )
    else:
        assert step.role is not None
        title = titled_role(enquiry.council, step.role)
        notify.send(
            step.people,
            f"Overdue enquiry {'still unanswered' if repeat else 'escalated to you'}: "
            f"{enquiry.subject}",
            f"This enquiry from {enquiry.member.full_name} was due to be answered on {due} and "
            f"is still unanswered. It is with {handler_names}.\n\n"
            f"The protocol says: {decision.explanation}" + footer,
            enquiry=enquiry,
        )
        chased = {p.pk for p in step.people}
        notify.send(
            [p for p in handler if p.pk not in chased],
            f"Overdue enquiry taken to {title}: {enquiry.subject}",
            f"This enquiry was due to be answered on {due} and is still unanswered, so it has "
            f"been taken to {title}. Please answer it as soon as you can." + footer,
            enquiry=enquiry,
        )
    if not repeat:
        whom = handler_names if level == 1 else titled_role(enquiry.council, step.role or "")
        notify.send(
            [enquiry.member],
            f"Your enquiry is overdue: {enquiry.subject}",
            f"The answer to your enquiry was due on {due}. We are sorry it is late; "
            f"{'we have reminded' if level == 1 else 'it has now been taken to'} {whom}." + footer,
            enquiry=enquiry,
        )


# --- answered enquiries whose follow-up window has ended -----------------------------------


def _followed_up(day: datetime.date) -> list[Enquiry]:
    # System work across every council, in one query.
    ended = Enquiry.unscoped.filter(
        status=Enquiry.Status.ANSWERED,
        member_satisfied__isnull=True,
        follow_up_until__lt=day,
    )
    # Asked first with EXISTS, which reads the partial index of the waiting ones
    # (0.01 ms at 1M enquiries). The full query, estimated by PostgreSQL at
    # thousands of rows on the empty index, launched parallel workers: 17-33 ms
    # for nothing, growing with the tenancy (bench/scale.py, EXPLAIN ANALYZE).
    if not ended.exists():
        return []
    return list(ended.select_related("council").order_by("council_id", "pk"))


def _close(enquiry: Enquiry, day: datetime.date, report: TickReport) -> None:
    assert enquiry.follow_up_until is not None
    try:
        do_close_enquiry(
            enquiry,
            reason=f"The follow-up window ended on {format_date(enquiry.follow_up_until)}.",
            today=day,
            acting_user=None,
        )
    except ValidationError:
        return  # closed meanwhile
    report.closures += 1
    report.lines.append(f"{enquiry.council.name} {enquiry.reference}: {_last_says(enquiry)}")
