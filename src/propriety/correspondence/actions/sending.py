"""Recording a letter as sent, and telling the original councillor of a copy."""

from __future__ import annotations

import datetime
from collections.abc import Collection

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction

from propriety.audit.recording import recording
from propriety.correspondence import access
from propriety.correspondence.actions.checking import (
    _check,
    _clauses,
    _require,
    _store_check,
    _today,
    _verdict,
    addressees_of,
)
from propriety.correspondence.check import (
    CheckResult,
)
from propriety.correspondence.models import (
    CAPACITY_LABELS,
    Correspondence,
    Recipient,
)
from propriety.councils.locking import locks_row
from propriety.people.models import Person
from propriety.protocol import format_date


@locks_row
def do_record_sent(
    letter: Correspondence,
    *,
    acknowledge: Collection[str] = (),
    sent_on: datetime.date | None = None,
    today: datetime.date | None = None,
    acting_user: Person,
) -> Correspondence:
    """Record that the correspondence went, with the check made on the day.

    Where the check finds problems, each must be acknowledged by its id (the
    provision's name): it is recorded as sent all the same, and the timeline
    says it went with those problems and cites their clauses.
    """
    day = _today(today)
    _require(access.can_record_sent(acting_user, letter), "Only its writer records it as sent.")
    when = sent_on or day
    if when > day:
        raise ValidationError({"sent_on": "The day it was sent cannot be in the future."})
    result = _check(letter, addressees_of(letter), day)
    unacknowledged = [p for p in result.problems if p["id"] not in set(acknowledge)]
    if unacknowledged:
        listed = "; ".join(
            f"{p['explanation']} ({', '.join(c['clause'] for c in p['citations'])})"
            for p in unacknowledged
        )
        raise ValidationError(
            {
                "acknowledge": "The check found problems. Put them right, or acknowledge each "
                f"one to record it as sent anyway: {listed}"
            }
        )
    _store_check(letter, result, day)
    letter.status = Correspondence.Status.SENT
    letter.sent_on = when
    letter.sent_by = acting_user
    letter.acknowledged_problems = [p["id"] for p in result.problems]
    if result.problems:
        says = (
            f"{acting_user.display_name(day)} recorded it as sent on {format_date(when)}, "
            "acknowledging each problem the check found. " + _verdict(result)
        )
    else:
        says = (
            f"{acting_user.display_name(day)} recorded it as sent on {format_date(when)}. "
            + _verdict(result)
        )
    # One transaction: it is recorded as sent, then (after, in the timeline) the original
    # councillor is told where the protocol asks for it.
    with transaction.atomic():
        with recording(
            council=letter.council,
            actor=acting_user,
            action="correspondence.sent",
            obj=letter,
            citations=_clauses(result),
            rulebook_version=result.decision.rulebook_version,
            details={
                "says": says,
                "outcome": result.outcome,
                "acknowledged": letter.acknowledged_problems,
            },
        ):
            letter.save(
                update_fields=[
                    "status",
                    "sent_on",
                    "sent_by",
                    "acknowledged_problems",
                    "check_result",
                    "checked_on",
                    "rulebook_version",
                    "updated_at",
                ]
            )
        _tell_original_councillor(letter, result, day, acting_user)
    return letter


# The obligations that ask for the original councillor to be told of a copy (the national
# model's "Correspondence ¶1"): once it went with them, Propriety emails that councillor.
TELL_ORIGINAL_COUNCILLOR = ("tell-original-councillor", "no-silent-copies")


def original_councillor_of(letter: Correspondence, day: datetime.date) -> Person | None:
    """The councillor whose correspondence with an officer it is, as the engine reads it:
    the author if a councillor, else the first councillor on the To line."""
    if letter.sender.is_councillor_on(day):
        return letter.sender
    for r in letter.recipients.select_related("person").order_by("position", "pk"):
        if r.line == Recipient.Line.TO and r.person is not None and r.person.is_councillor_on(day):
            return r.person
    return None


def _copied_councillors(
    letter: Correspondence, original: Person, day: datetime.date
) -> list[Person]:
    return [
        r.person
        for r in letter.recipients.select_related("person").order_by("position", "pk")
        if r.person is not None
        and r.person.pk not in (original.pk, letter.sender_id)
        and r.person.is_councillor_on(day)
    ]


def _tell_original_councillor(
    letter: Correspondence, result: CheckResult, day: datetime.date, acting_user: Person
) -> None:
    """Where it went with an obligation to tell the original councillor, email them and
    record it in the timeline (inside the recording of it being sent)."""
    from propriety.enquiries.notify import send

    asking = [
        (problem, o)
        for problem in result.problems
        for o in problem["obligations"]
        if o["id"] in TELL_ORIGINAL_COUNCILLOR
    ]
    if not asking:
        return
    original = original_councillor_of(letter, day)
    # Nobody to tell, or the councillor recorded it themselves and so already knows.
    if original is None or original.pk == acting_user.pk:
        return
    copied = _copied_councillors(letter, original, day)
    names = ", ".join(p.full_name for p in copied) or "another councillor"
    clauses = list(
        dict.fromkeys(c["clause"] for problem, _ in asking for c in problem["citations"])
    )
    cited = ", ".join(clauses)
    base = getattr(settings, "PROPRIETY_BASE_URL", "").rstrip("/")
    if original.email and original.is_active:
        send(
            [original],
            f"{letter.reference}: correspondence with you was copied to {names}",
            f"{letter.sender.full_name}'s correspondence “{letter.subject}”, sent on "
            f"{format_date(letter.sent_on or day)}, was copied to {names}. The council's "
            f"protocol asks that you be told ({cited}): "
            + " ".join(dict.fromkeys(o["text"] for _, o in asking))
            + f"\n\n{letter.reference}: {letter.subject}\n{base}/correspondence/{letter.pk}/\n",
        )
        says = (
            f"Emailed {original.full_name}, the original councillor, to say it was copied to "
            f"{names}, as the protocol asks ({cited})."
        )
        told = True
    else:
        says = (
            f"The protocol asks that {original.full_name}, the original councillor, be told it "
            f"was copied to {names} ({cited}), but there is no email address for them: "
            "tell them another way."
        )
        told = False
    letter.original_councillor_told = told
    with recording(
        council=letter.council,
        actor=acting_user,
        action="correspondence.original_councillor_told",
        obj=letter,
        citations=[{"rulebook": result.decision.rulebook, "clause": clause} for clause in clauses],
        rulebook_version=result.decision.rulebook_version,
        details={
            "says": says,
            "told": [original.pk] if told else [],
            "obligations": [o["id"] for _, o in asking],
        },
    ):
        letter.save(update_fields=["original_councillor_told", "updated_at"])


def capacity_label(capacity: str) -> str:
    return CAPACITY_LABELS.get(capacity, capacity)
