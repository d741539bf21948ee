"""Every change to a concern: one transaction, one audit event with its clauses.

A concern follows the council's ``concern.route`` step by step. Raising it
asks the rulebook (stage ``new``) who handles it first; its handler records
what was done and either resolves it or, where the route has a next step,
moves it on (the stage advances, the rulebook is asked again and a new
handler takes it). Where the route leads to the Monitoring Officer, the case
is handed over with its record (``do_refer_to_monitoring_officer``).

There is no action that sanctions a member, and none will be added: a council
has no power to (R (Harvey) v Ledbury Town Council [2018] EWHC 1151 (Admin));
the rulebooks refuse such a request, citing their clause, and raising a
concern that asks for one is refused with it (``ConcernRefused``).
"""

from __future__ import annotations

import datetime
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from propriety.audit.recording import action_day, recording
from propriety.audit.timeline import timeline_for
from propriety.concerns import access, notify
from propriety.concerns.models import (
    DIRECTIONS,
    SERIOUSNESS,
    Concern,
    ConcernHandler,
    ConcernNote,
    ConcernStep,
)
from propriety.concerns.routing import (
    MONITORING_OFFICER,
    PERSONNEL_COMMITTEE,
    decide_for,
    following,
    handler_role_of,
    handlers_for,
    next_roles,
    stored_handler_role,
    subject_is_proper_officer,
)
from propriety.councils.locking import locks_row
from propriety.councils.protocol import citations_of, role_title, summary_of, the
from propriety.people.holders import holders_of, is_officer
from propriety.people.models import Person
from propriety.people.roles import Role
from propriety.protocol import Decision, format_date

_NEXT_STAGE = {"new": "first", "first": "second"}

# Who raises each kind of concern, and whom it may be about.
MEMBER, OFFICER, EITHER = "member", "officer", "either"
RAISED_BY: dict[str, str] = {
    "member_about_officer": MEMBER,
    "officer_about_member": OFFICER,
    "disagreement": EITHER,
    "grievance": OFFICER,
    "code_of_conduct": EITHER,
    "breach_by_officer": EITHER,
}
ABOUT: dict[str, str | None] = {
    "member_about_officer": OFFICER,
    "officer_about_member": MEMBER,
    "disagreement": EITHER,
    "grievance": None,  # may name someone, need not
    "code_of_conduct": MEMBER,
    "breach_by_officer": OFFICER,
}


class ConcernRefused(Exception):
    """The rulebook refuses the concern as raised; ``decision`` cites the clause."""

    def __init__(self, decision: Decision) -> None:
        super().__init__(decision.explanation)
        self.decision = decision


def _require(allowed: bool, message: str) -> None:
    if not allowed:
        raise PermissionDenied(message)


def _today(today: datetime.date | None) -> datetime.date:
    return action_day(today)


def _is_member(person: Person, day: datetime.date) -> bool:
    return person.is_councillor_on(day)


def _kind(person: Person, day: datetime.date) -> str | None:
    if _is_member(person, day):
        return MEMBER
    if is_officer(person, day):
        return OFFICER
    return None


def _names(people: list[Person]) -> str:
    names = [p.full_name for p in people]
    if len(names) <= 1:
        return "".join(names) or "nobody yet"
    return ", ".join(names[:-1]) + " and " + names[-1]


def _who(concern: Concern, role: str, people: list[Person]) -> str:
    title = the(role_title(concern.council, role))
    return f"{title} ({_names(people)})" if people else title


def _stored_clauses(concern: Concern) -> list[dict[str, str]]:
    return [
        {"rulebook": c["rulebook"], "clause": c["clause"]}
        for c in concern.route.get("citations", [])
    ]


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


