"""Asking the Proper Officer for a written report, and answering (``report.request``).

Ludlow §4.4: a councillor may ask the Town Clerk for a written report for the
council to consider (§4.4.1); for a committee it is the Town Clerk's call; a report
sets out the facts, the options and their merits, and the Clerk may recommend
(§4.4.2–4.4.3). The rulebook says which; this records it.
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
from propriety.people.holders import holders_of
from propriety.people.models import Person
from propriety.protocol import UnansweredQuestion
from propriety.reports import access
from propriety.reports.models import BODY_LABELS, ReportRequest

QUESTION = "report.request"
_STATUS = {
    "allow": ReportRequest.Status.ACCEPTED,
    "refer": ReportRequest.Status.REFERRED,
    "refuse": ReportRequest.Status.REFUSED,
}


def do_request_report(
    member: Person,
    *,
    subject: str,
    for_body: str,
    details: str = "",
    today: datetime.date | None = None,
    acting_user: Person,
) -> ReportRequest:
    """A member asks the Proper Officer for a written report."""
    day = today or timezone.localdate()
    if acting_user.pk != member.pk or not access.may_request(member, day):
        raise PermissionDenied("Serving members ask for written reports themselves.")
    council = member.council
    errors: dict[str, str] = {}
    if not subject.strip():
        errors["subject"] = "Enter what the report is about."
    elif len(subject.strip()) > 200:
        errors["subject"] = "The subject must be 200 characters or fewer."
    if for_body not in BODY_LABELS:
        errors["for_body"] = "Choose who the report is for."
    if errors:
        raise ValidationError(errors)
    try:
        decision = decide(council, QUESTION, {"for_body": for_body}, today=day)
    except UnansweredQuestion:
        raise ValidationError(
            {"__all__": "The council’s protocol does not say how members ask for written reports."}
        ) from None
    outcome = decision.outcome or "refer"
    handler = decision.refer_to or "proper_officer"
    report = ReportRequest(
        council=council,
        requested_by=member,
        requested_on=day,
        subject=subject.strip(),
        for_body=for_body,
        details=details.strip(),
        status=_STATUS[outcome],
        decision=summary_of(decision),
        handler_role=handler,
        rulebook_version=decision.rulebook_version,
    )
    who = role_title(council, handler)
    clauses = ", ".join(c.clause for c in decision.citations)
    with recording(
        council=council,
        actor=acting_user,
        action="reports.requested",
        citations=citations_of(decision),
        rulebook_version=decision.rulebook_version,
    ) as rec:
        report.full_clean()
        report.save()
        rec.obj = report
        rec.details = {
            "says": f"{member.full_name} asked {who} for a written report on “{report.subject}” "
            f"for {BODY_LABELS[for_body].lower()}: {report.get_status_display().lower()} "
            f"({clauses}). {decision.explanation}",
            "outcome": outcome,
        }
    if outcome != "refuse":
        send(
            holders_of(council, handler, day),
            f"Written report asked for: {report.reference}",
            f"{member.full_name} asks for a written report on “{report.subject}” for "
            f"{BODY_LABELS[for_body].lower()}.\n\n{report.details}\n\n"
            f"The protocol: {decision.explanation} ({clauses})\n",
        )
    return report


def do_respond_to_report_request(
    report: ReportRequest,
    *,
    provide: bool,
    report_text: str = "",
    recommendation: str = "",
    reasons: str = "",
    today: datetime.date | None = None,
    acting_user: Person,
) -> ReportRequest:
    """The Proper Officer provides the report (facts, options, merits; a recommendation if
    they make one), or, where the protocol left it to them, declines with reasons."""
    day = today or timezone.localdate()
    with locked(report):
        if not access.can_respond(acting_user, report, day):
            raise PermissionDenied("Only the Proper Officer answers this request, once.")
        if provide and not report_text.strip():
            raise ValidationError(
                {"report_text": "Write the report: the facts, the options and their merits."}
            )
        if not provide and report.status != ReportRequest.Status.REFERRED:
            raise ValidationError(
                {"provide": "The protocol lets the member have this report: it cannot be declined."}
            )
        if not provide and not reasons.strip():
            raise ValidationError({"reasons": "Give the reasons for declining."})
        report.status = ReportRequest.Status.PROVIDED if provide else ReportRequest.Status.DECLINED
        report.report = report_text.strip() if provide else ""
        report.recommendation = recommendation.strip() if provide else ""
        report.reasons = "" if provide else reasons.strip()
        report.responded_by = acting_user
        report.responded_on = day
        with recording(
            council=report.council,
            actor=acting_user,
            action="reports.provided" if provide else "reports.declined",
            obj=report,
            citations=stored_clauses(report.decision),
            rulebook_version=report.rulebook_version,
            details={
                "says": f"{acting_user.full_name} "
                + ("provided the report." if provide else f"declined: {report.reasons}")
            },
        ):
            report.save(
                update_fields=[
                    "status",
                    "report",
                    "recommendation",
                    "reasons",
                    "responded_by",
                    "responded_on",
                ]
            )
    send(
        [report.requested_by],
        f"Your written report: {report.get_status_display().lower()} ({report.reference})",
        (report.report if provide else f"Reasons: {report.reasons}") + "\n",
    )
    return report
