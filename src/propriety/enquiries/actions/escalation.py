"""Chasing overdue enquiries (run by the clock, enquiries/tick.py)."""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError

from propriety.audit.recording import recording
from propriety.councils.locking import locked
from propriety.councils.protocol import citations_of, decide, role_title
from propriety.enquiries import access
from propriety.enquiries.actions._common import _require, _says, _today
from propriety.enquiries.models import Enquiry
from propriety.people.models import Person
from propriety.protocol import Decision, format_date
from propriety.web.wording import and_list

# --- chasing overdue enquiries (run by the clock, enquiries/tick.py) ---------------------

# The rulebook's enquiry.escalation question asks who has the enquiry in these words.
_ESCALATION_HANDLERS = frozenset(
    {"officer", "service_manager", "chief_officer", "proper_officer", "chief_executive"}
)


def escalation_handled_by(enquiry: Enquiry) -> str:
    """Who has the enquiry, in the words of the ``enquiry.escalation`` question."""
    role = enquiry.handler_role
    return role if role in _ESCALATION_HANDLERS else "officer"


def escalation_decision(enquiry: Enquiry, day: datetime.date) -> Decision:
    """The rulebook's answer to "whom to remind now, and who is next" for this enquiry."""
    return decide(
        enquiry.council,
        "enquiry.escalation",
        {"handled_by": escalation_handled_by(enquiry)},
        today=day,
    )


titled_role = role_title  # the council's words for a role, already "the Town Clerk"


def _names(people: list[Person]) -> str:
    return and_list([p.full_name for p in people])


def chase_says(
    enquiry: Enquiry, level: int, reminded: list[Person], escalated_to_role: str | None
) -> str:
    """What chasing ``enquiry`` to ``level`` says in its history (before it is saved)."""
    repeat = level == enquiry.escalation_level
    who = _names(reminded)
    if level == 1:
        return (
            f"The answer was due on {format_date(enquiry.respond_due)}. "
            f"Reminded {who}{' again' if repeat else ''}."
        )
    assert escalated_to_role is not None
    title = titled_role(enquiry.council, escalated_to_role)
    verb = "reminded" if repeat else "escalated to"
    return f"Still unanswered: {verb} {title} ({who}){' again' if repeat else ''}."


def do_escalate_enquiry(
    enquiry: Enquiry,
    *,
    level: int,
    reminded: list[Person],
    escalated_to_role: str | None,
    decision: Decision,
    today: datetime.date | None = None,
    acting_user: Person | None = None,
) -> Enquiry:
    """Record that an overdue enquiry was chased: level 1 reminds whoever has it,
    2 and up take it up the rulebook's ``enquiry.escalation`` route.

    The system does this with ``acting_user=None`` (see tick.py). Chasing the
    same enquiry twice on one day is refused, so a second run of the clock, or
    two running at once, changes nothing and emails no one.
    """
    day = _today(today)
    # Read the row again under the write lock: if another run chased it
    # meanwhile, refuse rather than chase twice.
    with locked(enquiry):
        if acting_user is not None:
            _require(access.can_manage(acting_user, day), "Only the Clerk chases enquiries.")
        if level < 1:
            raise ValidationError(
                {"level": "Chasing starts at level 1 (reminding whoever has it)."}
            )
        if level >= 2 and not escalated_to_role:
            raise ValidationError({"escalated_to_role": "Say whom the enquiry was escalated to."})
        if not reminded:
            raise ValidationError({"reminded": "Say who was reminded."})
        if day <= enquiry.respond_due:
            raise ValidationError({"__all__": "This enquiry is not overdue."})
        if enquiry.status not in (Enquiry.Status.WITH_CLERK, Enquiry.Status.ALLOCATED):
            raise ValidationError({"__all__": "Only an enquiry waiting for its answer is chased."})
        if enquiry.last_escalated_on == day or enquiry.escalation_level > level:
            raise ValidationError({"__all__": "This enquiry was already chased today."})
        says = chase_says(enquiry, level, reminded, escalated_to_role)
        with recording(
            council=enquiry.council,
            actor=acting_user,
            action="enquiry.reminder_sent" if level == 1 else "enquiry.escalated",
            obj=enquiry,
            citations=citations_of(decision),
            rulebook_version=decision.rulebook_version,
            details=_says(
                enquiry,
                says,
                level=level,
                reminded=[p.pk for p in reminded],
                escalated_to_role=escalated_to_role,
                respond_due=enquiry.respond_due.isoformat(),
            ),
        ):
            enquiry.escalation_level = level
            enquiry.last_escalated_on = day
            enquiry.save(update_fields=["escalation_level", "last_escalated_on", "updated_at"])
    return enquiry
