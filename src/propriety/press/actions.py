"""Every change to press and media records: one transaction, one audit event with its clauses.

The rulebook decides (``press.release``, ``press.spokesperson``,
``ward.notification``); these actions check who may act (PermissionDenied),
check the input (ValidationError naming the field), store the decision and
write a plain-English sentence for the timeline.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError

from propriety.audit.recording import action_day, recording
from propriety.councils.declared import answered, check_answers
from propriety.councils.locking import locked, locks_row
from propriety.councils.models import Council, Ward
from propriety.councils.protocol import citations_of, decide, role_title, summary_of, the
from propriety.people.holders import holders_of, is_officer
from propriety.people.models import Person
from propriety.people.roles import Role
from propriety.press import access, notify
from propriety.press.models import (
    CAPACITIES,
    Election,
    MediaContact,
    MediaInterest,
    PressRelease,
    Spokesperson,
)
from propriety.press.rules import (
    approver_role_of,
    decide_media_story,
    decide_release,
    drafter_role,
    election_facts,
    member_role,
    political_suggestions,
)
from propriety.protocol import Decision, format_date


def _require(allowed: bool, message: str) -> None:
    if not allowed:
        raise PermissionDenied(message)


def _today(today: datetime.date | None) -> datetime.date:
    return action_day(today)


_the = the


def _clauses(decision: Decision) -> str:
    return ", ".join(dict.fromkeys(decision.clauses))


# --- the election timetable --------------------------------------------------------------


def _check_election(
    title: str, notice_of_election: datetime.date | None, polling_day: datetime.date | None
) -> None:
    errors: dict[str, str] = {}
    if not title.strip():
        errors["title"] = "Enter the election, for example “Town council elections 2027”."
    if notice_of_election is None:
        errors["notice_of_election"] = "Enter the date of the notice of election."
    if polling_day is None:
        errors["polling_day"] = "Enter polling day."
    if notice_of_election and polling_day and polling_day < notice_of_election:
        errors["polling_day"] = "Polling day must be on or after the notice of election."
    if errors:
        raise ValidationError(errors)


def _period(notice: datetime.date, polling: datetime.date) -> str:
    return f"from {format_date(notice)} to {format_date(polling)}"


def do_record_election(
    council: Council,
    *,
    title: str,
    notice_of_election: datetime.date | None,
    polling_day: datetime.date | None,
    today: datetime.date | None = None,
    acting_user: Person,
) -> Election:
    """The Clerk records an election: its pre-election period runs from the notice to polling day."""
    day = _today(today)
    _require(
        acting_user.council_id == council.pk, "You may only record your own council's elections."
    )
    _require(access.can_keep_register(acting_user, day), "Only the Clerk records elections.")
    _check_election(title, notice_of_election, polling_day)
    assert notice_of_election is not None and polling_day is not None
    election = Election(
        council=council,
        title=title.strip(),
        notice_of_election=notice_of_election,
        polling_day=polling_day,
        recorded_by=acting_user,
    )
    with recording(council=council, actor=acting_user, action="press.election_recorded") as rec:
        election.full_clean()
        election.save()
        rec.obj = election
        rec.details = {
            "says": f"Recorded {election.title}: the pre-election period runs from the notice "
            f"of election on {format_date(notice_of_election)} to polling day on "
            f"{format_date(polling_day)}."
        }
    return election


@locks_row
def do_change_election(
    election: Election,
    *,
    title: str,
    notice_of_election: datetime.date | None,
    polling_day: datetime.date | None,
    reason: str = "",
    today: datetime.date | None = None,
    acting_user: Person,
) -> Election:
    """The Clerk corrects a recorded election (its title or dates).

    The pre-election period follows the corrected dates from now on: releases
    are asked about on the day they are submitted, approved and published.
    Decisions already made keep the period they were made in.
    """
    day = _today(today)
    _require(
        access.can_change_election(acting_user, election, day),
        "Only the Clerk corrects an election, and not once it is withdrawn.",
    )
    _check_election(title, notice_of_election, polling_day)
    assert notice_of_election is not None and polling_day is not None
    before = {
        "title": election.title,
        "notice_of_election": election.notice_of_election.isoformat(),
        "polling_day": election.polling_day.isoformat(),
    }
    was = _period(election.notice_of_election, election.polling_day)
    new_title = title.strip()
    if (new_title, notice_of_election, polling_day) == (
        election.title,
        election.notice_of_election,
        election.polling_day,
    ):
        raise ValidationError(
            {"__all__": "Nothing to correct: the title and dates are as recorded."}
        )
    old_title = election.title
    election.title = new_title
    election.notice_of_election = notice_of_election
    election.polling_day = polling_day
    says = f"Corrected {old_title}"
    if new_title != old_title:
        says += f" (now {new_title})"
    says += (
        f": the pre-election period runs {_period(notice_of_election, polling_day)} "
        f"(it was recorded as {was})."
    )
    if reason.strip():
        says += f" Reason: {reason.strip()}"
    with recording(
        council=election.council,
        actor=acting_user,
        action="press.election_changed",
        obj=election,
        details={
            "says": says,
            "before": before,
            "after": {
                "title": new_title,
                "notice_of_election": notice_of_election.isoformat(),
                "polling_day": polling_day.isoformat(),
            },
            "reason": reason.strip(),
        },
    ):
        election.full_clean()
        election.save(update_fields=["title", "notice_of_election", "polling_day"])
    return election


@locks_row
def do_withdraw_election(
    election: Election,
    *,
    reason: str,
    today: datetime.date | None = None,
    acting_user: Person,
) -> Election:
    """The Clerk withdraws an election recorded in error or countermanded.

    It stays on the timetable, marked withdrawn, and no longer makes a
    pre-election period.
    """
    day = _today(today)
    _require(
        access.can_change_election(acting_user, election, day),
        "Only the Clerk withdraws an election, and only once.",
    )
    if not reason.strip():
        raise ValidationError({"reason": "Say why the election is withdrawn."})
    election.withdrawn_on = day
    election.withdrawn_by = acting_user
    election.withdrawal_reason = reason.strip()
    with recording(
        council=election.council,
        actor=acting_user,
        action="press.election_withdrawn",
        obj=election,
        details={
            "says": f"Withdrew {election.title}: it no longer makes a pre-election period "
            f"(it ran {_period(election.notice_of_election, election.polling_day)}). "
            f"Reason: {election.withdrawal_reason}",
            "reason": election.withdrawal_reason,
        },
    ):
        election.save(update_fields=["withdrawn_on", "withdrawn_by", "withdrawal_reason"])
    return election


# --- press releases ------------------------------------------------------------------------

_RELEASE_FIELDS = (
    "on_behalf_of_council",
    "about_dispute",
    "about_major_planning",
    "about_court",
    "about_individual_complaint",
    "political_content",
    "promotes_party_group",
)


def _check_release(title: str, body: str, kind: str) -> None:
    errors: dict[str, str] = {}
    if not title.strip():
        errors["title"] = "Enter a title for the release."
    if not body.strip():
        errors["body"] = "Enter the text of the release."
    if kind not in PressRelease.Kind.values:
        errors["kind"] = "Choose whether it is a press release or a media statement."
    if errors:
        raise ValidationError(errors)


def do_draft_press_release(
    person: Person,
    *,
    title: str,
    body: str,
    kind: str = PressRelease.Kind.RELEASE,
    on_behalf_of_council: bool = True,
    about_dispute: bool = False,
    about_major_planning: bool = False,
    about_court: bool = False,
    about_individual_complaint: bool = False,
    political_content: bool = False,
    promotes_party_group: bool = False,
    declared: Mapping[str, Any] | None = None,
    today: datetime.date | None = None,
    acting_user: Person,
) -> PressRelease:
    """An officer or a serving member drafts a release; nothing is decided until it is submitted.

    ``declared`` answers the facts the council's rulebook declares for ``press.release``."""
    day = _today(today)
    _require(acting_user.pk == person.pk, "People draft their own press releases.")
    _require(access.can_draft(person, day), "Only officers and serving members draft releases.")
    _check_release(title, body, kind)
    answers = check_answers(person.council, "press.release", declared)
    release = PressRelease(
        council=person.council,
        kind=kind,
        title=title.strip(),
        body=body.strip(),
        drafted_by=person,
        drafter_role=drafter_role(person, day),
        on_behalf_of_council=on_behalf_of_council,
        about_dispute=about_dispute,
        about_major_planning=about_major_planning,
        about_court=about_court,
        about_individual_complaint=about_individual_complaint,
        political_content=political_content,
        promotes_party_group=promotes_party_group,
        declared_facts=answers,
    )
    release.political_suggestions = political_suggestions(person.council, title, body)
    with recording(
        council=person.council, actor=acting_user, action="press.release_drafted"
    ) as rec:
        release.full_clean()
        release.save()
        rec.obj = release
        rec.details = {
            "says": f"{person.display_name(day)} drafted the "
            f"{release.get_kind_display().lower()} “{release.title}”."
        }
    return release


