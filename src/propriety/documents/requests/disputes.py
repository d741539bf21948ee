"""Disputes over a refused access request: raising, deciding and taking further."""

from __future__ import annotations

import datetime
from typing import Any

from django.core.exceptions import ValidationError

from propriety.audit.recording import recording
from propriety.councils.locking import locked
from propriety.councils.protocol import citations_of, decide, role_title, summary_of
from propriety.documents import request_access as access
from propriety.documents.models import AccessDispute, AccessRequest
from propriety.documents.notify import notify_request
from propriety.documents.requests._common import _require, _today
from propriety.people.models import Person
from propriety.protocol import Decision
from propriety.web.wording import quoted

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
                "says": f"{acting_user.display_name(day)} disputed the refusal: {quoted(dispute.grounds)} "
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
