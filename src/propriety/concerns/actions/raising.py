"""Raising a concern: who may raise it, about whom, and its first step."""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.utils import timezone

from propriety.audit.recording import recording
from propriety.concerns import notify
from propriety.concerns.actions._common import (
    ABOUT,
    EITHER,
    MEMBER,
    OFFICER,
    RAISED_BY,
    ConcernRefused,
    _kind,
    _require,
    _today,
    _who,
)
from propriety.concerns.actions._handling import _start_step
from propriety.concerns.actions.referral import _refer
from propriety.concerns.models import (
    DIRECTIONS,
    SERIOUSNESS,
    Concern,
)
from propriety.concerns.routing import (
    MONITORING_OFFICER,
    QUESTION,
    answers_kept,
    decide_for,
    handler_role_of,
    subject_is_proper_officer,
)
from propriety.councils.declared import check_answers
from propriety.councils.protocol import citations_of, summary_of
from propriety.people.models import Person


def can_raise(person: Person, direction: str, day: datetime.date | None = None) -> bool:
    """Members raise members' concerns, officers officers'; either may raise the rest."""
    day = day or timezone.localdate()
    kind = _kind(person, day)
    wanted = RAISED_BY.get(direction)
    return kind is not None and wanted is not None and wanted in (kind, EITHER)


def can_raise_any(person: Person, day: datetime.date | None = None) -> bool:
    return _kind(person, day or timezone.localdate()) is not None


def _validate_about(
    raised_by: Person, direction: str, about: Person | None, day: datetime.date
) -> str | None:
    wanted = ABOUT.get(direction)
    if about is None:
        return None if wanted is None else "Choose the person the concern is about."
    if about.council_id != raised_by.council_id:
        return "Choose a person of your council."
    if about.pk == raised_by.pk:
        return "A concern is about someone else."
    kind = _kind(about, day)
    if wanted == MEMBER and kind != MEMBER:
        return "Choose a councillor: this kind of concern is about a councillor."
    if wanted == OFFICER and kind != OFFICER:
        return "Choose an officer: this kind of concern is about an officer."
    if wanted == EITHER:
        mine = _kind(raised_by, day)
        if kind is None or kind == mine:
            return (
                "A disagreement is between a councillor and an officer: choose an officer"
                if mine == MEMBER
                else "A disagreement is between a councillor and an officer: choose a councillor"
            )
    return None


def do_raise_concern(
    raised_by: Person,
    *,
    direction: str,
    about: Person | None,
    summary: str,
    details: str,
    seriousness: str = "minor",
    direct_discussion_inappropriate: bool = False,
    formal_written: bool = False,
    sanction_requested: bool = False,
    declared: Mapping[str, Any] | None = None,
    today: datetime.date | None = None,
    acting_user: Person,
) -> Concern:
    """Raise a concern; the rulebook says who handles it first, or refuses it citing its
    clause (a request that the council sanction a member is always refused).

    ``declared`` answers the facts the council's rulebook declares for ``concern.route``
    (councils.declared): the concern keeps them, every stage is decided with them, and each
    step's decision keeps what was answered."""
    day = _today(today)
    _require(acting_user.pk == raised_by.pk, "People raise their own concerns.")
    _require(can_raise_any(raised_by, day), "Only councillors and officers raise concerns.")
    errors: dict[str, str] = {}
    if direction not in DIRECTIONS:
        errors["direction"] = "Choose what kind of concern this is."
    elif not can_raise(raised_by, direction, day):
        errors["direction"] = (
            "Only a councillor raises this kind of concern."
            if RAISED_BY[direction] == MEMBER
            else "Only an officer raises this kind of concern."
        )
    else:
        problem = _validate_about(raised_by, direction, about, day)
        if problem:
            errors["about"] = problem
    if seriousness not in SERIOUSNESS:
        errors["seriousness"] = "Choose how serious it is."
    if not summary.strip():
        errors["summary"] = "Enter a short summary of the concern."
    if not details.strip():
        errors["details"] = "Say what happened."
    if errors:
        raise ValidationError(errors)
    answers = check_answers(raised_by.council, QUESTION, declared)
    concern = Concern(
        council=raised_by.council,
        direction=direction,
        raised_by=raised_by,
        about=about,
        summary=summary.strip(),
        details=details.strip(),
        seriousness=seriousness,
        subject_is_proper_officer=subject_is_proper_officer(raised_by.council, about, day),
        direct_discussion_inappropriate=direct_discussion_inappropriate,
        formal_written=formal_written,
        declared_facts=answers,
        stage="new",
        raised_on=day,
    )
    decision = decide_for(concern, "new", day, sanction_requested=sanction_requested)
    if decision.outcome == "refuse":
        with recording(
            council=raised_by.council,
            actor=acting_user,
            action="concern.refused",
            obj=raised_by,
            citations=citations_of(decision),
            rulebook_version=decision.rulebook_version,
            details={
                "says": f"Refused a request that the council sanction a member: "
                f"{decision.explanation}",
                "direction": direction,
                "summary": summary.strip(),
                "declared_facts": answers_kept(concern),
            },
        ):
            pass
        raise ConcernRefused(decision)
    with recording(
        council=raised_by.council,
        actor=acting_user,
        action="concern.raised",
        citations=citations_of(decision),
        rulebook_version=decision.rulebook_version,
    ) as rec:
        concern.handler_role = handler_role_of(decision)
        concern.full_clean(exclude=["route", "referral"])
        concern.save()
        step, people = _start_step(concern, 1, summary_of(decision, answers_kept(concern)), day)
        concern.save(update_fields=["handler_role", "route", "rulebook_version", "updated_at"])
        rec.obj = concern
        rec.details = {
            "says": f"{raised_by.full_name} raised the concern. The protocol sends it to "
            f"{_who(concern, step.handler_role, people)}. {decision.explanation}",
            "direction": direction,
            "stage": "new",
            "handler_role": step.handler_role,
            "handlers": [p.pk for p in people],
        }
    if step.handler_role == MONITORING_OFFICER:
        _refer(concern, day, acting_user, reason="The protocol sends it to the Monitoring Officer.")
    else:
        notify.concern_arrived(concern, people)
    return concern