@locks_row
def do_edit_press_release(
    release: PressRelease,
    /,
    *,
    title: str,
    body: str,
    kind: str,
    declared: Mapping[str, Any] | None = None,
    today: datetime.date | None = None,
    acting_user: Person,
    **flags: bool,
) -> PressRelease:
    """The drafter revises a draft, or one sent back to them (``declared``: new answers
    to the council's declared facts; None keeps the ones given before)."""
    day = _today(today)
    _require(access.is_drafter(acting_user, release), "Only the drafter changes a release.")
    _require(
        release.is_editable,
        "A release can only be changed while it is a draft, sent back or blocked.",
    )
    unknown = set(flags) - set(_RELEASE_FIELDS)
    if unknown:
        raise ValidationError({"__all__": f"Unknown fields: {', '.join(sorted(unknown))}."})
    _check_release(title, body, kind)
    if declared is not None:
        release.declared_facts = check_answers(release.council, "press.release", declared)
    release.title, release.body, release.kind = title.strip(), body.strip(), kind
    for name, value in flags.items():
        setattr(release, name, bool(value))
    release.drafter_role = drafter_role(acting_user, day)
    release.political_suggestions = political_suggestions(release.council, title, body)
    with recording(
        council=release.council, actor=acting_user, action="press.release_edited", obj=release
    ) as rec:
        release.full_clean()
        release.save()
        rec.details = {"says": f"{acting_user.display_name(day)} revised the draft."}
    return release


