"""When an access request should be decided by.

No protocol sets a separate time for deciding a member's request to see a
document: each asks officers to respond to members in a timely way, and
the rulebook's ``enquiry.response_target`` (respond clock) is that time in
working days. So a request is to be decided within the same working days
of the day it was made, counted on the council's calendar, and the clauses
that set the time are cited with the date.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from propriety.councils.protocol import calendar_for, citations_of, decide
from propriety.documents.models import AccessRequest
from propriety.protocol import run_clock


@dataclass(frozen=True)
class DecideBy:
    day: datetime.date
    working_days: int
    clauses: list[dict[str, str]]

    def overdue_on(self, today: datetime.date) -> bool:
        return today > self.day


def decide_by(access_request: AccessRequest, today: datetime.date) -> DecideBy | None:
    """The day a request waiting for a decision should be decided by; None once decided."""
    if access_request.status != AccessRequest.Status.AWAITING_DECISION:
        return None
    council = access_request.council
    decision = decide(
        council,
        "enquiry.response_target",
        {"clock": "respond", "received_on": access_request.requested_on},
        today=today,
    )
    if decision.deadline is None:
        return None
    days = decision.deadline.working_days
    clock = run_clock(calendar_for(council), access_request.requested_on, days, (), today=today)
    return DecideBy(clock.due, days, citations_of(decision))
