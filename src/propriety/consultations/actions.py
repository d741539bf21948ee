"""Every write to the record of delegated actions: one transaction, one audit event with
the clauses of the rulebook's delegated.action answer."""

from __future__ import annotations

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from propriety.audit.recording import recording
from propriety.consultations import access, notify, rules
from propriety.consultations.models import DelegatedAction
from propriety.councils.locking import locked
from propriety.councils.models import Committee, Council
from propriety.councils.protocol import stored_clauses
from propriety.people.holders import holders_of, is_officer
from propriety.people.models import Person
from propriety.protocol import format_date


def _today(today: datetime.date | None) -> datetime.date:
    return today or timezone.localdate()


def do_record_delegation(
    council: Council,
    *,
    resolution_reference: str,
    matter: str,
    officer: Person | None,
    chair: Person | None,
    committee: Committee | None = None,
    details: str = "",
    authorised_on: datetime.date | None = None,
    today: datetime.date | None = None,
    acting_user: Person,
) -> DelegatedAction:
    """An officer records that a committee authorised a named officer to act between
    meetings in consultation with its chair (acses-town §7.4)."""
    day = _today(today)
    if not access.can_record_delegation(acting_user, day) or acting_user.council_id != council.pk:
        raise PermissionDenied("Officers record the action delegated to them.")
    authorised_on = authorised_on or day
    errors: dict[str, str] = {}
    if not resolution_reference.strip():
        errors["resolution_reference"] = "Give the reference of the resolution."
    elif len(resolution_reference.strip()) > 80:
        errors["resolution_reference"] = "The reference must be 80 characters or fewer."
    if not matter.strip():
        errors["matter"] = "Say what the action is."
    elif len(matter.strip()) > 200:
        errors["matter"] = "The matter must be 200 characters or fewer."
    if officer is None or officer.council_id != council.pk or not is_officer(officer, day):
        errors["officer"] = "Choose the officer the resolution names."
    if chair is None or chair.council_id != council.pk or not chair.is_councillor_on(day):
        errors["chair"] = "Choose the chair to be consulted (a serving member)."
    if committee is not None and committee.council_id != council.pk:
        errors["committee"] = "Choose a committee of the council."
    if authorised_on > day:
        errors["authorised_on"] = "The resolution must have been passed by today."
    if errors:
        raise ValidationError(errors)
    assert officer is not None and chair is not None
    action = DelegatedAction(
        council=council,
        committee=committee,
        resolution_reference=resolution_reference.strip(),
        matter=matter.strip(),
        details=details.strip(),
        officer=officer,
        chair=chair,
        authorised_on=authorised_on,
        recorded_by=acting_user,
    )
    answer = rules.ask(action, actor="named_officer", pressure_applied=False, day=day)
    action.decision = answer
    action.rulebook_version = str(answer.get("rulebook_version", ""))
    with recording(
        council=council,
        actor=acting_user,
        action="consultations.delegation_recorded",
        citations=stored_clauses(answer),
        rulebook_version=action.rulebook_version,
    ) as rec:
        action.full_clean()
        action.save()
        rec.obj = action
        rec.details = {
            "says": f"{acting_user.full_name} recorded that {action.resolution_reference} "
            f"authorised {officer.full_name} to act on “{action.matter}” in consultation "
            f"with {chair.full_name}."
        }
    notify.send(
        [p for p in (officer, chair) if p.pk != acting_user.pk],
        f"Action in consultation with the chair: {action.matter}",
        f"{officer.full_name} will take the action on “{action.matter}” after consulting "
        f"{chair.full_name}; the officer decides.\n\n{notify.link(action)}",
    )
    return action


def refusal_for(person: Person, action: DelegatedAction, day: datetime.date) -> str:
    """Why ``person`` may not take the action, citing the clause (empty if they may)."""
    actor = access.actor_of(person, action)
    if actor == "named_officer":
        return ""
    only = f"Only {action.officer.full_name}, the officer the resolution names, takes it."
    if actor == "other_member" and not person.is_councillor_on(day):
        # An officer other than the named one: the clauses that give it to the named officer.
        answer = rules.ask(action, actor="named_officer", pressure_applied=False, day=day)
        clauses = ", ".join(c["clause"] for c in answer.get("citations", []))
        return f"{only} ({clauses})" if clauses else only
    answer = rules.ask(action, actor=actor, pressure_applied=False, day=day)
    if answer.get("outcome") in ("refuse", "refer"):
        clauses = ", ".join(c["clause"] for c in answer.get("citations", []))
        return f"{answer.get('explanation', '')} ({clauses})"
    return only


def do_record_consulted_decision(
    action: DelegatedAction,
    *,
    consulted_on: datetime.date,
    chair_view: str,
    decision_text: str,
    pressure_applied: bool = False,
    today: datetime.date | None = None,
    acting_user: Person,
) -> DelegatedAction:
    """The named officer records whom they consulted, what was said, and their own
    decision. A chair cannot take it (acses-town §7.4): refused, citing the clause."""
    day = _today(today)
    with locked(action):
        refusal = refusal_for(acting_user, action, day)
        if refusal:
            raise PermissionDenied(refusal)
        if action.status != DelegatedAction.Status.AWAITING:
            raise ValidationError({"__all__": "The decision has already been recorded."})
        errors: dict[str, str] = {}
        if consulted_on > day:
            errors["consulted_on"] = "The chair must have been consulted by today."
        elif consulted_on < action.authorised_on:
            errors["consulted_on"] = "The consultation cannot be before the resolution."
        if not chair_view.strip():
            errors["chair_view"] = "Record what the chair said."
        if not decision_text.strip():
            errors["decision_text"] = "Record your decision."
        if errors:
            raise ValidationError(errors)
        answer = rules.ask(
            action, actor="named_officer", pressure_applied=pressure_applied, day=day
        )
        action.status = DelegatedAction.Status.DECIDED
        action.consulted_on = consulted_on
        action.chair_view = chair_view.strip()
        action.pressure_applied = pressure_applied
        action.decision_text = decision_text.strip()
        action.decided_on = day
        action.decision = answer
        action.rulebook_version = str(answer.get("rulebook_version", ""))
        with recording(
            council=action.council,
            actor=acting_user,
            action="consultations.decided",
            obj=action,
            citations=stored_clauses(answer),
            rulebook_version=action.rulebook_version,
            details={
                "says": f"{acting_user.full_name} consulted {action.chair.full_name} on "
                f"{format_date(consulted_on)} and decided: {action.decision_text}"
                + (" The officer recorded that the chair pressed them." if pressure_applied else "")
            },
        ):
            action.save(
                update_fields=[
                    "status",
                    "consulted_on",
                    "chair_view",
                    "pressure_applied",
                    "decision_text",
                    "decided_on",
                    "decision",
                    "rulebook_version",
                ]
            )
    told = [action.chair]
    if pressure_applied:
        told += holders_of(action.council, "proper_officer", day)
    notify.send(
        [p for p in told if p.pk != acting_user.pk],
        f"Decision taken: {action.matter}",
        f"{action.officer.full_name} has taken the decision on “{action.matter}” after "
        f"consulting {action.chair.full_name}.\n\n{notify.link(action)}",
    )
    return action
