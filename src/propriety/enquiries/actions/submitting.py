"""Submitting an enquiry: its proper route, its handler, and triage."""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any

from django.core.exceptions import ValidationError

from propriety.audit.recording import recording
from propriety.councils.declared import answered, check_answers
from propriety.councils.locking import locked
from propriety.councils.protocol import citations_of, decide, role_title, summary_of
from propriety.enquiries import access, notify
from propriety.enquiries.actions._common import (
    _ASKER_ROLES,
    _MANAGER_ROLES,
    EnquiryRefused,
    _require,
    _route_clauses,
    _says,
    _today,
)
from propriety.enquiries.agreements import check_usable
from propriety.enquiries.clocks import clocks_for
from propriety.enquiries.models import DirectContactAgreement, Enquiry
from propriety.people.holders import holders_of, is_casework_manager, is_officer
from propriety.people.models import Person
from propriety.people.roles import Role
from propriety.protocol import Decision, format_date


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
