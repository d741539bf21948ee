"""The Clerk's agreements for direct contact: recording, ending, and checking one is usable.

The national model (Some general principles ¶2) and acses-town (§4.6) send
members' approaches through the Proper Officer unless the Proper Officer has
agreed direct contact with another officer on a matter. Which clauses those
are is the rulebook's business, not ours: ``agreement_citations`` asks the
engine (``enquiry.route`` with ``direct_contact_agreed`` true) and keeps the
clauses of the provisions that turn on that fact, so every event about an
agreement cites them, and a rulebook with no such provision gets no
agreements (an agreement there would change nothing).
"""

from __future__ import annotations

import datetime

from django.core.exceptions import PermissionDenied, ValidationError

from propriety.audit.recording import action_day, recording
from propriety.councils.locking import locked
from propriety.councils.models import Council
from propriety.councils.protocol import decide, role_title
from propriety.enquiries import access, notify
from propriety.enquiries.models import KINDS, DirectContactAgreement
from propriety.people.holders import is_casework_manager, is_officer
from propriety.people.models import Person
from propriety.protocol import Citation, format_date, rulebook

FACT = "direct_contact_agreed"
# Express approval of instructions to staff, distinct from direct contact (enquiry.route).
APPROVAL_FACT = "instruction_approved"


def approval_citations(council: Council, day: datetime.date) -> list[Citation]:
    """The clauses of the council's provisions that let an instruction go to an officer with
    the Clerk's express approval. Empty when the rulebook has none."""
    uses_fact = {p.name for p in rulebook(council.rulebook).provisions if APPROVAL_FACT in p.when}
    decision = decide(
        council,
        "enquiry.route",
        {
            "kind": "instruction",
            "addressed_to": "other_officer",
            FACT: True,
            APPROVAL_FACT: True,
            "received_on": day,
        },
        today=day,
    )
    return [c for c in decision.citations if c.provision in uses_fact]


def agreement_citations(council: Council, day: datetime.date) -> list[Citation]:
    """The clauses of the council's provisions that let members go direct under an agreement.

    Asks ``enquiry.route`` for each kind of enquiry addressed to another
    officer with ``direct_contact_agreed`` true, and keeps the citations of the
    provisions whose conditions name that fact. Empty when the rulebook has none.
    """
    uses_fact = {p.name for p in rulebook(council.rulebook).provisions if FACT in p.when}
    seen: dict[tuple[str, str], Citation] = {}
    for kind in KINDS:
        decision = decide(
            council,
            "enquiry.route",
            {"kind": kind, "addressed_to": "other_officer", FACT: True, "received_on": day},
            today=day,
        )
        for c in decision.citations:
            if c.provision in uses_fact:
                seen.setdefault((c.rulebook, c.clause), c)
    return list(seen.values())


def _clauses(citations: list[Citation]) -> list[dict[str, str]]:
    return [{"rulebook": c.rulebook, "clause": c.clause} for c in citations]


def _today(today: datetime.date | None) -> datetime.date:
    return action_day(today)


def describe(agreement: DirectContactAgreement) -> str:
    """“Cllr Wendy Ward may contact Jo Junior direct about “street lights””, in plain English."""
    who = agreement.member.full_name if agreement.member else "Every member"
    also = " and give them instructions on it" if agreement.instructions_approved else ""
    return (
        f"{who} may contact {agreement.officer.full_name} direct about “{agreement.matter}”{also}"
    )


def _period(starts_on: datetime.date, ends_on: datetime.date | None) -> str:
    if ends_on is None:
        return f"from {format_date(starts_on)} until the Clerk ends it"
    return f"from {format_date(starts_on)} to {format_date(ends_on)}"


