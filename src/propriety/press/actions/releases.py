"""Press actions on press releases: drafting, submitting, approval, publishing."""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any

from django.core.exceptions import ValidationError

from propriety.audit.recording import recording
from propriety.councils.declared import answered, check_answers
from propriety.councils.locking import locked, locks_row
from propriety.councils.protocol import citations_of, role_title, summary_of
from propriety.people.models import Person
from propriety.press import access, notify
from propriety.press.actions._common import _require, _the, _today
from propriety.press.models import (
    Election,
    PressRelease,
)
from propriety.press.rules import (
    approver_role_of,
    decide_release,
    drafter_role,
    political_suggestions,
)
from propriety.protocol import Decision

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