def _start_step(
    concern: Concern, number: int, stored: dict[str, Any], day: datetime.date
) -> tuple[ConcernStep, list[Person]]:
    """Create the step for a stored decision and its handlers (inside the caller's recording)."""
    named = stored_handler_role(stored)
    role, people = handlers_for(
        concern.council, named, raised_by=concern.raised_by, about=concern.about, day=day
    )
    if role != named:
        # Nobody who may handle it holds the role the rulebook names (it was raised by them,
        # or is about them): the council as employer deals with it instead.
        if _holds(concern, named, concern.raised_by, day):
            reason = f"{concern.raised_by.full_name}, who would otherwise deal with it, raised it"
        elif concern.about is not None:
            reason = (
                f"{concern.about.full_name}, who would otherwise deal with it, is the person "
                "it is about"
            )
        else:
            reason = "nobody else holds that role"
        stored = {
            **stored,
            "stand_in": {
                "for": {"role": named, "title": role_title(concern.council, named)},
                "why": f"The protocol names {the(role_title(concern.council, named))}. "
                f"{reason}, so the council as employer deals with it through "
                f"{the(role_title(concern.council, role))} instead.",
            },
        }
    step = ConcernStep(
        council=concern.council,
        concern=concern,
        number=number,
        stage=concern.stage,
        handler_role=role,
        route=stored,
        started_on=day,
    )
    step.save()
    for person in people:
        ConcernHandler(council=concern.council, step=step, person=person).save()
    concern.handler_role = role
    concern.route = stored
    concern.rulebook_version = str(stored.get("rulebook_version", ""))
    return step, people


def _holds(concern: Concern, role: str, person: Person, day: datetime.date) -> bool:
    return any(p.pk == person.pk for p in holders_of(concern.council, role, day))


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
    today: datetime.date | None = None,
    acting_user: Person,
) -> Concern:
    """Raise a concern; the rulebook says who handles it first, or refuses it citing its
    clause (a request that the council sanction a member is always refused)."""
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
        step, people = _start_step(concern, 1, summary_of(decision), day)
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


def _took_part(
    concern: Concern,
    step: ConcernStep,
    handlers: list[Person],
    acting_user: Person,
    took_part: list[Person] | None,
    day: datetime.date,
) -> list[Person]:
    """Who took part in the step; a personnel matter is never dealt with by the chair alone."""
    chosen = {p.pk: p for p in (took_part or [])}
    chosen[acting_user.pk] = acting_user
    handler_ids = {p.pk for p in handlers}
    if any(pk not in handler_ids for pk in chosen):
        raise ValidationError({"took_part": "Choose people who handle this step."})
    people = list(chosen.values())
    if step.handler_role == PERSONNEL_COMMITTEE:
        _require(
            any(r.role == Role.PERSONNEL_COMMITTEE_MEMBER for r in acting_user.roles_on(day)),
            "Only the personnel committee's members deal with this.",
        )
        if len(people) == 1 and any(r.role == Role.COUNCIL_CHAIR for r in people[0].roles_on(day)):
            clauses = [
                ", ".join(o.get("clauses", []))
                for o in concern.route.get("obligations", [])
                if o.get("id") == "chair-not-alone"
            ]
            cite = f" ({clauses[0]})" if clauses and clauses[0] else ""
            raise ValidationError(
                {
                    "took_part": "The chair must not deal with a personnel matter alone: record "
                    f"the other members of the personnel committee who took part{cite}."
                }
            )
    return people


def _finish_step(
    step: ConcernStep,
    *,
    result: str,
    done: str,
    acting_user: Person | None,
    took_part: list[Person],
    day: datetime.date,
) -> None:
    step.result = result
    step.done = done
    step.ended_on = day
    step.recorded_by = acting_user
    step.save(update_fields=["result", "done", "ended_on", "recorded_by"])
    ids = {p.pk for p in took_part}
    for handler in ConcernHandler.objects.for_council(step.council).filter(step=step):
        if handler.person_id in ids:
            handler.took_part = True
            handler.save(update_fields=["took_part"])


def _current_step(concern: Concern) -> ConcernStep:
    step = concern.current_step()
    if step is None:  # pragma: no cover - every concern starts with a step
        raise ValidationError({"__all__": "This concern has no step to record."})
    return step


@locks_row
def do_resolve_concern(
    concern: Concern,
    *,
    done: str,
    outcome: str,
    took_part: list[Person] | None = None,
    today: datetime.date | None = None,
    acting_user: Person,
) -> Concern:
    """The handler records what was done at this step and that it resolved the concern."""
    day = _today(today)
    _require(
        access.can_record_step(acting_user, concern),
        "Only whoever handles this step records it.",
    )
    errors = {}
    if not done.strip():
        errors["done"] = "Say what was done at this step."
    if not outcome.strip():
        errors["outcome"] = "Say how it was resolved."
    if errors:
        raise ValidationError(errors)
    step = _current_step(concern)
    people = _took_part(
        concern, step, access.handlers_of(concern, step), acting_user, took_part, day
    )
    concern.status = Concern.Status.RESOLVED
    concern.outcome = outcome.strip()
    concern.finished_on = day
    with recording(
        council=concern.council,
        actor=acting_user,
        action="concern.resolved",
        obj=concern,
        citations=_stored_clauses(concern),
        rulebook_version=concern.rulebook_version,
        details={
            "says": f"{_names(people)} recorded what was done: “{done.strip()}”. "
            f"Resolved: “{outcome.strip()}”",
            "step": step.number,
            "took_part": [p.pk for p in people],
        },
    ):
        _finish_step(
            step,
            result=ConcernStep.Result.RESOLVED,
            done=done.strip(),
            acting_user=acting_user,
            took_part=people,
            day=day,
        )
        concern.save(update_fields=["status", "outcome", "finished_on", "updated_at"])
    notify.concern_resolved(concern)
    return concern