def do_record_direct_contact_agreement(
    *,
    officer: Person,
    matter: str,
    member: Person | None = None,
    starts_on: datetime.date | None = None,
    ends_on: datetime.date | None = None,
    instructions_approved: bool = False,
    today: datetime.date | None = None,
    acting_user: Person,
) -> DirectContactAgreement:
    """The Clerk agrees that members (or one member) may go direct to an officer on a matter,
    and with ``instructions_approved`` also expressly approves instructions to them."""
    day = _today(today)
    if not access.can_manage(acting_user, day):
        raise PermissionDenied("Only the Clerk agrees direct contact with officers.")
    council = acting_user.council
    starts_on = starts_on or day
    errors: dict[str, str] = {}
    if officer.council_id != council.pk or not is_officer(officer, day):
        errors["officer"] = "Choose an officer of the council."
    elif is_casework_manager(officer, day):
        errors["officer"] = (
            f"Members already write to {role_title(council, 'proper_officer')}: "
            "choose another officer."
        )
    if not matter.strip():
        errors["matter"] = "Say what matter the agreement covers."
    elif len(matter.strip()) > 200:
        errors["matter"] = "The matter must be 200 characters or fewer."
    if member is not None and (member.council_id != council.pk or not member.is_councillor_on(day)):
        errors["member"] = "Choose a serving member of the council, or leave it for every member."
    if ends_on is not None and ends_on < starts_on:
        errors["ends_on"] = "The last day must be on or after the first day."
    if errors:
        raise ValidationError(errors)
    citations = agreement_citations(council, day)
    if instructions_approved:
        approval = approval_citations(council, day)
        if not approval:
            raise ValidationError(
                {
                    "instructions_approved": "The council’s protocol has no rule on the Clerk "
                    "approving members’ instructions to staff, so approving them would change "
                    "nothing: leave this unticked."
                }
            )
        citations += [c for c in approval if c not in citations]
    if not citations:
        raise ValidationError(
            {
                "__all__": "The council’s protocol has no rule that lets members contact an "
                "officer direct under the Clerk’s agreement, so an agreement would change "
                "nothing: members’ enquiries go as the protocol says."
            }
        )
    agreement = DirectContactAgreement(
        council=council,
        officer=officer,
        matter=matter.strip(),
        member=member,
        starts_on=starts_on,
        ends_on=ends_on,
        agreed_by=acting_user,
        instructions_approved=instructions_approved,
    )
    with recording(
        council=council,
        actor=acting_user,
        action="enquiry.agreement_recorded",
        citations=_clauses(citations),
    ) as rec:
        agreement.full_clean()
        agreement.save()
        rec.obj = agreement
        rec.details = {
            "says": f"{acting_user.full_name} agreed direct contact: {describe(agreement)}, "
            f"{_period(starts_on, ends_on)}.",
            "officer": officer.pk,
            "member": member.pk if member else None,
            "matter": agreement.matter,
            "starts_on": starts_on.isoformat(),
            "ends_on": ends_on.isoformat() if ends_on else None,
            "instructions_approved": instructions_approved,
        }
    notify.send(
        [p for p in (officer, member) if p is not None],
        f"Direct contact agreed: {agreement.matter}",
        f"{acting_user.full_name} has agreed direct contact: {describe(agreement)}, "
        f"{_period(starts_on, ends_on)}. "
        f"Reference: {agreement.reference}.",
    )
    return agreement


def do_end_direct_contact_agreement(
    agreement: DirectContactAgreement,
    *,
    today: datetime.date | None = None,
    acting_user: Person,
) -> DirectContactAgreement:
    """The Clerk ends an agreement from today: enquiries made under it before stand."""
    day = _today(today)
    with locked(agreement):
        if not access.can_manage(acting_user, day):
            raise PermissionDenied("Only the Clerk ends agreements for direct contact.")
        if not access.can_end_agreement(acting_user, agreement, day):
            raise ValidationError(
                {"__all__": f"This agreement has already {agreement.state(day).lower()}."}
            )
        agreement.ended_on = day
        with recording(
            council=agreement.council,
            actor=acting_user,
            action="enquiry.agreement_ended",
            obj=agreement,
            citations=_clauses(agreement_citations(agreement.council, day)),
            details={
                "says": f"{acting_user.full_name} ended the agreement ({describe(agreement)}) "
                f"on {format_date(day)}. From now on members write to "
                f"{role_title(agreement.council, 'proper_officer')} about it.",
                "ended_on": day.isoformat(),
            },
        ):
            agreement.save(update_fields=["ended_on"])
    notify.send(
        [p for p in (agreement.officer, agreement.member) if p is not None],
        f"Direct contact ended: {agreement.matter}",
        f"{acting_user.full_name} has ended the agreement {agreement.reference} "
        f"({describe(agreement)}) on {format_date(day)}.",
    )
    return agreement


def check_usable(
    agreement: DirectContactAgreement, member: Person, day: datetime.date
) -> dict[str, str]:
    """Why ``member`` may not make an enquiry under ``agreement`` today (empty if they may)."""
    if agreement.council_id != member.council_id:
        return {"agreement": "Choose an agreement of your council."}
    if not agreement.applies_to(member.pk):
        return {"agreement": "That agreement is for another member."}
    if not agreement.is_current(day):
        if agreement.ended_on is not None and agreement.ended_on <= day:
            why = f"the Clerk ended it on {format_date(agreement.ended_on)}"
        elif agreement.ends_on is not None and agreement.ends_on < day:
            why = f"it ran until {format_date(agreement.ends_on)}"
        else:
            why = f"it starts on {format_date(agreement.starts_on)}"
        return {"agreement": f"That agreement is not in force today: {why}."}
    if not is_officer(agreement.officer, day):
        return {
            "agreement": f"{agreement.officer.full_name} is no longer an officer of the council."
        }
    return {}
