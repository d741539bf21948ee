"""The clock's reminders for access requests waiting for a decision (run by ``tick``)."""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING

from django.conf import settings

from propriety.audit.models import AuditEvent
from propriety.audit.recording import recording
from propriety.councils.models import Council
from propriety.councils.protocol import calendar_for, decide
from propriety.documents.models import AccessRequest
from propriety.enquiries import notify
from propriety.enquiries.clocks import CHASE_EVERY_WORKING_DAYS
from propriety.people.holders import holders_of
from propriety.people.models import Person
from propriety.protocol import Decision, format_date

if TYPE_CHECKING:
    from propriety.enquiries.tick import TickReport

ACCESS_REMINDER_ACTION = "access_request.reminder_sent"


# --- access requests waiting for a decision ------------------------------------------------


def waiting_requests() -> list[AccessRequest]:
    return list(
        # System work across every council, in one query.
        AccessRequest.unscoped.filter(status=AccessRequest.Status.AWAITING_DECISION)
        .select_related("council", "member", "decider", "document")
        .order_by("council_id", "requested_on", "pk")
    )


def _respond_days(council: Council, day: datetime.date) -> tuple[int, Decision]:
    """The council's working days to answer a member (its own setting, else the rulebook's)."""
    decision = decide(
        council, "enquiry.response_target", {"clock": "respond", "received_on": day}, today=day
    )
    assert decision.deadline is not None
    return decision.deadline.working_days, decision


def _last_access_reminder(request: AccessRequest) -> datetime.date | None:
    event = (
        AuditEvent.objects.for_council(request.council)
        .filter(
            action=ACCESS_REMINDER_ACTION,
            object_type="documents.accessrequest",
            object_id=str(request.pk),
        )
        .order_by("-occurred_at", "-pk")
        .first()
    )
    on = event.details.get("on") if event else None
    return datetime.date.fromisoformat(on) if on else None


def chase_request(request: AccessRequest, day: datetime.date, report: TickReport) -> None:
    council = request.council
    calendar = calendar_for(council)
    days, decision = _respond_days(council, day)
    due = calendar.add(request.requested_on, days).due
    if day <= due or calendar.between(due, day) < 1:
        return
    deciders = (
        [request.decider]
        if request.decider is not None
        else holders_of(council, request.decider_role or "proper_officer", day)
    )
    if not deciders:
        report.problems.append(
            f"{council.name} {request.reference}: waiting for a decision but nobody holds the "
            "role to decide; give it to an officer."
        )
        return
    sent = do_remind_access_request(request, deciders=deciders, due=due, decision=decision, day=day)
    if not sent:
        return
    report.access_reminders += 1
    report.lines.append(f"{council.name} {request.reference}: {sent}")
    doc = f"{request.target_reference}: {request.target_title}"
    notify.send(
        deciders,
        f"Reminder: a councillor is waiting for a decision: {doc}",
        f"{request.member.full_name} asked on {format_date(request.requested_on)} to see "
        f"{doc}. A decision was due by {format_date(due)}. Please decide, giving your "
        f"reasons.\n\nAccess request {request.reference}\n"
        f"{_base_url()}/documents/requests/{request.pk}/\n",
    )


def _base_url() -> str:
    return str(getattr(settings, "PROPRIETY_BASE_URL", "")).rstrip("/")


class _AlreadyReminded(Exception):
    """Raised inside a recording to roll it back: the reminder was sent recently."""


def do_remind_access_request(
    request: AccessRequest,
    *,
    deciders: list[Person],
    due: datetime.date,
    decision: Decision,
    day: datetime.date,
) -> str:
    """Record a reminder to whoever decides a waiting access request (system work).

    Returns what was recorded, or "" when it was reminded fewer than
    ``CHASE_EVERY_WORKING_DAYS`` working days ago (so a second run sends nothing).
    """
    calendar = calendar_for(request.council)
    names = " and ".join(p.full_name for p in deciders)
    says = f"A decision was due by {format_date(due)}. Reminded {names}."
    citations = [
        {"rulebook": c["rulebook"], "clause": c["clause"]}
        for c in (request.recommendation or {}).get("citations", [])
    ]
    try:
        with recording(
            council=request.council,
            actor=None,
            action=ACCESS_REMINDER_ACTION,
            obj=request,
            citations=citations,
            rulebook_version=decision.rulebook_version,
            details={"says": says, "on": day.isoformat(), "reminded": [p.pk for p in deciders]},
        ):
            # Checked inside the transaction (the row locked where the database
            # can), so two runs at once cannot both remind.
            list(
                AccessRequest.objects.for_council(request.council)
                .select_for_update()
                .filter(pk=request.pk)
                .values_list("pk", flat=True)
            )
            last = _last_access_reminder(request)
            if last is not None and calendar.between(last, day) < CHASE_EVERY_WORKING_DAYS:
                raise _AlreadyReminded
    except _AlreadyReminded:
        return ""
    return says