def _decision_says(decision: Decision, approver: str) -> str:
    if decision.outcome == "refuse":
        return f"The protocol does not allow it to go: {decision.explanation}"
    if decision.outcome == "put_right":
        steps = " ".join(text for _, text, _ in decision.obligations)
        return (
            f"The protocol sends it to {_the(approver)} to approve, and it may go once put "
            f"right: {steps}"
        )
    return f"The protocol sends it to {_the(approver)} to approve: {decision.explanation}"


def _apply_decision(release: PressRelease, decision: Decision, election: Election | None) -> None:
    release.decision = summary_of(
        decision, answered(release.council, "press.release", release.declared_facts or {})
    )
    release.rulebook_version = decision.rulebook_version
    release.pre_election = election is not None
    release.election = election


@locks_row
def do_submit_press_release(
    release: PressRelease, *, today: datetime.date | None = None, acting_user: Person
) -> PressRelease:
    """The drafter sends it for approval. ``press.release`` decides whether it may go
    (a refusal blocks it, citing the clause) and who approves it."""
    day = _today(today)
    _require(access.can_submit(acting_user, release), "Only the drafter submits a draft.")
    decision, election = decide_release(release, day)
    _apply_decision(release, decision, election)
    release.submitted_on = day
    release.decided_by, release.decided_on, release.reasons = None, None, ""
    if decision.outcome == "refuse":
        release.status = PressRelease.Status.BLOCKED
        release.approver_role = ""
        action = "press.release_blocked"
        says = _decision_says(decision, "")
    else:
        release.status = PressRelease.Status.AWAITING_APPROVAL
        release.approver_role = approver_role_of(decision)
        action = "press.release_submitted"
        says = _decision_says(decision, role_title(release.council, release.approver_role))
    if election is not None:
        says += f" It falls in the pre-election period for {election.title}."
    with recording(
        council=release.council,
        actor=acting_user,
        action=action,
        obj=release,
        citations=citations_of(decision),
        rulebook_version=decision.rulebook_version,
    ) as rec:
        release.save()
        rec.details = {
            "says": says,
            "outcome": decision.outcome,
            "approver_role": release.approver_role,
            "pre_election": release.pre_election,
            "political_suggestions": release.political_suggestions,
        }
    if release.status == PressRelease.Status.AWAITING_APPROVAL:
        notify.release_submitted(release, access.approvers_of(release, day))
    return release