@locks_row
@locks_row
def do_move_concern_on(
    concern: Concern,
    *,
    done: str,
    took_part: list[Person] | None = None,
    today: datetime.date | None = None,
    acting_user: Person,
) -> Concern:
    """Not resolved at this step: take it to the next one the route names.

    The stage advances and the rulebook is asked again, so the new step has its
    own handler, guidance and clauses. Where the next step is the Monitoring
    Officer, the case is handed over with its record instead.
    """
    day = _today(today)
    _require(
        access.can_record_step(acting_user, concern) and concern.is_open,
        "Only whoever handles this step records it.",
    )
    if not access.can_move_on(concern):
        raise ValidationError(
            {
                "__all__": "The protocol sets no further step: record how it was resolved, "
                "or close it."
            }
        )
    if not done.strip():
        raise ValidationError({"done": "Say what was done at this step."})
    step = _current_step(concern)
    people = _took_part(
        concern, step, access.handlers_of(concern, step), acting_user, took_part, day
    )
    if next_roles(concern.route)[0] == MONITORING_OFFICER:
        with recording(
            council=concern.council,
            actor=acting_user,
            action="concern.moved_on",
            obj=concern,
            citations=_stored_clauses(concern),
            rulebook_version=concern.rulebook_version,
            details={
                "says": f"{_names(people)} recorded what was done: “{done.strip()}”. "
                "Not resolved: the next step is the Monitoring Officer.",
                "step": step.number,
                "took_part": [p.pk for p in people],
            },
        ):
            _finish_step(
                step,
                result=ConcernStep.Result.REFERRED,
                done=done.strip(),
                acting_user=acting_user,
                took_part=people,
                day=day,
            )
        _refer(concern, day, acting_user, reason=done.strip())
        return concern
    previous = concern.route
    concern.stage = _NEXT_STAGE[concern.stage]
    decision = decide_for(concern, concern.stage, day)
    stored = summary_of(decision)
    if handler_role_of(decision) == stored_handler_role(previous) != next_roles(previous)[0]:
        stored = following(previous, stored)
    with recording(
        council=concern.council,
        actor=acting_user,
        action="concern.moved_on",
        obj=concern,
        citations=[{"rulebook": c["rulebook"], "clause": c["clause"]} for c in stored["citations"]],
        rulebook_version=decision.rulebook_version,
    ) as rec:
        _finish_step(
            step,
            result=ConcernStep.Result.MOVED_ON,
            done=done.strip(),
            acting_user=acting_user,
            took_part=people,
            day=day,
        )
        new_step, handlers = _start_step(concern, step.number + 1, stored, day)
        concern.save(
            update_fields=["stage", "handler_role", "route", "rulebook_version", "updated_at"]
        )
        rec.details = {
            "says": f"{_names(people)} recorded what was done: “{done.strip()}”. Not resolved: "
            f"the protocol now sends it to {_who(concern, new_step.handler_role, handlers)}. "
            f"{stored['explanation']}",
            "step": new_step.number,
            "stage": concern.stage,
            "handler_role": new_step.handler_role,
            "handlers": [p.pk for p in handlers],
            "took_part": [p.pk for p in people],
        }
    notify.concern_arrived(concern, handlers)
    return concern


# --- the Monitoring Officer --------------------------------------------------------------


