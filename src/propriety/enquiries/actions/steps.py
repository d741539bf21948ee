"""An enquiry's steps: acknowledging, clarifying, answering, feedback, closing, withdrawing."""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError

from propriety.audit.recording import recording
from propriety.councils.locking import locked
from propriety.councils.protocol import calendar_for
from propriety.enquiries import access, notify
from propriety.enquiries.actions._common import _clock_clauses, _require, _says, _today
from propriety.enquiries.clocks import clocks_for
from propriety.enquiries.models import Enquiry
from propriety.people.models import Person
from propriety.protocol import Pause, format_date
from propriety.web.wording import quoted


def do_acknowledge_enquiry(
    enquiry: Enquiry, *, today: datetime.date | None = None, acting_user: Person
) -> Enquiry:
    day = _today(today)
    with locked(enquiry):
        _require(
            access.can_answer(acting_user, enquiry, day),
            "Only its officer or the Clerk acknowledges.",
        )
        if enquiry.acknowledged_on is not None:
            raise ValidationError({"__all__": "This enquiry was already acknowledged."})
        enquiry.acknowledged_on = day
        with recording(
            council=enquiry.council,
            actor=acting_user,
            action="enquiry.acknowledged",
            obj=enquiry,
            citations=_clock_clauses(enquiry, day),
            details=_says(enquiry, f"{acting_user.full_name} acknowledged the enquiry."),
        ):
            enquiry.save(update_fields=["acknowledged_on", "updated_at"])
    return enquiry


def do_request_clarification(
    enquiry: Enquiry, *, question: str, today: datetime.date | None = None, acting_user: Person
) -> Enquiry:
    """The officer asks the member to clarify; the respond clock pauses until they reply."""
    day = _today(today)
    with locked(enquiry):
        _require(
            access.can_ask_clarification(acting_user, enquiry, day),
            "Only its officer or the Clerk asks for clarification.",
        )
        if not question.strip():
            raise ValidationError({"question": "Enter what you need the councillor to clarify."})
        pauses = [*enquiry.pause_list(), Pause(day)]
        enquiry.pauses = Enquiry.pause_json(pauses)
        enquiry.status = Enquiry.Status.AWAITING_MEMBER
        enquiry.clarification_question = question.strip()
        if enquiry.acknowledged_on is None:
            enquiry.acknowledged_on = day
        with recording(
            council=enquiry.council,
            actor=acting_user,
            action="enquiry.clarification_requested",
            obj=enquiry,
            citations=_clock_clauses(enquiry, day),
            details=_says(
                enquiry,
                f"{acting_user.full_name} asked the councillor to clarify: {quoted(question)} "
                "The clock is paused until they reply.",
                question=question.strip(),
            ),
        ):
            enquiry.save(
                update_fields=[
                    "pauses",
                    "status",
                    "clarification_question",
                    "acknowledged_on",
                    "updated_at",
                ]
            )
    notify.clarification_requested(enquiry)
    return enquiry


def do_clarify_enquiry(
    enquiry: Enquiry, *, reply: str, today: datetime.date | None = None, acting_user: Person
) -> Enquiry:
    """The member replies; the clock runs again, its due date moved on by the pause."""
    day = _today(today)
    with locked(enquiry):
        _require(access.can_clarify(acting_user, enquiry), "Only the member who asked can reply.")
        if not reply.strip():
            raise ValidationError({"reply": "Enter your reply."})
        pauses = enquiry.pause_list()
        pauses[-1] = Pause(pauses[-1].start, day)
        enquiry.pauses = Enquiry.pause_json(pauses)
        enquiry.status = (
            Enquiry.Status.ALLOCATED if enquiry.officer_id else Enquiry.Status.WITH_CLERK
        )
        clocks = clocks_for(enquiry, day)
        enquiry.respond_due = clocks.respond.due
        with recording(
            council=enquiry.council,
            actor=acting_user,
            action="enquiry.clarified",
            obj=enquiry,
            citations=clocks.clauses,
            details=_says(
                enquiry,
                f"{acting_user.display_name(day)} replied: {quoted(reply)} The clock runs again: "
                f"{clocks.respond.explanation}.",
                reply=reply.strip(),
                respond_due=enquiry.respond_due.isoformat(),
            ),
        ):
            enquiry.save(update_fields=["pauses", "status", "respond_due", "updated_at"])
    notify.clarified(enquiry)
    return enquiry