def _redecide_or_block(
    release: PressRelease, day: datetime.date, acting_user: Person
) -> Decision | None:
    """Ask the rulebook again on the day (a pre-election period may have begun since).
    Returns the decision, or None having blocked the release because it now refuses."""
    decision, election = decide_release(release, day)
    _apply_decision(release, decision, election)
    if decision.outcome != "refuse":
        return decision
    release.status = PressRelease.Status.BLOCKED
    with recording(
        council=release.council,
        actor=acting_user,
        action="press.release_blocked",
        obj=release,
        citations=citations_of(decision),
        rulebook_version=decision.rulebook_version,
    ) as rec:
        release.save()
        rec.details = {"says": _decision_says(decision, ""), "outcome": "refuse"}
    return None


def do_withdraw_press_release(
    release: PressRelease,
    *,
    reason: str = "",
    today: datetime.date | None = None,
    acting_user: Person,
) -> PressRelease:
    """The drafter withdraws a release that has not been published (blocked, waiting,
    approved or still a draft): it stays on the record, marked withdrawn; the reason is in
    its timeline."""
    day = _today(today)
    with locked(release):
        _require(
            access.can_withdraw(acting_user, release),
            "Only the drafter withdraws a release, and only before it is published.",
        )
        was = release.get_status_display().lower()
        release.status = PressRelease.Status.WITHDRAWN
        with recording(
            council=release.council,
            actor=acting_user,
            action="press.release_withdrawn",
            obj=release,
        ) as rec:
            release.save(update_fields=["status", "updated_at"])
            says = f"{acting_user.display_name(day)} withdrew the release (it was {was})"
            rec.details = {"says": says + (f": {reason.strip()}" if reason.strip() else ".")}
    return release


@locks_row
def do_approve_press_release(
    release: PressRelease,
    *,
    reasons: str = "",
    today: datetime.date | None = None,
    acting_user: Person,
) -> PressRelease:
    """The approver the route names approves it; the rulebook is asked again on the day, and
    a release it now refuses is blocked instead (it cannot be approved)."""
    day = _today(today)
    _require(
        access.can_approve(acting_user, release, day),
        "Only the approver the protocol names can approve it, while it waits for approval.",
    )
    decision = _redecide_or_block(release, day, acting_user)
    if decision is None:
        notify.release_decided(release)
        return release
    release.status = PressRelease.Status.APPROVED
    release.decided_by, release.decided_on, release.reasons = acting_user, day, reasons.strip()
    with recording(
        council=release.council,
        actor=acting_user,
        action="press.release_approved",
        obj=release,
        citations=citations_of(decision),
        rulebook_version=decision.rulebook_version,
    ) as rec:
        release.save()
        rec.details = {
            "says": f"{acting_user.full_name} approved it"
            + (f": {release.reasons}" if release.reasons else ".")
        }
    notify.release_decided(release)
    return release


@locks_row
def do_return_press_release(
    release: PressRelease,
    *,
    reasons: str,
    today: datetime.date | None = None,
    acting_user: Person,
) -> PressRelease:
    """The approver sends it back to the drafter, saying why."""
    day = _today(today)
    _require(
        access.can_approve(acting_user, release, day),
        "Only the approver the protocol names can send it back, while it waits for approval.",
    )
    if not reasons.strip():
        raise ValidationError({"reasons": "Say why you are sending it back."})
    release.status = PressRelease.Status.RETURNED
    release.decided_by, release.decided_on, release.reasons = acting_user, day, reasons.strip()
    with recording(
        council=release.council, actor=acting_user, action="press.release_returned", obj=release
    ) as rec:
        release.save()
        rec.details = {"says": f"{acting_user.full_name} sent it back: {release.reasons}"}
    notify.release_decided(release)
    return release


@locks_row
def do_publish_press_release(
    release: PressRelease, *, today: datetime.date | None = None, acting_user: Person
) -> PressRelease:
    """Record that an approved release has gone out (the rulebook is asked once more)."""
    day = _today(today)
    _require(
        access.can_publish(acting_user, release, day),
        "Only an approved release is published, by its drafter, its approver or the Clerk.",
    )
    decision = _redecide_or_block(release, day, acting_user)
    if decision is None:
        return release
    release.status = PressRelease.Status.PUBLISHED
    release.published_on, release.published_by = day, acting_user
    with recording(
        council=release.council,
        actor=acting_user,
        action="press.release_published",
        obj=release,
        citations=citations_of(decision),
        rulebook_version=decision.rulebook_version,
    ) as rec:
        release.save()
        rec.details = {"says": f"{acting_user.full_name} recorded it as published."}
    return release


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