def referral_record(
    concern: Concern, *, referred_by: Person | None, day: datetime.date
) -> dict[str, Any]:
    """The record handed to the Monitoring Officer: the case, its steps, notes and history."""
    council = concern.council
    steps = []
    for step in ConcernStep.objects.for_council(council).filter(concern=concern):
        handlers = list(
            ConcernHandler.objects.for_council(council).filter(step=step).select_related("person")
        )
        steps.append(
            {
                "number": step.number,
                "stage": step.stage,
                "handler_role": step.handler_role,
                "handled_by": the(role_title(council, step.handler_role)),
                "handlers": [h.person.full_name for h in handlers],
                "took_part": [h.person.full_name for h in handlers if h.took_part],
                "started_on": step.started_on.isoformat(),
                "ended_on": step.ended_on.isoformat() if step.ended_on else None,
                "done": step.done,
                "result": step.get_result_display(),
                "clauses": [c["clause"] for c in step.route.get("citations", [])],
            }
        )
    notes = [
        {"author": n.author.full_name, "added_on": n.added_on.isoformat(), "text": n.text}
        for n in ConcernNote.objects.for_council(council)
        .filter(concern=concern)
        .select_related("author")
    ]
    history = [
        {
            "occurred_at": e.event.occurred_at.isoformat(),
            "actor": e.actor_name,
            "says": e.says,
            "clauses": list(e.clauses),
        }
        for e in timeline_for(concern)
    ]
    return {
        "reference": concern.reference,
        "council": council.name,
        "principal_council": council.principal_council_name or council.name,
        "rulebook": council.rulebook,
        "rulebook_version": concern.rulebook_version,
        "referred_on": day.isoformat(),
        "referred_by": referred_by.full_name if referred_by else "",
        "kind": concern.direction_label,
        "direction": concern.direction,
        "raised_by": concern.raised_by.full_name,
        "about": concern.about.full_name if concern.about else "",
        "raised_on": concern.raised_on.isoformat(),
        "summary": concern.summary,
        "details": concern.details,
        "seriousness": concern.seriousness,
        "formal_written": concern.formal_written,
        "steps": steps,
        "notes": notes,
        "history": history,
    }


def referral_text(record: dict[str, Any]) -> str:
    """The referral record as plain text, for the email and the download."""
    lines = [
        f"{record['reference']}: {record['summary']}",
        f"From {record['council']} to the Monitoring Officer of {record['principal_council']}",
        f"Referred on {record['referred_on']} by {record['referred_by'] or 'Propriety'}",
        "",
        f"Kind: {record['kind']}",
        f"Raised by: {record['raised_by']} on {record['raised_on']}",
        f"About: {record['about'] or 'no one named'}",
        f"Seriousness: {record['seriousness']}",
        "",
        "What happened:",
        record["details"],
        "",
        "Steps:",
    ]
    for step in record["steps"]:
        lines.append(
            f"{step['number']}. {step['handled_by']} ({', '.join(step['handlers']) or 'nobody'}), "
            f"from {step['started_on']}: {step['result']}"
            + (f". Done: {step['done']}" if step["done"] else "")
            + (f" [clauses: {', '.join(step['clauses'])}]" if step["clauses"] else "")
        )
    if record["notes"]:
        lines += ["", "Notes:"]
        lines += [f"- {n['added_on']} {n['author']}: {n['text']}" for n in record["notes"]]
    lines += ["", "History:"]
    lines += [
        f"- {h['occurred_at']} {h['actor']}: {h['says']}"
        + (f" [{', '.join(h['clauses'])}]" if h["clauses"] else "")
        for h in record["history"]
    ]
    return "\n".join(lines) + "\n"


def _refer(
    concern: Concern, day: datetime.date, acting_user: Person | None, *, reason: str
) -> None:
    """Hand the case and its record to the principal council's Monitoring Officer."""
    council = concern.council
    current = concern.current_step()
    decision = decide_for(
        concern, concern.stage, day, direction="code_of_conduct", formal_written=True
    )
    with recording(
        council=council,
        actor=acting_user,
        action="concern.referred_to_monitoring_officer",
        obj=concern,
        citations=citations_of(decision),
        rulebook_version=decision.rulebook_version,
    ) as rec:
        if current is not None and current.handler_role == MONITORING_OFFICER:
            handlers = access.handlers_of(concern, current)
        else:
            number = current.number + 1 if current is not None else 1
            _, handlers = _start_step(concern, number, summary_of(decision), day)
            concern.handler_role = MONITORING_OFFICER
        concern.status = Concern.Status.REFERRED
        concern.referred_on = day
        concern.referral = referral_record(concern, referred_by=acting_user, day=day)
        concern.save(
            update_fields=[
                "status",
                "referred_on",
                "referral",
                "handler_role",
                "route",
                "rulebook_version",
                "updated_at",
            ]
        )
        principal = council.principal_council_name or council.name
        rec.details = {
            "says": f"Handed to the Monitoring Officer of {principal} "
            f"({_names(handlers)}) with the record of the case. {decision.explanation}"
            + (f" Reason: “{reason}”" if reason else ""),
            "handlers": [p.pk for p in handlers],
        }
    notify.concern_referred(concern, handlers)


