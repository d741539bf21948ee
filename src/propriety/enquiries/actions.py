"""Every change to a member's enquiry: one transaction, one audit event with its clauses.

The route comes from the council's rulebook (``enquiry.route``); the clocks
from ``enquiry.response_target`` (see clocks.py). Each action checks that the
acting person may take it (PermissionDenied otherwise), so the pages and the
API share one set of rules. An action on an existing enquiry first locks and
re-reads it (``locked``, see councils/locking.py) and only then checks who may
act and what state it is in, so two people acting at once cannot both succeed
on the same old state.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError

from propriety.audit.recording import action_day, recording
from propriety.councils.declared import answered, check_answers
from propriety.councils.locking import locked
from propriety.councils.protocol import calendar_for, citations_of, decide, role_title, summary_of
from propriety.enquiries import access, notify
from propriety.enquiries.agreements import check_usable
from propriety.enquiries.clocks import clocks_for
from propriety.enquiries.models import DirectContactAgreement, Enquiry
from propriety.people.holders import holders_of, is_casework_manager, is_officer
from propriety.people.models import Person
from propriety.people.roles import Role
from propriety.protocol import Decision, Pause, format_date

# The member's role the rulebook is asked about, most specific first.
_ASKER_ROLES = (
    (Role.CABINET_MEMBER, "cabinet_member"),
    (Role.LEADER, "leader"),
    (Role.MAYOR, "mayor"),
    (Role.COUNCIL_CHAIR, "council_chair"),
    (Role.COMMITTEE_CHAIR, "committee_chair"),
    (Role.COUNCILLOR, "councillor"),
    (Role.CO_OPTED_MEMBER, "co_opted_member"),
)
_MANAGER_ROLES = ("proper_officer", "chief_executive")


class EnquiryRefused(Exception):
    """The rulebook refuses the request as made; ``decision`` cites the clause."""

    def __init__(self, decision: Decision, proper_route: str) -> None:
        super().__init__(decision.explanation)
        self.decision = decision
        self.proper_route = proper_route


def _require(allowed: bool, message: str) -> None:
    if not allowed:
        raise PermissionDenied(message)


def _today(today: datetime.date | None) -> datetime.date:
    return action_day(today)


def asker_role(member: Person, day: datetime.date) -> str:
    held = {r.role for r in member.roles_on(day)}
    return next((name for role, name in _ASKER_ROLES if role in held), "councillor")


def has_delegated_authority(member: Person, day: datetime.date) -> bool:
    return any(
        r.role == Role.CABINET_MEMBER and r.delegated_authority.strip()
        for r in member.roles_on(day)
    )


def route_facts(
    member: Person,
    *,
    kind: str,
    addressed_to: str,
    on_behalf_of_constituent: bool,
    asks_for_priority: bool,
    via_formal_decision: bool,
    delegated_authority: bool,
    received_on: datetime.date,
    direct_contact_agreed: bool = False,
    instruction_approved: bool = False,
) -> dict[str, Any]:
    return {
        "kind": kind,
        "addressed_to": addressed_to,
        "asker_role": asker_role(member, received_on),
        "direct_contact_agreed": direct_contact_agreed,
        "delegated_authority": delegated_authority and has_delegated_authority(member, received_on),
        "via_formal_decision": via_formal_decision,
        "on_behalf_of_constituent": on_behalf_of_constituent,
        "asks_for_priority": asks_for_priority,
        "received_on": received_on,
        "instruction_approved": instruction_approved,
    }


def proper_route_for(
    member: Person, refused: Decision, day: datetime.date, addressed_to: str = ""
) -> str:
    """Where the member should take a refused request instead, in the council's words.

    A member who already took it to the Proper Officer is not sent back to them: the
    Proper Officer cannot take one member's instruction, so the way on is the council
    or a committee (or asking the Proper Officer for information instead).
    """
    decision = decide(
        member.council,
        "enquiry.route",
        {"kind": "information", "addressed_to": "proper_officer", "received_on": day},
        today=day,
    )
    if refused.route is not None:
        return f"Take it to {refused.route.now_title}."
    who = (
        decision.route.now_title if decision.route else role_title(member.council, "proper_officer")
    )
    if addressed_to == "proper_officer":
        return (
            f"Ask for the matter to be put to the council or the committee concerned, which "
            f"can decide and instruct officers; or ask {who} for information or advice "
            "instead, as an enquiry of that kind."
        )
    return (
        f"Raise the matter with {who} as an enquiry, or ask for it to be put to the council "
        "or the committee concerned, which can decide and instruct officers."
    )


def _says(enquiry: Enquiry, text: str, **extra: Any) -> dict[str, Any]:
    return {"says": text, **extra}


def _handler_for(
    member: Person,
    decision: Decision,
    addressed_to: str,
    addressed_officer: Person | None,
    day: datetime.date,
) -> tuple[str, Person | None]:
    """Who has the enquiry first: (rulebook role, allocated officer or None for the Clerk)."""
    role = (decision.route.now if decision.route else None) or (
        decision.refer_to if decision.outcome == "refer" else None
    )
    if role is None:
        if addressed_officer is not None:
            return "officer", addressed_officer
        role = addressed_to
    if role in _MANAGER_ROLES:
        return role, None
    if (
        addressed_officer is not None
        and decision.outcome == "allow"
        and role in ("officer", addressed_to)
    ):
        return role, addressed_officer
    holders = [p for p in holders_of(member.council, role, day) if is_officer(p, day)]
    return role, (holders[0] if holders else None)


def do_submit_enquiry(
    member: Person,
    *,
    subject: str,
    body: str,
    kind: str,
    addressed_to: str,
    addressed_officer: Person | None = None,
    constituent_name: str = "",
    asks_for_priority: bool = False,
    via_formal_decision: bool = False,
    delegated_authority: bool = False,
    agreement: DirectContactAgreement | None = None,
    declared: Mapping[str, Any] | None = None,
    today: datetime.date | None = None,
    received_by: str = "",
    acting_user: Person,
) -> Enquiry:
    """A member sends an enquiry; the rulebook routes it, or refuses it citing its clause.

    ``received_by`` ("email") says the member sent it another way and the
    Clerk is recording it for them (an email the Clerk took out of quarantine):
    the Clerk may then act for the member, and the timeline says so.
    ``declared`` answers the facts the council's rulebook declares for
    ``enquiry.route`` (councils.declared); the enquiry keeps them with its route.

    With ``agreement`` (the Clerk's agreement for direct contact, current and
    applying to this member) the enquiry goes to that agreement's officer and
    the rulebook is asked with ``direct_contact_agreed`` true (national model
    Some general principles ¶2; acses-town §4.6).
    """
    day = _today(today)
    _require(
        acting_user.pk == member.pk
        or (bool(received_by) and is_casework_manager(acting_user, day)),
        "Members make their own enquiries.",
    )
    _require(access.can_submit(member, day), "Only a serving member can make an enquiry.")
    errors: dict[str, str] = {}
    if not subject.strip():
        errors["subject"] = "Enter a short subject for your enquiry."
    if not body.strip():
        errors["body"] = "Enter your enquiry."
    if addressed_officer is not None and (
        addressed_officer.council_id != member.council_id or not is_officer(addressed_officer, day)
    ):
        errors["addressed_officer"] = "Choose an officer of your council."
    if agreement is not None:
        errors.update(check_usable(agreement, member, day))
        if "agreement" not in errors:
            if addressed_to == "proper_officer":
                errors["addressed_to"] = (
                    f"An agreement is for writing direct to {agreement.officer.full_name}: "
                    "say the enquiry is addressed to them, or do not use the agreement."
                )
            elif addressed_officer is not None and addressed_officer.pk != agreement.officer_id:
                errors["addressed_officer"] = (
                    f"The agreement is for direct contact with {agreement.officer.full_name}: "
                    "choose them, or no officer."
                )
            addressed_officer = agreement.officer
    if errors:
        raise ValidationError(errors)
    answers = check_answers(member.council, "enquiry.route", declared)
    facts = route_facts(
        member,
        kind=kind,
        addressed_to=addressed_to,
        on_behalf_of_constituent=bool(constituent_name.strip()),
        asks_for_priority=asks_for_priority,
        via_formal_decision=via_formal_decision,
        delegated_authority=delegated_authority,
        received_on=day,
        direct_contact_agreed=agreement is not None,
        instruction_approved=agreement is not None and agreement.instructions_approved,
    )
    decision = decide(member.council, "enquiry.route", {**facts, **answers}, today=day)
    if decision.outcome == "refuse":
        proper = proper_route_for(member, decision, day, addressed_to)
        with recording(
            council=member.council,
            actor=acting_user,
            action="enquiry.refused",
            obj=member,
            citations=citations_of(decision),
            rulebook_version=decision.rulebook_version,
            details={
                "says": f"Refused a request to {kind.replace('_', ' ')}: {decision.explanation}",
                "subject": subject,
                "kind": kind,
                "addressed_to": addressed_to,
                "agreement": agreement.pk if agreement else None,
                "declared_facts": answered(member.council, "enquiry.route", answers),
            },
        ):
            pass
        raise EnquiryRefused(decision, proper)

    role, officer = _handler_for(member, decision, addressed_to, addressed_officer, day)
    ward = next((r.ward for r in member.roles_on(day) if r.ward_id), None)
    enquiry = Enquiry(
        council=member.council,
        member=member,
        subject=subject.strip(),
        body=body.strip(),
        kind=kind,
        addressed_to=addressed_to,
        addressed_officer=addressed_officer,
        constituent_name=constituent_name.strip(),
        ward=ward,
        asks_for_priority=asks_for_priority,
        via_formal_decision=via_formal_decision,
        agreement=agreement,
        status=Enquiry.Status.ALLOCATED if officer else Enquiry.Status.WITH_CLERK,
        officer=officer,
        handler_role=role,
        received_on=day,
        route=summary_of(decision, answered(member.council, "enquiry.route", answers)),
        rulebook_version=decision.rulebook_version,
    )
    clocks = clocks_for(enquiry, day)
    enquiry.acknowledge_due = clocks.acknowledge.due
    enquiry.respond_due = clocks.respond.due
    who = officer.full_name if officer else role_title(member.council, role)
    sent = f"{member.display_name(day)} sent the enquiry; the protocol sends it to {who}."
    if acting_user.pk != member.pk:
        sent = (
            f"{member.display_name(day)} sent the enquiry by {received_by} and "
            f"{acting_user.full_name} recorded it; the protocol sends it to {who}."
        )
    if agreement is not None:
        under = (
            f"under the Clerk’s agreement {agreement.reference} for direct contact with "
            f"{agreement.officer.full_name} about “{agreement.matter}”"
        )
        sent = f"{member.display_name(day)} sent the enquiry {under}; the protocol sends it " + (
            f"straight to {who}."
            if officer is not None and officer.pk == agreement.officer_id
            else f"to {who} all the same."
        )
    with recording(
        council=member.council,
        actor=acting_user,
        action="enquiry.submitted",
        citations=citations_of(decision, clocks.respond_decision),
        rulebook_version=decision.rulebook_version,
    ) as rec:
        enquiry.full_clean()
        enquiry.save()
        rec.obj = enquiry
        rec.details = _says(
            enquiry,
            f"{sent} Answer due: {clocks.respond.explanation}.",
            outcome=decision.outcome,
            handler_role=role,
            respond_due=enquiry.respond_due.isoformat(),
            agreement=agreement.pk if agreement else None,
        )
    notify.enquiry_arrived(enquiry)
    return enquiry


def _officer_or_error(enquiry: Enquiry, officer: Person, day: datetime.date) -> None:
    if officer.council_id != enquiry.council_id or not is_officer(officer, day):
        raise ValidationError({"officer": "Choose an officer of this council."})


def do_triage_enquiry(
    enquiry: Enquiry,
    *,
    priority: str,
    officer: Person,
    today: datetime.date | None = None,
    acting_user: Person,
) -> Enquiry:
    """The Clerk sets the priority and allocates (or reallocates) the enquiry.

    Reallocating never restarts the clocks: the dates run from when it arrived.
    """
    day = _today(today)
    with locked(enquiry):
        _require(access.can_manage(acting_user, day), "Only the Clerk allocates enquiries.")
        _require(enquiry.is_open, "This enquiry is no longer open.")
        if priority not in Enquiry.Priority.values or not priority:
            raise ValidationError({"priority": "Choose a priority."})
        _officer_or_error(enquiry, officer, day)
        before = enquiry.officer
        reallocated = before is not None and before.pk != officer.pk
        fields = ["priority", "officer", "handler_role", "updated_at"]
        enquiry.priority = priority
        enquiry.officer = officer
        enquiry.handler_role = "proper_officer" if is_casework_manager(officer, day) else "officer"
        if enquiry.acknowledged_on is None:
            enquiry.acknowledged_on = day
            fields.append("acknowledged_on")
        if enquiry.status == Enquiry.Status.WITH_CLERK:
            enquiry.status = Enquiry.Status.ALLOCATED
            fields.append("status")
        action = "enquiry.reallocated" if reallocated else "enquiry.allocated"
        verb = f"moved it from {before.full_name} to" if before and reallocated else "gave it to"
        with recording(
            council=enquiry.council,
            actor=acting_user,
            action=action,
            obj=enquiry,
            citations=_route_clauses(enquiry),
            rulebook_version=enquiry.rulebook_version,
            details=_says(
                enquiry,
                f"{acting_user.full_name} set the priority to "
                f"{Enquiry.Priority(priority).label.lower()} and {verb} {officer.full_name}. "
                f"The answer is still due on {format_date(enquiry.respond_due)}.",
                priority=priority,
                officer=officer.pk,
            ),
        ):
            enquiry.save(update_fields=fields)
    if before is None or before.pk != officer.pk:
        notify.enquiry_allocated(enquiry)
    return enquiry


def _route_clauses(enquiry: Enquiry) -> list[dict[str, str]]:
    return [
        {"rulebook": c["rulebook"], "clause": c["clause"]}
        for c in enquiry.route.get("citations", [])
    ]


def _clock_clauses(enquiry: Enquiry, day: datetime.date) -> list[dict[str, str]]:
    return clocks_for(enquiry, day).clauses


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
                f"{acting_user.full_name} asked the councillor to clarify: “{question.strip()}”. "
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
                f"{acting_user.display_name(day)} replied: “{reply.strip()}”. The clock runs again: "
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
                f"“{comment.strip()}”. It is back with the officer; the original due date stands."
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
    names = [p.full_name for p in people]
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + " and " + names[-1]


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
