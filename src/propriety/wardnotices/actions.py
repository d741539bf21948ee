"""Recording a ward notice: ask the rulebook, tell the members it names, keep the clauses.

``ward.notification`` (Part 5 §6.1; acses-town §9.2–9.4, §13.2–13.3) says whether
the meeting, consultation or visit may go ahead and whom the council must invite or
tell. The members told are the ward councillors of the wards affected, whenever the
decision carries an obligation to invite or tell ward members (the rulebooks name
those obligations ``*-ward-*``); a member's own meeting, visit or surgery request is
recorded with the Clerk, who is emailed. An officer records their own visits in a
ward (acses-town §9.1, Part 5 §6.2); the Clerk may record one for another officer,
who is emailed too. The pre-election restriction reads the
election timetable the press app keeps, for the day the event takes place.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from propriety.audit.recording import recording
from propriety.councils.locking import locked
from propriety.councils.models import Ward
from propriety.councils.protocol import (
    citations_of,
    decide,
    role_title,
    stored_clauses,
    summary_of,
)
from propriety.people.holders import holders_of, is_casework_manager, is_officer
from propriety.people.models import Person
from propriety.people.roles import Role
from propriety.press.rules import election_on
from propriety.protocol import Decision, UnansweredQuestion
from propriety.wardnotices import access, notify
from propriety.wardnotices.models import EVENT_LABELS, MEMBER_EVENTS, WardNotice

QUESTION = "ward.notification"


def _today(today: datetime.date | None) -> datetime.date:
    return today or timezone.localdate()


def ward_councillors(wards: Sequence[Ward], day: datetime.date) -> list[Person]:
    """The serving ward councillors of ``wards`` on ``day``."""
    people: dict[int, Person] = {}
    for ward in wards:
        for a in ward.memberships.filter(role=Role.WARD_COUNCILLOR).select_related("person"):
            p = a.person
            if a.is_current_on(day) and p.is_active and p.is_councillor_on(day):
                people[p.pk] = p
    return sorted(people.values(), key=lambda p: (p.full_name, p.pk))


def own_wards(person: Person, day: datetime.date) -> set[int]:
    return {r.ward_id for r in person.roles_on(day) if r.ward_id is not None}


def tells_ward_members(decision: Decision) -> bool:
    """Whether the decision asks for ward members to be invited or told."""
    return decision.outcome != "refuse" and any("ward" in o[0] for o in decision.obligations)


def ward_facts(
    person: Person,
    event: str,
    wards: Sequence[Ward],
    *,
    party_political: bool,
    takes_place_on: datetime.date,
) -> dict[str, object]:
    return {
        "event": event,
        "several_wards": len(wards) > 1,
        "party_political": party_political,
        "election_run_up": election_on(person.council, takes_place_on) is not None,
        "own_ward": bool({w.pk for w in wards} & own_wards(person, takes_place_on)),
        # Recording it here is telling the Clerk (acses-town §9.4): the Clerk is emailed.
        "clerk_informed": True,
    }


def do_record_ward_notice(
    person: Person,
    *,
    event: str,
    title: str,
    takes_place_on: datetime.date | None,
    wards: Sequence[Ward],
    details: str = "",
    party_political: bool = False,
    visiting_officer: Person | None = None,
    today: datetime.date | None = None,
    acting_user: Person,
) -> WardNotice:
    """Record a ward matter; the rulebook decides whether it goes ahead and whom to tell.

    ``visiting_officer`` is for an officer's visit: the officer who visits, by default the
    one recording it."""
    day = _today(today)
    if acting_user.pk != person.pk or not access.events_for(person, day):
        raise PermissionDenied("Officers and serving members record ward notices themselves.")
    council = person.council
    errors: dict[str, str] = {}
    if event not in access.events_for(person, day):
        errors["event"] = "Choose what you are recording."
    if not title.strip():
        errors["title"] = "Enter what it is."
    elif len(title.strip()) > 200:
        errors["title"] = "The title must be 200 characters or fewer."
    if takes_place_on is None:
        errors["takes_place_on"] = "Enter the date it starts or takes place."
    wards = list(wards)
    if not wards:
        errors["wards"] = "Choose the ward or wards affected."
    elif any(w.council_id != council.pk for w in wards):
        errors["wards"] = "Choose wards of your council."
    elif event == "premises_visit" and len(wards) != 1:
        errors["wards"] = "Choose the one ward the premises are in."
    visitor = _visitor(person, event, visiting_officer, day, errors)
    if errors:
        raise ValidationError(errors)
    assert takes_place_on is not None
    facts = ward_facts(
        person, event, wards, party_political=party_political, takes_place_on=takes_place_on
    )
    try:
        decision = decide(council, QUESTION, facts, today=day)
    except UnansweredQuestion:
        raise ValidationError(
            {"__all__": "The council’s protocol does not say whom to tell about ward matters."}
        ) from None
    told: dict[int, Person] = {}
    if tells_ward_members(decision):
        told.update((p.pk, p) for p in ward_councillors(wards, day) if p.pk != person.pk)
    if decision.outcome == "refer" and decision.refer_to:
        told.update((p.pk, p) for p in holders_of(council, decision.refer_to, day))
    if event in MEMBER_EVENTS:
        told.update((p.pk, p) for p in holders_of(council, "proper_officer", day))
    if visitor is not None:
        told[visitor.pk] = visitor
    told.pop(person.pk, None)
    election = election_on(council, takes_place_on)
    notice = WardNotice(
        council=council,
        event=event,
        title=title.strip(),
        details=details.strip(),
        takes_place_on=takes_place_on,
        party_political=party_political,
        visiting_officer=visitor,
        recorded_by=person,
        recorded_on=day,
        outcome=decision.outcome or WardNotice.Outcome.ALLOWED,
        election=election if facts["election_run_up"] else None,
        decision=summary_of(decision),
        decider_role=(decision.refer_to or "proper_officer") if decision.outcome == "refer" else "",
        rulebook_version=decision.rulebook_version,
    )
    people = sorted(told.values(), key=lambda p: (p.full_name, p.pk))
    names = ", ".join(p.full_name for p in people) or "nobody"
    clauses = ", ".join(c.clause for c in decision.citations)
    what = EVENT_LABELS[event].lower()
    if visitor is not None:
        what += f" by {visitor.full_name}"
    verdict = {
        "allow": "it may go ahead",
        "refuse": "it may not go ahead",
        "refer": f"{role_title(council, decision.refer_to or 'proper_officer')} decides",
    }.get(decision.outcome or "allow", "")
    with recording(
        council=council,
        actor=acting_user,
        action="ward.notice_recorded",
        citations=citations_of(decision),
        rulebook_version=decision.rulebook_version,
    ) as rec:
        notice.full_clean()
        notice.save()
        notice.wards.set(wards)
        notice.members_told.set(people)
        rec.obj = notice
        rec.details = {
            "says": f"{person.full_name} recorded {what}: {notice.title}. "
            f"The protocol says {verdict} ({clauses}). {decision.explanation} Told: {names}.",
            "outcome": notice.outcome,
            "told": [p.pk for p in people],
        }
    notify.ward_notice(notice, people)
    return notice


def _visitor(
    person: Person,
    event: str,
    visiting_officer: Person | None,
    day: datetime.date,
    errors: dict[str, str],
) -> Person | None:
    """The officer who visits, for an officer's visit (else None): the recorder by default;
    another officer only where the Clerk (a casework manager) records it for them."""
    if event != "officer_visit":
        return None
    visitor = visiting_officer or person
    if visitor.council_id != person.council_id or not is_officer(visitor, day):
        errors["visiting_officer"] = "Choose an officer of the council."
    elif visitor.pk != person.pk and not is_casework_manager(person, day):
        errors["visiting_officer"] = (
            "Record your own visits: the Clerk records visits for other officers."
        )
    return visitor


def do_decide_ward_notice(
    notice: WardNotice,
    *,
    allow: bool,
    reasons: str,
    today: datetime.date | None = None,
    acting_user: Person,
) -> WardNotice:
    """Whoever the protocol refers a ward notice to records the decision, with reasons; the
    member who recorded it is emailed."""
    day = _today(today)
    with locked(notice):
        if not access.can_decide(acting_user, notice, day):
            raise PermissionDenied("You do not decide this ward notice.")
        if not reasons.strip():
            raise ValidationError({"reasons": "Give the reasons for your decision."})
        notice.decided_by = acting_user
        notice.decided_on = day
        notice.decided_allow = allow
        notice.reasons = reasons.strip()
        with recording(
            council=notice.council,
            actor=acting_user,
            action="ward.notice_decided",
            obj=notice,
            citations=stored_clauses(notice.decision),
            rulebook_version=notice.rulebook_version,
            details={
                "says": f"{acting_user.full_name} decided it "
                f"{'may' if allow else 'may not'} go ahead. Reasons: {notice.reasons}",
                "allowed": allow,
            },
        ):
            notice.save(update_fields=["decided_by", "decided_on", "decided_allow", "reasons"])
    notify.ward_notice_decided(notice)
    return notice
