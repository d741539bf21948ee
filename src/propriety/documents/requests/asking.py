"""Asking for a document: requesting, allocating, determining and withdrawing."""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError

from propriety.audit.recording import recording
from propriety.correspondence.models import Correspondence
from propriety.councils.declared import answered, check_answers
from propriety.councils.locking import locked
from propriety.councils.protocol import citations_of, role_title, summary_of
from propriety.documents import request_access as access
from propriety.documents.models import AccessRequest, Document
from propriety.documents.notify import notify_request
from propriety.documents.requests._common import (
    _decider_for,
    _require,
    _today,
    handles_access_requests,
    recommend,
)
from propriety.people.holders import is_officer
from propriety.people.models import Person
from propriety.web.wording import quoted


def do_request_access(
    member: Person,
    document: Document | Correspondence,
    *,
    purpose: str,
    justification: str = "",
    third_party_name: str = "",
    member_interest: bool = False,
    declared: Mapping[str, Any] | None = None,
    today: datetime.date | None = None,
    acting_user: Person,
) -> AccessRequest:
    """A member asks to see a document (or correspondence: see correspondence/opening.py).

    ``declared`` answers the facts the council's rulebook declares for document.access."""
    day = _today(today)
    _require(acting_user.pk == member.pk, "Members ask for documents themselves.")
    _require(member.is_councillor_on(day), "Only a serving member can ask to see a document.")
    if document.council_id != member.council_id:
        raise PermissionDenied("That document belongs to another council.")
    if not purpose.strip():
        raise ValidationError({"purpose": "Say what you need the document for."})
    request = AccessRequest(
        council=member.council,
        document=document if isinstance(document, Document) else None,
        correspondence=document if isinstance(document, Correspondence) else None,
        member=member,
        purpose=purpose.strip(),
        justification=justification.strip(),
        third_party_name=third_party_name.strip(),
        member_interest=member_interest,
        requested_on=day,
        declared_facts=check_answers(member.council, "document.access", declared),
    )
    if not handles_access_requests(member.council):
        # Cite or refuse: with no clause to route it by, Propriety takes no request.
        raise ValidationError(
            {
                "__all__": f"{member.council.name}'s protocol does not deal with members' "
                "requests to see documents, so there is no clause to decide this one by. "
                f"Ask {role_title(member.council, 'proper_officer')} directly."
            }
        )
    decision = recommend(request, day)
    request.recommendation = summary_of(
        decision, answered(member.council, "document.access", request.declared_facts)
    )
    request.rulebook_version = decision.rulebook_version
    if decision.outcome == "allow":
        request.status = AccessRequest.Status.RELEASED
        request.determined_on = day
        request.reasons = decision.explanation
        says = f"The protocol gives the member access: {decision.explanation}"
    elif decision.outcome == "refuse":
        request.status = AccessRequest.Status.REFUSED
        request.determined_on = day
        request.reasons = decision.explanation
        says = f"The protocol refuses access: {decision.explanation}"
    else:
        role = decision.refer_to or "proper_officer"
        request.decider_role = role
        request.decider = _decider_for(member.council, role, day)
        who = request.decider.full_name if request.decider else role_title(member.council, role)
        says = (
            f"The protocol leaves the decision to {role_title(member.council, role)}; "
            f"sent to {who} with the recommendation "
            f"“{decision.recommendation or 'none'}”."
        )
    with recording(
        council=member.council,
        actor=acting_user,
        action="access_request.made",
        citations=citations_of(decision),
        rulebook_version=decision.rulebook_version,
    ) as rec:
        request.full_clean()
        request.save()
        rec.obj = request
        rec.details = {
            "says": f"{member.display_name(day)} asked to see {document.reference}, "
            f"giving the purpose {quoted(request.purpose)} {says}",
            "outcome": decision.outcome,
            "recommendation": decision.recommendation,
            "document" if isinstance(document, Document) else "correspondence": document.pk,
        }
    notify_request(request, "made")
    return request