def do_answer_enquiry(
    enquiry: Enquiry, *, answer: str, today: datetime.date | None = None, acting_user: Person
) -> Enquiry:
    """The officer answers; the enquiry stays open for the member's follow-up."""
    day = _today(today)
    with locked(enquiry):
        _require(
            access.can_answer(acting_user, enquiry, day), "Only its officer or the Clerk answers."
        )
        if not answer.strip():
            raise ValidationError({"answer": "Enter the answer."})
        follow_up = calendar_for(enquiry.council).add(day, enquiry.council.follow_up_working_days)
        enquiry.answer = answer.strip()
        enquiry.answered_on = day
        enquiry.status = Enquiry.Status.ANSWERED
        enquiry.follow_up_until = follow_up.due
        if enquiry.acknowledged_on is None:
            enquiry.acknowledged_on = day
        late = day > enquiry.respond_due
        with recording(
            council=enquiry.council,
            actor=acting_user,
            action="enquiry.answered",
            obj=enquiry,
            citations=_clock_clauses(enquiry, day),
            details=_says(
                enquiry,
                f"{acting_user.full_name} answered the enquiry"
                f"{' after its due date' if late else ''}. The councillor can follow it up until "
                f"{format_date(follow_up.due)}.",
                late=late,
            ),
        ):
            enquiry.save(
                update_fields=[
                    "answer",
                    "answered_on",
                    "status",
                    "follow_up_until",
                    "acknowledged_on",
                    "updated_at",
                ]
            )
    notify.answered(enquiry)
    return enquiry


def do_record_feedback(
    enquiry: Enquiry,
    *,
    answered: bool,
    comment: str = "",
    today: datetime.date | None = None,
    acting_user: Person,
) -> Enquiry:
    """The member says whether the answer answered the question.

    Yes closes it. No sends it back to the officer; the clock is not
    restarted, so an answer that did not answer may now be overdue.
    """
    day = _today(today)
    with locked(enquiry):
        _require(
            access.can_give_feedback(acting_user, enquiry), "Only the member who asked can say."
        )
        if not answered and not comment.strip():
            raise ValidationError({"comment": "Say what the answer did not cover."})
        enquiry.member_satisfied = answered
        enquiry.member_feedback = comment.strip()
        fields = ["member_satisfied", "member_feedback", "status", "updated_at"]
        if answered:
            enquiry.status = Enquiry.Status.CLOSED
            says = f"{acting_user.display_name(day)} said the answer answered the question."
        else:
            enquiry.status = (
                Enquiry.Status.ALLOCATED if enquiry.officer_id else Enquiry.Status.WITH_CLERK
            )
            enquiry.answered_on = None
            enquiry.follow_up_until = None
            fields += ["answered_on", "follow_up_until"]
            says = (
                f"{acting_user.display_name(day)} said the answer did not answer the question: "
                f"{quoted(comment)} It is back with the officer; the original due date stands."
            )
        with recording(
            council=enquiry.council,
            actor=acting_user,
            action="enquiry.feedback",
            obj=enquiry,
            citations=_clock_clauses(enquiry, day),
            details=_says(enquiry, says, answered=answered),
        ):
            enquiry.save(update_fields=fields)
    if not answered:
        notify.reopened(enquiry)
    return enquiry


def do_close_enquiry(
    enquiry: Enquiry,
    *,
    reason: str,
    today: datetime.date | None = None,
    acting_user: Person | None,
) -> Enquiry:
    """Close an enquiry: the Clerk with a reason, or the system when the follow-up window ends."""
    day = _today(today)
    with locked(enquiry):
        if acting_user is not None:
            _require(access.can_manage(acting_user, day), "Only the Clerk closes enquiries.")
        if enquiry.status in (Enquiry.Status.CLOSED, Enquiry.Status.WITHDRAWN):
            raise ValidationError({"__all__": "This enquiry is already closed."})
        if not reason.strip():
            raise ValidationError({"reason": "Say why the enquiry is being closed."})
        enquiry.status = Enquiry.Status.CLOSED
        who = acting_user.full_name if acting_user else "Propriety"
        with recording(
            council=enquiry.council,
            actor=acting_user,
            action="enquiry.closed",
            obj=enquiry,
            citations=_clock_clauses(enquiry, day),
            details=_says(enquiry, f"{who} closed the enquiry: {reason.strip()}", reason=reason),
        ):
            enquiry.save(update_fields=["status", "updated_at"])
    return enquiry


def do_withdraw_enquiry(
    enquiry: Enquiry, *, reason: str = "", today: datetime.date | None = None, acting_user: Person
) -> Enquiry:
    day = _today(today)
    with locked(enquiry):
        _require(
            access.can_withdraw(acting_user, enquiry), "Only the member who asked can withdraw."
        )
        if enquiry.status == Enquiry.Status.AWAITING_MEMBER:
            pauses = enquiry.pause_list()
            pauses[-1] = Pause(pauses[-1].start, day)
            enquiry.pauses = Enquiry.pause_json(pauses)
        enquiry.status = Enquiry.Status.WITHDRAWN
        text = f"{acting_user.display_name(day)} withdrew the enquiry"
        with recording(
            council=enquiry.council,
            actor=acting_user,
            action="enquiry.withdrawn",
            obj=enquiry,
            details=_says(enquiry, f"{text}: {reason.strip()}" if reason.strip() else f"{text}."),
        ):
            enquiry.save(update_fields=["status", "pauses", "updated_at"])
    return enquiry
