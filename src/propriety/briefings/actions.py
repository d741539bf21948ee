"""Every write to the briefings log: one transaction, one audit event with the clauses of
the rulebook's party_group.briefing answer. The events say what happened, never what a
group discussed (acses-town §8.7)."""

from __future__ import annotations

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone
from django.utils.text import capfirst  # (str.capitalize lower-cases "Town Clerk")

from propriety.audit.recording import recording
from propriety.briefings import access, notify, rules
from propriety.briefings.models import Briefing
from propriety.councils.locking import locked
from propriety.councils.models import PartyGroup
from propriety.councils.protocol import role_title, stored_clauses
from propriety.people.holders import holders_of, is_officer
from propriety.people.models import Person
from propriety.protocol import format_date


def _today(today: datetime.date | None) -> datetime.date:
    return today or timezone.localdate()


def _refusal(answer: dict[str, object]) -> str:
    return f"{answer.get('explanation', '')} ({rules.cited(answer)})"


def do_request_briefing(
    group: PartyGroup,
    *,
    matter: str,
    matter_kind: str = Briefing.Matter.COUNCIL_BUSINESS,
    details: str = "",
    meeting_on: datetime.date | None = None,
    non_members_present: bool = False,
    support_services: bool = False,
    relay_requested: bool = False,
    today: datetime.date | None = None,
    acting_user: Person,
) -> Briefing:
    """A member of a party group asks the Clerk to brief it (acses-town §8.1). What the
    protocol bars is refused at once, citing the clause; the rest waits for the Clerk."""
    day = _today(today)
    if group.pk not in {g.pk for g in access.groups_of(acting_user, day)}:
        raise PermissionDenied("Only a member of the group asks for its briefing.")
    errors: dict[str, str] = {}
    if not matter.strip():
        errors["matter"] = "Say what the group wants advice on."
    elif len(matter.strip()) > 200:
        errors["matter"] = "The matter must be 200 characters or fewer."
    if matter_kind not in Briefing.Matter.values:
        errors["matter_kind"] = "Choose whether it is council business or party business."
    if meeting_on is not None and meeting_on < day:
        errors["meeting_on"] = "The meeting must be today or later."
    if errors:
        raise ValidationError(errors)
    briefing = Briefing(
        council=group.council,
        group=group,
        requested_by=acting_user,
        matter=matter.strip(),
        matter_kind=matter_kind,
        details=details.strip(),
        meeting_on=meeting_on,
        non_members_present=non_members_present,
        support_services=support_services,
        relay_requested=relay_requested,
        requested_on=day,
    )
    briefing.same_matter_as = rules.earlier_same_matter(briefing)
    answer = rules.ask(briefing, day)
    briefing.decision = answer
    briefing.rulebook_version = str(answer.get("rulebook_version", ""))
    if answer.get("outcome") == "refuse":
        briefing.status = Briefing.Status.REFUSED
        briefing.decided_on = day
        says = (
            f"{acting_user.full_name} asked for a briefing for {group.name}; the protocol "
            f"refuses it: {_refusal(answer)}"
        )
    else:
        says = (
            f"{acting_user.full_name} asked for a briefing for {group.name} on “{briefing.matter}”."
        )
    with recording(
        council=group.council,
        actor=acting_user,
        action="briefings.requested",
        citations=stored_clauses(answer),
        rulebook_version=briefing.rulebook_version,
    ) as rec:
        briefing.full_clean()
        briefing.save()
        rec.obj = briefing
        rec.details = {"says": says, "status": briefing.status}
    if briefing.status == Briefing.Status.REQUESTED:
        notify.send(
            holders_of(group.council, "proper_officer", day),
            f"A briefing request from {group.name}",
            f"{says}\n\n{notify.link(briefing)}",
        )
    return briefing


def do_link_same_matter(
    briefing: Briefing,
    *,
    earlier: Briefing | None,
    today: datetime.date | None = None,
    acting_user: Person,
) -> Briefing:
    """The Clerk records that another group was already briefed on this matter (or that
    it was not): the protocol is asked again (acses-town §8.8, §8.11)."""
    day = _today(today)
    with locked(briefing):
        if not access.can_decide(acting_user, briefing, day):
            raise PermissionDenied("Only the Clerk links a request to an earlier briefing.")
        if earlier is not None and (
            earlier.council_id != briefing.council_id
            or earlier.group_id == briefing.group_id
            or earlier.status not in rules.BRIEFED
        ):
            raise ValidationError(
                {"earlier": "Choose a briefing agreed or given to another group."}
            )
        briefing.same_matter_as = earlier
        answer = rules.ask(briefing, day)
        briefing.decision = answer
        briefing.rulebook_version = str(answer.get("rulebook_version", ""))
        # The group's members read this history: it says that another group was briefed,
        # never which group or what it discussed (acses-town §8.7).
        says = (
            f"{acting_user.full_name} recorded that another group was briefed on the same matter."
            if earlier is not None
            else f"{acting_user.full_name} recorded that no other group was briefed on it."
        )
        with recording(
            council=briefing.council,
            actor=acting_user,
            action="briefings.same_matter",
            obj=briefing,
            citations=stored_clauses(answer),
            rulebook_version=briefing.rulebook_version,
            details={"says": says},
        ):
            briefing.save(update_fields=["same_matter_as", "decision", "rulebook_version"])
    return briefing


