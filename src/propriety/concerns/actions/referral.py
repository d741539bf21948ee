"""Handing a concern to the Monitoring Officer with its record."""

from __future__ import annotations

import datetime
from typing import Any

from propriety.audit.recording import recording
from propriety.audit.timeline import timeline_for
from propriety.concerns import access, notify
from propriety.concerns.actions._common import _names, _require, _stored_clauses, _today
from propriety.concerns.actions._handling import _current_step, _finish_step, _start_step
from propriety.concerns.models import (
    Concern,
    ConcernHandler,
    ConcernNote,
    ConcernStep,
)
from propriety.concerns.routing import (
    MONITORING_OFFICER,
    decide_for,
)
from propriety.councils.locking import locks_row
from propriety.councils.protocol import citations_of, role_title, summary_of, the
from propriety.people.models import Person

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
