"""The two clocks of a member's enquiry: acknowledge and respond, in working days.

The number of working days comes from the council's rulebook
(``enquiry.response_target``), or the council's own setting where it has
one; the days counted are the council's nation's. Only a pause for
clarification moves a clock: reassigning or re-sending never restarts it.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Protocol

from propriety.councils.protocol import calendar_for, citations_of, decide
from propriety.enquiries.models import Enquiry
from propriety.protocol import Clock, Decision, run_clock

# How many working days an overdue case waits between one chase and the next.
# The protocols say nothing about intervals; two working days gives whoever was
# chased a fair chance to answer before it goes further, without letting a late
# enquiry drift for weeks. Changing it changes only future chases.
CHASE_EVERY_WORKING_DAYS = 2


@dataclass(frozen=True)
class EnquiryClocks:
    acknowledge: Clock
    respond: Clock
    acknowledge_decision: Decision
    respond_decision: Decision

    @property
    def clauses(self) -> list[dict[str, str]]:
        return citations_of(self.acknowledge_decision, self.respond_decision)


def clocks_for(enquiry: Enquiry, today: datetime.date) -> EnquiryClocks:
    council = enquiry.council
    received = enquiry.received_on
    ack = decide(
        council,
        "enquiry.response_target",
        {"clock": "acknowledge", "received_on": received},
        today=today,
    )
    resp = decide(
        council,
        "enquiry.response_target",
        {"clock": "respond", "received_on": received},
        today=today,
    )
    assert ack.deadline is not None and resp.deadline is not None
    calendar = calendar_for(council)
    # Acknowledging is not paused: the member is owed a word that it arrived.
    ack_clock = run_clock(calendar, received, ack.deadline.working_days, (), today=today)
    resp_clock = run_clock(
        calendar, received, resp.deadline.working_days, enquiry.pause_list(), today=today
    )
    return EnquiryClocks(ack_clock, resp_clock, ack, resp)


class _Due(Protocol):
    @property
    def status(self) -> str: ...
    @property
    def respond_due(self) -> datetime.date: ...


def is_overdue(enquiry: _Due, today: datetime.date) -> bool:
    """Open, not waiting for the member, and past the respond date."""
    return (
        enquiry.status in (Enquiry.Status.WITH_CLERK, Enquiry.Status.ALLOCATED)
        and today > enquiry.respond_due
    )