@locks_row
@locks_row
def do_refer_to_monitoring_officer(
    concern: Concern,
    *,
    reason: str = "",
    today: datetime.date | None = None,
    acting_user: Person,
) -> Concern:
    """The person who raised it, or its handler, hands it to the Monitoring Officer, where
    the route leads there (a formal code-of-conduct complaint; a serious concern about a
    member's conduct)."""
    day = _today(today)
    _require(
        access.can_refer(acting_user, concern),
        "Only the person who raised it or its handler hands it to the Monitoring Officer, "
        "and only where the protocol's route leads there.",
    )
    step = _current_step(concern)
    with recording(
        council=concern.council,
        actor=acting_user,
        action="concern.step_ended",
        obj=concern,
        citations=_stored_clauses(concern),
        rulebook_version=concern.rulebook_version,
        details={
            "says": f"{acting_user.full_name} asked for it to go to the Monitoring Officer"
            + (f": “{reason.strip()}”" if reason.strip() else "."),
            "step": step.number,
        },
    ):
        _finish_step(
            step,
            result=ConcernStep.Result.REFERRED,
            done=reason.strip(),
            acting_user=acting_user,
            took_part=[acting_user] if access.is_current_handler(acting_user, concern) else [],
            day=day,
        )
    _refer(concern, day, acting_user, reason=reason.strip())
    return concern


# --- notes and closing --------------------------------------------------------------------


@locks_row
@locks_row
def do_add_concern_note(
    concern: Concern, *, text: str, today: datetime.date | None = None, acting_user: Person
) -> ConcernNote:
    """Someone who can see the case (a party or a handler) adds a note to it."""
    day = _today(today)
    _require(
        access.concerns_visible_to(acting_user).filter(pk=concern.pk).exists()
        and access.can_add_note(acting_user, concern),
        "Only the people dealing with this concern add notes to it.",
    )
    if not text.strip():
        raise ValidationError({"text": "Enter your note."})
    note = ConcernNote(
        council=concern.council,
        concern=concern,
        author=acting_user,
        text=text.strip(),
        added_on=day,
    )
    with recording(
        council=concern.council,
        actor=acting_user,
        action="concern.note_added",
        obj=concern,
        details={"says": f"{acting_user.full_name} added a note."},
    ):
        note.save()
    return note


@locks_row
@locks_row
def do_close_concern(
    concern: Concern, *, reason: str, today: datetime.date | None = None, acting_user: Person
) -> Concern:
    """The person who raised it (withdrawing it) or its handler closes it, saying why."""
    day = _today(today)
    _require(
        access.can_close(acting_user, concern),
        "Only the person who raised it or its handler closes it.",
    )
    if not reason.strip():
        raise ValidationError({"reason": "Say why it is being closed."})
    step = concern.current_step()
    concern.status = Concern.Status.CLOSED
    concern.outcome = reason.strip()
    concern.finished_on = day
    with recording(
        council=concern.council,
        actor=acting_user,
        action="concern.closed",
        obj=concern,
        citations=_stored_clauses(concern),
        rulebook_version=concern.rulebook_version,
        details={"says": f"{acting_user.full_name} closed it: “{reason.strip()}”"},
    ):
        if step is not None and step.result == ConcernStep.Result.CURRENT:
            _finish_step(
                step,
                result=ConcernStep.Result.CLOSED,
                done=reason.strip(),
                acting_user=acting_user,
                took_part=[acting_user] if access.is_current_handler(acting_user, concern) else [],
                day=day,
            )
        concern.save(update_fields=["status", "outcome", "finished_on", "updated_at"])
    notify.concern_closed(concern)
    return concern


def describe_step_due(concern: Concern) -> str:
    """What happens next, in a sentence (for messages)."""
    if concern.status == Concern.Status.REFERRED and concern.referred_on:
        return f"It was handed to the Monitoring Officer on {format_date(concern.referred_on)}."
    return f"It is with {the(role_title(concern.council, concern.handler_role))}."