def do_decide_briefing(
    briefing: Briefing,
    *,
    agree: bool,
    reasons: str = "",
    today: datetime.date | None = None,
    acting_user: Person,
) -> Briefing:
    """The Clerk agrees or declines (acses-town §8.2); having briefed another group on the
    same matter, the Clerk may not decline (§8.11)."""
    day = _today(today)
    with locked(briefing):
        if not access.can_decide(acting_user, briefing, day):
            if access.is_clerk(acting_user, day):
                raise ValidationError({"__all__": "This request has already been decided."})
            raise PermissionDenied("Only the Clerk agrees or declines a briefing.")
        answer = rules.ask(briefing, day)
        if not agree and answer.get("outcome") == "allow":
            raise ValidationError({"agree": f"This group may not be declined: {_refusal(answer)}"})
        if not agree and not reasons.strip():
            raise ValidationError({"reasons": "Say why you decline."})
        briefing.status = Briefing.Status.AGREED if agree else Briefing.Status.DECLINED
        briefing.decision = answer
        briefing.decided_by = acting_user
        briefing.decided_on = day
        briefing.reasons = reasons.strip()
        verb = "agreed to brief" if agree else "declined to brief"
        with recording(
            council=briefing.council,
            actor=acting_user,
            action="briefings.decided",
            obj=briefing,
            citations=stored_clauses(answer),
            rulebook_version=str(answer.get("rulebook_version", "")),
            details={
                "says": f"{acting_user.full_name} {verb} {briefing.group.name}"
                + (f": {briefing.reasons}" if briefing.reasons else ".")
            },
        ):
            briefing.save(
                update_fields=["status", "decision", "decided_by", "decided_on", "reasons"]
            )
    members = [briefing.requested_by]
    notify.send(
        members,
        f"Your briefing request {briefing.reference}: {briefing.get_status_display().lower()}",
        f"{capfirst(role_title(briefing.council, 'proper_officer'))} has {verb} "
        f"{briefing.group.name} on “{briefing.matter}”.\n\n{notify.link(briefing)}",
    )
    return briefing


def do_record_briefing(
    briefing: Briefing,
    *,
    given_on: datetime.date,
    advice: str,
    officers: list[Person],
    attendees: list[Person],
    non_members_attended: bool = False,
    discussion: str = "",
    today: datetime.date | None = None,
    acting_user: Person,
) -> Briefing:
    """The log of a briefing given: the advice, the officers present and the attendees.
    Officers do not attend where people who are not councillors are present (§8.2)."""
    day = _today(today)
    with locked(briefing):
        if not access.can_record(acting_user, briefing, day):
            raise PermissionDenied("Only an officer records a briefing the Clerk agreed.")
        errors: dict[str, str] = {}
        if given_on > day:
            errors["given_on"] = "The briefing must have been given by today."
        if not advice.strip():
            errors["advice"] = "Record the facts and advice given."
        if not officers:
            errors["officers"] = "Choose the officers present."
        elif any(o.council_id != briefing.council_id or not is_officer(o, day) for o in officers):
            errors["officers"] = "Choose officers of the council."
        if any(
            a.council_id != briefing.council_id or not a.is_councillor_on(day) for a in attendees
        ):
            errors["attendees"] = "Attendees recorded here are members of the council."
        if errors:
            raise ValidationError(errors)
        answer = rules.ask(briefing, day, non_members_present=non_members_attended)
        if answer.get("outcome") == "refuse":
            raise ValidationError({"non_members_attended": _refusal(answer)})
        briefing.status = Briefing.Status.GIVEN
        briefing.given_on = given_on
        briefing.advice = advice.strip()
        briefing.discussion = discussion.strip()
        briefing.officers_present = sorted({o.pk for o in officers})
        briefing.attendees = sorted({a.pk for a in attendees})
        briefing.decision = answer
        names = ", ".join(o.full_name for o in officers)
        with recording(
            council=briefing.council,
            actor=acting_user,
            action="briefings.given",
            obj=briefing,
            citations=stored_clauses(answer),
            rulebook_version=str(answer.get("rulebook_version", "")),
            details={
                "says": f"{acting_user.full_name} recorded the briefing given to "
                f"{briefing.group.name} on {format_date(given_on)} ({names} present, "
                f"{len(briefing.attendees)} members attending)."
            },
        ):
            briefing.save(
                update_fields=[
                    "status",
                    "given_on",
                    "advice",
                    "discussion",
                    "officers_present",
                    "attendees",
                    "decision",
                ]
            )
    return briefing
