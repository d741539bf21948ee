"""Asking to use council resources, and deciding a referred request.

``resources.use`` answers; party-political, campaigning and private use is refused
citing the refusing clause (Part 5 §5.1; acses-town §14.3; Ludlow §4.3.1(a),
§4.3.2(h); national model Officers ¶1.15), a commercial discussion without officers
is refused (Part 5 §11.2), council business is allowed, and where the protocol leaves
it to a person the request is referred and that person records the decision with
reasons. Nothing here sanctions anyone: it records and routes.
"""

from __future__ import annotations

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from propriety.audit.recording import recording
from propriety.councils.locking import locked
from propriety.councils.protocol import (
    citations_of,
    decide,
    role_title,
    stored_clauses,
    summary_of,
)
from propriety.enquiries.notify import send
from propriety.people.holders import is_officer
from propriety.people.models import Person
from propriety.protocol import UnansweredQuestion, format_date
from propriety.resources import access
from propriety.resources.models import KIND_LABELS, PURPOSE_LABELS, ResourceRequest

QUESTION = "resources.use"
_STATUS = {
    "allow": ResourceRequest.Status.ALLOWED,
    "refuse": ResourceRequest.Status.REFUSED,
    "refer": ResourceRequest.Status.REFERRED,
}


def do_request_resources(
    member: Person,
    *,
    kind: str,
    purpose: str,
    description: str,
    needed_on: datetime.date | None = None,
    commercial_discussion: bool = False,
    officers_present: bool = False,
    officer: Person | None = None,
    today: datetime.date | None = None,
    acting_user: Person,
) -> ResourceRequest:
    """A member asks to use council resources; the rulebook decides or names who does."""
    day = today or timezone.localdate()
    if acting_user.pk != member.pk or not access.may_request(member, day):
        raise PermissionDenied("Serving members ask to use council resources themselves.")
    council = member.council
    errors: dict[str, str] = {}
    if kind not in KIND_LABELS:
        errors["kind"] = "Choose what you want to use."
    if purpose not in PURPOSE_LABELS:
        errors["purpose"] = "Choose what it is for."
    if not description.strip():
        errors["description"] = "Say what you need and why."
    elif len(description) > 4000:
        errors["description"] = "The description must be 4,000 characters or fewer."
    if officer is not None and (officer.council_id != council.pk or not is_officer(officer, day)):
        errors["officer"] = "Choose an officer of the council, or leave it blank."
    if errors:
        raise ValidationError(errors)
    facts = {
        "purpose": purpose,
        "commercial_discussion": commercial_discussion,
        "officers_present": officers_present,
    }
    try:
        decision = decide(council, QUESTION, facts, today=day)
    except UnansweredQuestion:
        raise ValidationError(
            {"__all__": "The council’s protocol does not say how council resources may be used."}
        ) from None
    outcome = decision.outcome or "refer"
    request = ResourceRequest(
        council=council,
        kind=kind,
        purpose=purpose,
        description=description.strip(),
        needed_on=needed_on,
        commercial_discussion=commercial_discussion,
        officers_present=officers_present,
        officer=officer,
        requested_by=member,
        requested_on=day,
        status=_STATUS[outcome],
        decision=summary_of(decision),
        decider_role=(decision.refer_to or "proper_officer") if outcome == "refer" else "",
        rulebook_version=decision.rulebook_version,
    )
    clauses = ", ".join(c.clause for c in decision.citations)
    if outcome == "refer":
        verdict = f"referred to {role_title(council, request.decider_role)} to decide"
    else:
        verdict = "allowed" if outcome == "allow" else "refused"
    with recording(
        council=council,
        actor=acting_user,
        action="resources.requested",
        citations=citations_of(decision),
        rulebook_version=decision.rulebook_version,
    ) as rec:
        request.full_clean()
        request.save()
        rec.obj = request
        rec.details = {
            "says": f"{member.full_name} asked to use {KIND_LABELS[kind].lower()} for "
            f"{PURPOSE_LABELS[purpose].lower()}: {verdict} under the protocol ({clauses}). "
            f"{decision.explanation}",
            "outcome": outcome,
        }
    if outcome == "refer":
        send(
            access.deciders_of(request, day),
            f"Decide a request to use council resources: {request.reference}",
            f"{member.full_name} asks to use {KIND_LABELS[kind].lower()} "
            f"({PURPOSE_LABELS[purpose].lower()}).\n\n{request.description}\n\n"
            f"The protocol leaves the decision to you ({clauses}): record it with reasons.\n",
        )
    elif officer is not None:
        send(
            [officer],
            f"Request for your help: {request.reference}",
            f"{member.full_name} asked for {KIND_LABELS[kind].lower()}; under the protocol it "
            f"is {verdict} ({clauses}).\n\n{request.description}\n",
        )
    return request


def do_decide_resource_request(
    request: ResourceRequest,
    *,
    allow: bool,
    reasons: str,
    today: datetime.date | None = None,
    acting_user: Person,
) -> ResourceRequest:
    """Whoever the protocol leaves it to decides a referred request, with reasons."""
    day = today or timezone.localdate()
    with locked(request):
        if not access.can_decide(acting_user, request, day):
            raise PermissionDenied("You do not decide this request.")
        if not reasons.strip():
            raise ValidationError({"reasons": "Give the reasons for your decision."})
        request.status = ResourceRequest.Status.ALLOWED if allow else ResourceRequest.Status.REFUSED
        request.decided_by = acting_user
        request.decided_on = day
        request.reasons = reasons.strip()
        with recording(
            council=request.council,
            actor=acting_user,
            action="resources.decided",
            obj=request,
            citations=stored_clauses(request.decision),
            rulebook_version=request.rulebook_version,
            details={
                "says": f"{acting_user.full_name} {'allowed' if allow else 'refused'} the "
                f"request on {format_date(day)}. Reasons: {request.reasons}",
                "allowed": allow,
            },
        ):
            request.save(update_fields=["status", "decided_by", "decided_on", "reasons"])
    send(
        [request.requested_by],
        f"Your request to use council resources was {request.get_status_display().lower()}: "
        f"{request.reference}",
        f"{acting_user.full_name} {request.get_status_display().lower()} your request.\n\n"
        f"Reasons: {request.reasons}\n",
    )
    return request
