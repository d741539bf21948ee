"""Members' requests to see documents, and disputes over refusals.

Writes for the access-request workflow, each in one audited transaction with
the clauses behind it. The rulebook's ``document.access`` decision allows,
refuses, or leaves the decision to an officer (need to know is decided by
the officer); ``document.dispute`` routes a refused member's dispute.
Actions on an existing request or dispute lock and re-read it first
(``locked``, see councils/locking.py), so two people deciding at once cannot
both decide.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError

from propriety.audit.recording import action_day, recording
from propriety.correspondence.models import Correspondence
from propriety.councils.declared import answered, check_answers, current_answers
from propriety.councils.locking import locked
from propriety.councils.protocol import citations_of, decide, role_title, summary_of
from propriety.documents import request_access as access
from propriety.documents.models import AccessDispute, AccessRequest, Classification, Document
from propriety.documents.notify import notify_request
from propriety.people.holders import holders_of, is_officer
from propriety.people.models import Person
from propriety.people.roles import COMMITTEE_ROLES
from propriety.protocol import Decision, rulebook

USE_ONLY_FOR_PURPOSE = (
    "You may use this document only for the purpose you gave when you asked for it."
)


def _require(allowed: bool, message: str) -> None:
    if not allowed:
        raise PermissionDenied(message)


def _today(today: datetime.date | None) -> datetime.date:
    return action_day(today)


def access_facts(
    member: Person,
    document: Document,
    *,
    purpose: str,
    justification: str,
    third_party_name: str,
    member_interest: bool,
    data_protection_risk: bool,
    day: datetime.date,
) -> dict[str, Any]:
    """The facts ``document.access`` takes, from the register and the request."""
    committees = {
        r.committee_id
        for r in member.roles_on(day)
        if r.role in COMMITTEE_ROLES and r.committee_id is not None
    }
    meeting_business = bool(
        document.committee_id and document.meeting_date and document.meeting_date >= day
    )
    return {
        "classification": document.classification,
        "exempt_category": str(document.exempt_category) if document.exempt_category else "none",
        "contains_personal_data": document.contains_personal_data
        or document.classification == Classification.PERSONAL_DATA,
        "on_owning_committee": document.committee_id in committees,
        "meeting_business": meeting_business,
        "on_exempt_agenda": meeting_business and document.classification == Classification.EXEMPT,
        "purpose_stated": bool(purpose.strip()),
        "justification_given": bool(justification.strip()),
        "member_interest": member_interest,
        "data_protection_risk": data_protection_risk,
        "on_behalf_of_third_party": bool(third_party_name.strip()),
        "in_public_domain": document.classification == Classification.PUBLIC,
    }


def _facts_for(request: AccessRequest, day: datetime.date, **override: Any) -> dict[str, Any]:
    values: dict[str, Any] = {
        "purpose": request.purpose,
        "justification": request.justification,
        "third_party_name": request.third_party_name,
        "member_interest": request.member_interest,
        "data_protection_risk": request.data_protection_risk,
        **override,
    }
    assert request.document is not None  # correspondence: see recommend()
    answers = current_answers(request.council, "document.access", request.declared_facts or {})
    return {**access_facts(request.member, request.document, day=day, **values), **answers}


def recommend(request: AccessRequest, day: datetime.date, **override: Any) -> Decision:
    """What the rulebook says about this request now (with an officer's findings)."""
    if request.correspondence_id is not None:
        from propriety.correspondence.opening import recommend_opening

        return recommend_opening(request, day, **override)
    return decide(
        request.council, "document.access", _facts_for(request, day, **override), today=day
    )


def handles_access_requests(council: Any) -> bool:
    """Whether the council's rulebook answers ``document.access`` (all five seed rulebooks do; a new one may not)."""
    return "document.access" in rulebook(council.rulebook).questions


def _decider_for(council: Any, role: str, day: datetime.date) -> Person | None:
    people = [p for p in holders_of(council, role, day) if is_officer(p, day)]
    if not people:
        people = holders_of(council, "proper_officer", day)
    return people[0] if people else None


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
            f"giving the purpose “{request.purpose}”. {says}",
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


# --- disputes -----------------------------------------------------------------------


def _dispute_decision(
    council: Any, stage: str, day: datetime.date, subject: str = "document"
) -> Decision:
    return decide(council, "document.dispute", {"stage": stage, "subject": subject}, today=day)


def _subject(request: AccessRequest) -> str:
    """What the dispute is about, for ``document.dispute``."""
    return "correspondence" if request.correspondence_id is not None else "document"


def _handler(decision: Decision) -> str:
    if decision.route is not None:
        return decision.route.now
    return decision.refer_to or "proper_officer"


def do_raise_dispute(
    request: AccessRequest, *, grounds: str, today: datetime.date | None = None, acting_user: Person
) -> AccessDispute:
    """A refused member disputes the refusal; the rulebook says who decides."""
    day = _today(today)
    with locked(request):
        _require(
            request.member_id == acting_user.pk and request.status == AccessRequest.Status.REFUSED,
            "Only the member who was refused can dispute the refusal.",
        )
        if hasattr(request, "dispute"):
            raise ValidationError({"__all__": "This refusal is already disputed."})
        if not grounds.strip():
            raise ValidationError({"grounds": "Say why you think the refusal is wrong."})
        decision = _dispute_decision(request.council, "raised", day, _subject(request))
        role = _handler(decision)
        dispute = AccessDispute(
            council=request.council,
            request=request,
            grounds=grounds.strip(),
            raised_on=day,
            handler_role=role,
            route=summary_of(decision),
        )
        with recording(
            council=request.council,
            actor=acting_user,
            action="access_dispute.raised",
            citations=citations_of(decision),
            rulebook_version=decision.rulebook_version,
        ) as rec:
            dispute.full_clean()
            dispute.save()
            rec.obj = dispute
            rec.details = {
                "says": f"{acting_user.display_name(day)} disputed the refusal: “{dispute.grounds}”. "
                f"It goes to {role_title(request.council, role)}. {decision.explanation}",
                "request": request.pk,
                "handler_role": role,
            }
    notify_request(request, "disputed")
    return dispute


def report_required(dispute: AccessDispute) -> bool:
    """Whether this stage's obligations call for a report (e.g. the MO's, 002 §7.5)."""
    return any("report" in str(ob.get("id", "")) for ob in dispute.route.get("obligations", []))


def refused_by_protocol(request: AccessRequest) -> str:
    """Why a dispute cannot release this request, if the rulebook itself refused it.

    Where the rulebook refuses access outright (e.g. acses-town §10.3(b): exempt
    papers to a member not on the committee), no one deciding a dispute may release
    it: the refusal cites its clause. Where the rulebook left the decision to an
    officer, the decider has discretion, and their recorded reasons go on the case.
    """
    decision = request.recommendation or {}
    if decision.get("outcome") != "refuse":
        return ""
    clauses = ", ".join(dict.fromkeys(str(c["clause"]) for c in decision.get("citations", [])))
    return (
        f"The protocol refuses access to this ({clauses}): {decision.get('explanation', '')} "
        "It cannot be released on a dispute: uphold the refusal."
    ).replace("  ", " ")


def do_decide_dispute(
    dispute: AccessDispute,
    *,
    grant: bool,
    reasons: str,
    report: str = "",
    today: datetime.date | None = None,
    acting_user: Person,
) -> AccessDispute:
    """Whoever the route names records the outcome; granting releases the document."""
    day = _today(today)
    with locked(dispute.request, dispute):
        _require(access.can_decide_dispute(acting_user, dispute, day), "This dispute is not yours.")
        errors: dict[str, str] = {}
        if not reasons.strip():
            errors["reasons"] = "Give the reasons for the decision."
        if report_required(dispute) and not report.strip():
            errors["report"] = "The protocol requires a report at this stage: enter it."
        request = dispute.request
        if grant and (refused := refused_by_protocol(request)):
            errors["grant"] = refused
        if errors:
            raise ValidationError(errors)
        dispute.status = (
            AccessDispute.Status.ACCESS_GRANTED if grant else AccessDispute.Status.REFUSAL_UPHELD
        )
        dispute.reasons = reasons.strip()
        dispute.report = report.strip()
        dispute.decided_by = acting_user
        dispute.decided_on = day
        where = role_title(dispute.council, dispute.handler_role)
        further = ""
        if not grant and dispute.next_roles:
            further = (
                f" The member may take it to {role_title(dispute.council, dispute.next_roles[0])}."
            )
        with recording(
            council=dispute.council,
            actor=acting_user,
            action="access_dispute.decided",
            obj=dispute,
            citations=[
                {"rulebook": c["rulebook"], "clause": c["clause"]}
                for c in dispute.route.get("citations", [])
            ],
            details={
                "says": f"{acting_user.full_name}, for {where}, "
                f"{'granted access' if grant else 'upheld the refusal'}: {dispute.reasons}{further}",
                "grant": grant,
            },
        ):
            dispute.save(
                update_fields=[
                    "status",
                    "reasons",
                    "report",
                    "decided_by",
                    "decided_on",
                    "updated_at",
                ]
            )
            if grant:
                request.status = AccessRequest.Status.RELEASED
                request.determined_by = acting_user
                request.determined_on = day
                request.reasons = f"On dispute: {dispute.reasons}"
                request.save(
                    update_fields=[
                        "status",
                        "determined_by",
                        "determined_on",
                        "reasons",
                        "updated_at",
                    ]
                )
    notify_request(request, "dispute_decided")
    return dispute


def do_take_dispute_further(
    dispute: AccessDispute, *, today: datetime.date | None = None, acting_user: Person
) -> AccessDispute:
    """The member is not satisfied: the dispute goes to the next step of the route."""
    day = _today(today)
    with locked(dispute):
        _require(
            dispute.request.member_id == acting_user.pk and dispute.can_go_further,
            "Only the member can take an upheld refusal further, where the protocol allows it.",
        )
        decision = _dispute_decision(dispute.council, "advised", day, _subject(dispute.request))
        role = _handler(decision)
        before = role_title(dispute.council, dispute.handler_role)
        dispute.stage = AccessDispute.Stage.ADVISED
        dispute.handler_role = role
        dispute.route = summary_of(decision)
        dispute.status = AccessDispute.Status.OPEN
        obligations = " ".join(ob["text"] for ob in decision.as_dict()["obligations"])
        with recording(
            council=dispute.council,
            actor=acting_user,
            action="access_dispute.taken_further",
            obj=dispute,
            citations=citations_of(decision),
            rulebook_version=decision.rulebook_version,
            details={
                "says": f"{acting_user.display_name(day)} was not satisfied with {before}'s view and "
                f"took the dispute to {role_title(dispute.council, role)}. {obligations}".strip(),
                "handler_role": role,
            },
        ):
            dispute.save(update_fields=["stage", "handler_role", "route", "status", "updated_at"])
    notify_request(dispute.request, "disputed")
    return dispute
