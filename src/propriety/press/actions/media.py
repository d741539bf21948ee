"""Press actions on the spokesperson register, media contacts and media interest."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError

from propriety.audit.recording import recording
from propriety.councils.locking import locks_row
from propriety.councils.models import Council, Ward
from propriety.councils.protocol import citations_of, decide, role_title, summary_of
from propriety.people.holders import holders_of, is_officer
from propriety.people.models import Person
from propriety.people.roles import Role
from propriety.press import access, notify
from propriety.press.actions._common import _require, _the, _today
from propriety.press.models import (
    CAPACITIES,
    MediaContact,
    MediaInterest,
    Spokesperson,
)
from propriety.press.rules import (
    decide_media_story,
    election_facts,
    member_role,
)
from propriety.protocol import format_date

# --- the spokesperson register ---------------------------------------------------------------


def do_appoint_spokesperson(
    council: Council,
    *,
    person: Person | None,
    basis: str = Spokesperson.Basis.RESOLUTION,
    resolution_reference: str,
    resolved_on: datetime.date | None,
    scope: str = "",
    today: datetime.date | None = None,
    acting_user: Person,
) -> Spokesperson:
    """The Clerk records the council's resolution appointing a spokesperson, or an officer's
    authorisation to answer the media."""
    day = _today(today)
    _require(acting_user.council_id == council.pk, "You may only keep your own council's register.")
    _require(access.can_keep_register(acting_user, day), "Only the Clerk keeps the register.")
    errors: dict[str, str] = {}
    if person is None or person.council_id != council.pk:
        errors["person"] = "Choose a member or officer of the council."
    elif basis == Spokesperson.Basis.RESOLUTION and not person.is_councillor_on(day):
        errors["person"] = "Only a serving member is appointed by resolution."
    elif basis == Spokesperson.Basis.AUTHORISATION and not is_officer(person, day):
        errors["person"] = "Only an officer is authorised to answer the media."
    if basis not in Spokesperson.Basis.values:
        errors["basis"] = "Choose a resolution or an officer's authorisation."
    if not resolution_reference.strip():
        errors["resolution_reference"] = "Enter the resolution or minute reference."
    if resolved_on is None:
        errors["resolved_on"] = "Enter the date of the resolution."
    if errors:
        raise ValidationError(errors)
    assert person is not None and resolved_on is not None
    entry = Spokesperson(
        council=council,
        person=person,
        basis=basis,
        resolution_reference=resolution_reference.strip(),
        resolved_on=resolved_on,
        scope=scope.strip(),
    )
    with recording(
        council=council, actor=acting_user, action="press.spokesperson_appointed"
    ) as rec:
        entry.full_clean()
        entry.save()
        rec.obj = entry
        rec.details = {
            "says": f"{person.full_name}: {entry.get_basis_display().lower()} "
            f"({entry.resolution_reference}, {format_date(resolved_on)})"
            + (f", on {entry.scope}" if entry.scope else "")
            + "."
        }
    return entry


@locks_row
def do_end_spokesperson(
    entry: Spokesperson,
    *,
    reason: str = "",
    today: datetime.date | None = None,
    acting_user: Person,
) -> Spokesperson:
    day = _today(today)
    _require(access.can_keep_register(acting_user, day), "Only the Clerk keeps the register.")
    if entry.ends_on is not None and entry.ends_on <= day:
        raise ValidationError({"__all__": "This entry has already ended."})
    entry.ends_on, entry.end_reason = day, reason.strip()
    with recording(
        council=entry.council, actor=acting_user, action="press.spokesperson_ended", obj=entry
    ) as rec:
        entry.save()
        rec.details = {
            "says": f"Ended {entry.person.full_name}'s entry on the register"
            + (f": {entry.end_reason}" if entry.end_reason else ".")
        }
    return entry


def _current_entry(person: Person, basis: str, day: datetime.date) -> Spokesperson | None:
    entries: list[Spokesperson] = list(
        Spokesperson.objects.for_council(person.council).filter(person=person, basis=basis)
    )
    return next((e for e in entries if e.is_current_on(day)), None)


# --- media contacts ----------------------------------------------------------------------


def spokesperson_facts(
    person: Person, *, capacity: str, political_comment: bool, day: datetime.date
) -> dict[str, Any]:
    officer = is_officer(person, day)
    facts: dict[str, Any] = {
        "speaker_role": "officer" if officer else member_role(person, day),
        "capacity": "council" if officer else capacity,
        "appointed_by_council": _current_entry(person, Spokesperson.Basis.RESOLUTION, day)
        is not None,
        "officer_authorised": _current_entry(person, Spokesperson.Basis.AUTHORISATION, day)
        is not None,
        "political_comment": political_comment,
    }
    extra, _ = election_facts(person.council, day)
    return {**facts, **extra}


def do_record_media_contact(
    person: Person,
    *,
    capacity: str,
    outlet: str,
    topic: str,
    political_comment: bool = False,
    today: datetime.date | None = None,
    acting_user: Person,
) -> MediaContact:
    """Record that ``person`` speaks to the media; ``press.spokesperson`` says whether they
    may, in the capacity they state, and what they must do."""
    day = _today(today)
    _require(
        acting_user.pk == person.pk or access.is_clerk(acting_user, day),
        "Record your own contact with the media (the Clerk may record anyone's).",
    )
    _require(person.council_id == acting_user.council_id, "That person is not of your council.")
    _require(
        access.can_record_media_contact(person, day),
        "Only officers and serving members speak to the media for the council.",
    )
    errors: dict[str, str] = {}
    if capacity not in CAPACITIES:
        errors["capacity"] = "Choose the capacity you speak in."
    if not outlet.strip():
        errors["outlet"] = "Enter the newspaper, station or journalist."
    if not topic.strip():
        errors["topic"] = "Enter what it is about."
    if errors:
        raise ValidationError(errors)
    facts = spokesperson_facts(
        person, capacity=capacity, political_comment=political_comment, day=day
    )
    decision = decide(person.council, "press.spokesperson", facts, today=day)
    contact = MediaContact(
        council=person.council,
        person=person,
        speaker_role=facts["speaker_role"],
        capacity=facts["capacity"],
        outlet=outlet.strip(),
        topic=topic.strip(),
        political_comment=political_comment,
        contact_on=day,
        decision=summary_of(decision),
        pre_election=bool(facts["pre_election_period"]),
        recorded_by=acting_user,
        rulebook_version=decision.rulebook_version,
    )
    verdict = {
        "allow": "may speak",
        "refuse": "may not speak",
        "put_right": "may speak once they have done what it asks",
        "refer": "should first ask "
        + _the(role_title(person.council, decision.refer_to or "proper_officer")),
    }[decision.outcome]
    with recording(
        council=person.council,
        actor=acting_user,
        action="press.media_contact_recorded",
        citations=citations_of(decision),
        rulebook_version=decision.rulebook_version,
    ) as rec:
        contact.full_clean()
        contact.save()
        rec.obj = contact
        rec.details = {
            "says": f"{person.display_name(day)} ({contact.get_capacity_display().lower()}) "
            f"to {contact.outlet} on {contact.topic}: the protocol says they {verdict}. "
            f"{decision.explanation}",
            "outcome": decision.outcome,
        }
    return contact


# --- media interest ------------------------------------------------------------------------


def ward_councillors_of(ward: Ward, day: datetime.date) -> list[Person]:
    people = {
        a.person
        for a in ward.memberships.filter(role=Role.WARD_COUNCILLOR).select_related("person")
        if a.is_current_on(day) and a.person.is_active
    }
    return sorted(
        (p for p in people if any(r.role == Role.WARD_COUNCILLOR for r in p.roles_on(day))),
        key=lambda p: (p.full_name, p.pk),
    )


def do_record_media_interest(
    officer: Person,
    *,
    matter: str,
    details: str = "",
    outlet: str = "",
    ward: Ward | None = None,
    also_tell: Iterable[Person] = (),
    today: datetime.date | None = None,
    acting_user: Person,
) -> MediaInterest:
    """An officer records media interest in a matter. Where the rulebook asks for members to
    be told (``ward.notification``, event ``media_story``), the ward councillors of the ward
    and the chair of the council are emailed, with any other members the officer chooses;
    who was told is recorded."""
    day = _today(today)
    _require(acting_user.pk == officer.pk, "Officers record media interest themselves.")
    _require(access.can_record_media_interest(officer, day), "Only officers record media interest.")
    errors: dict[str, str] = {}
    if not matter.strip():
        errors["matter"] = "Enter the matter the media are interested in."
    if ward is not None and ward.council_id != officer.council_id:
        errors["ward"] = "Choose a ward of your council."
    extra = list(also_tell)
    if any(p.council_id != officer.council_id or not p.is_councillor_on(day) for p in extra):
        errors["also_tell"] = "Choose serving members of your council."
    if errors:
        raise ValidationError(errors)
    decision = decide_media_story(officer.council, day)
    obligation = ""
    told: dict[int, Person] = {}
    if decision is not None and decision.outcome != "refuse" and decision.obligations:
        obligation = decision.obligations[0][1]
        if ward is not None:
            told.update((p.pk, p) for p in ward_councillors_of(ward, day))
        told.update(
            (p.pk, p)
            for p in holders_of(officer.council, "council_chair", day)
            if p.is_councillor_on(day)
        )
    told.update((p.pk, p) for p in extra)
    record = MediaInterest(
        council=officer.council,
        matter=matter.strip(),
        details=details.strip(),
        outlet=outlet.strip(),
        ward=ward,
        recorded_by=officer,
        recorded_on=day,
        decision=summary_of(decision) if decision is not None else {},
        rulebook_version=decision.rulebook_version if decision is not None else "",
    )
    people = sorted(told.values(), key=lambda p: (p.full_name, p.pk))
    names = ", ".join(p.full_name for p in people) or "nobody"
    if decision is None:
        why = "The council's protocol does not say who must be told of media interest."
    else:
        why = decision.explanation
    with recording(
        council=officer.council,
        actor=acting_user,
        action="press.media_interest_recorded",
        citations=citations_of(decision) if decision is not None else (),
        rulebook_version=record.rulebook_version,
    ) as rec:
        record.full_clean()
        record.save()
        record.members_told.set(people)
        rec.obj = record
        rec.details = {
            "says": f"{officer.full_name} recorded media interest in {record.matter}. {why} "
            f"Told: {names}.",
            "told": [p.pk for p in people],
        }
    notify.media_interest(record, people, obligation)
    return record