def do_allocate_access_request(
    request: AccessRequest,
    *,
    decider: Person,
    today: datetime.date | None = None,
    acting_user: Person,
) -> AccessRequest:
    """The Clerk sends the decision to another officer (e.g. the manager of the service)."""
    day = _today(today)
    with locked(request):
        _require(access.can_manage(acting_user, day), "Only the Clerk allocates requests.")
        _require(request.status == AccessRequest.Status.AWAITING_DECISION, "It is already decided.")
        if decider.council_id != request.council_id or not is_officer(decider, day):
            raise ValidationError({"decider": "Choose an officer of this council."})
        with recording(
            council=request.council,
            actor=acting_user,
            action="access_request.allocated",
            obj=request,
            citations=_clauses(request),
            details={"says": f"{acting_user.full_name} asked {decider.full_name} to decide."},
        ):
            request.decider = decider
            request.save(update_fields=["decider", "updated_at"])
    notify_request(request, "allocated")
    return request


def _clauses(request: AccessRequest) -> list[dict[str, str]]:
    return [
        {"rulebook": c["rulebook"], "clause": c["clause"]}
        for c in request.recommendation.get("citations", [])
    ]


def do_determine_access_request(
    request: AccessRequest,
    *,
    release: bool,
    reasons: str,
    data_protection_risk: bool | None = None,
    today: datetime.date | None = None,
    acting_user: Person,
) -> AccessRequest:
    """The deciding officer records the determination and the reasons.

    The officer decides need to know; the system only refuses to release
    where a clause refuses on the officer's own findings (fail closed).
    """
    day = _today(today)
    with locked(request):
        _require(access.can_determine(acting_user, request, day), "This decision is not yours.")
        if not reasons.strip():
            raise ValidationError({"reasons": "Give the reasons for your decision."})
        risk = (
            request.data_protection_risk if data_protection_risk is None else data_protection_risk
        )
        decision = recommend(request, day, data_protection_risk=risk)
        if release and decision.outcome == "refuse":
            clauses = ", ".join(decision.clauses)
            raise ValidationError(
                {"release": f"The protocol refuses access here ({clauses}): {decision.explanation}"}
            )
        request.data_protection_risk = risk
        request.status = AccessRequest.Status.RELEASED if release else AccessRequest.Status.REFUSED
        request.determined_by = acting_user
        request.determined_on = day
        request.reasons = reasons.strip()
        verdict = "released the document" if release else "refused access"
        with recording(
            council=request.council,
            actor=acting_user,
            action="access_request.determined",
            obj=request,
            citations=citations_of(decision),
            rulebook_version=decision.rulebook_version,
            details={
                "says": f"{acting_user.full_name} {verdict}: {request.reasons}",
                "release": release,
                "recommendation": decision.recommendation,
                "followed_recommendation": (decision.recommendation == "allow") == release
                if decision.recommendation in ("allow", "refuse")
                else None,
            },
        ):
            request.save(
                update_fields=[
                    "data_protection_risk",
                    "status",
                    "determined_by",
                    "determined_on",
                    "reasons",
                    "updated_at",
                ]
            )
    notify_request(request, "determined")
    return request


def do_withdraw_access_request(
    request: AccessRequest, *, today: datetime.date | None = None, acting_user: Person
) -> AccessRequest:
    with locked(request):
        _require(
            request.member_id == acting_user.pk
            and request.status == AccessRequest.Status.AWAITING_DECISION,
            "Only the member can withdraw a request that is still waiting.",
        )
        with recording(
            council=request.council,
            actor=acting_user,
            action="access_request.withdrawn",
            obj=request,
            details={"says": f"{acting_user.full_name} withdrew the request."},
        ):
            request.status = AccessRequest.Status.WITHDRAWN
            request.save(update_fields=["status", "updated_at"])
    return request
