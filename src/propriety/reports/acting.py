"""Recording a councillor acting as Proper Officer (``proper_officer.acting``).

The national model ("Officers ¶6") lets a councillor act as Proper Officer in
exceptional circumstances such as a vacancy, unpaid and short term, making clear
when they act as councillor and when as Proper Officer. The rulebook decides; an
arrangement it refuses is still recorded, refused, with the clause, so the council
can see what was proposed and why it may not stand.
"""

from __future__ import annotations

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from propriety.audit.recording import recording
from propriety.councils.protocol import citations_of, decide, summary_of
from propriety.people.models import Person
from propriety.protocol import UnansweredQuestion, format_date
from propriety.reports import access
from propriety.reports.models import ActingArrangement

QUESTION = "proper_officer.acting"


def do_record_acting_arrangement(
    council_person: Person,
    *,
    councillor: Person,
    starts_on: datetime.date | None,
    reason: str,
    ends_on: datetime.date | None = None,
    paid: bool = False,
    short_term: bool = True,
    capacity_clear: bool = False,
    today: datetime.date | None = None,
    acting_user: Person,
) -> ActingArrangement:
    """The chair of the council (or the Proper Officer) records the arrangement."""
    day = today or timezone.localdate()
    if acting_user.pk != council_person.pk or not access.can_record_acting(council_person, day):
        raise PermissionDenied(
            "The chair of the council or the Proper Officer records acting arrangements."
        )
    council = council_person.council
    errors: dict[str, str] = {}
    if councillor.council_id != council.pk or not councillor.is_councillor_on(day):
        errors["councillor"] = "Choose a serving councillor."
    if starts_on is None:
        errors["starts_on"] = "Enter the first day they act."
    elif ends_on is not None and ends_on < starts_on:
        errors["ends_on"] = "The last day must be on or after the first day."
    if not reason.strip():
        errors["reason"] = "Say why (for example, a vacancy in the post)."
    elif len(reason.strip()) > 200:
        errors["reason"] = "The reason must be 200 characters or fewer."
    if errors:
        raise ValidationError(errors)
    assert starts_on is not None
    facts = {"paid": paid, "short_term": short_term, "capacity_clear": capacity_clear}
    try:
        decision = decide(council, QUESTION, facts, today=day)
    except UnansweredQuestion:
        raise ValidationError(
            {
                "__all__": "The council’s protocol does not say whether a councillor may act as "
                "Proper Officer."
            }
        ) from None
    arrangement = ActingArrangement(
        council=council,
        councillor=councillor,
        starts_on=starts_on,
        ends_on=ends_on,
        reason=reason.strip(),
        paid=paid,
        short_term=short_term,
        capacity_clear=capacity_clear,
        allowed=decision.outcome == "allow",
        decision=summary_of(decision),
        recorded_by=acting_user,
        recorded_on=day,
        rulebook_version=decision.rulebook_version,
    )
    clauses = ", ".join(c.clause for c in decision.citations)
    verdict = "the protocol allows it" if arrangement.allowed else "the protocol does not allow it"
    with recording(
        council=council,
        actor=acting_user,
        action="reports.acting_recorded",
        citations=citations_of(decision),
        rulebook_version=decision.rulebook_version,
    ) as rec:
        arrangement.full_clean()
        arrangement.save()
        rec.obj = arrangement
        rec.details = {
            "says": f"{acting_user.full_name} recorded {councillor.full_name} acting as Proper "
            f"Officer from {format_date(starts_on)} ({arrangement.reason}): {verdict} "
            f"({clauses}). {decision.explanation}",
            "allowed": arrangement.allowed,
        }
    return arrangement
