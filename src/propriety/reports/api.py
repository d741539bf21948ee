"""``/api/v1/reports``: written report requests (``report.request``) and acting Proper
Officer arrangements (``proper_officer.acting``). Thin, like the views."""

from __future__ import annotations

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest
from django.utils import timezone
from ninja import Field, Query, Router, Schema, Status

from propriety.api.auth import current_person
from propriety.api.paging import Paged, PageIn, list_query, paged
from propriety.api.schemas import (
    ERRORS,
    READ_ERRORS,
    DecisionOut,
    PersonRef,
    PlausibleDate,
    TimelineEntryOut,
    decision_out,
    person_ref,
    timeline_out,
)
from propriety.people.models import Person
from propriety.reports import access
from propriety.reports.acting import do_record_acting_arrangement
from propriety.reports.actions import do_request_report, do_respond_to_report_request
from propriety.reports.listing import (
    ACTING_FILTERS,
    ACTING_SORTS,
    REPORT_FILTERS,
    REPORT_SORTS,
    sorted_arrangements,
    sorted_reports,
)
from propriety.reports.models import ActingArrangement, ReportRequest
from propriety.web.list_controls import controls_from, described

router = Router(tags=["written reports and acting Proper Officer"])


class ReportIn(Schema):
    subject: str = Field(description="What the report is about.")
    for_body: str = Field(description="`council`, `committee` or `member_alone`.")
    details: str = Field("", description="What it should cover.")


class RespondIn(Schema):
    provide: bool = Field(description="Provide the report (true) or decline (false).")
    report_text: str = Field("", description="The report: facts, options and their merits.")
    recommendation: str = Field("", description="The officer's recommendation, if any.")
    reasons: str = Field("", description="Reasons for declining.")


class ReportOut(Schema):
    id: int = Field(description="Its id, for the paths that take one.")
    reference: str = Field(description="The council's reference for it.")
    subject: str = Field(description="What the report is about.")
    for_body: str = Field(
        description="Who the report is for: `council`, `committee` or `member_alone`."
    )
    details: str = Field(description="Anything else passed on.")
    requested_by: PersonRef = Field(description="Who asked.")
    requested_on: datetime.date = Field(description="The day they asked.")
    status: str = Field(description="Where it has got to.")
    report: str = Field(description="The report, once provided.")
    recommendation: str = Field(description="The officer's recommendation, if any.")
    reasons: str = Field(description="The reasons given for the decision.")
    responded_by: PersonRef | None = Field(description="Who responded; null until then.")
    decision: DecisionOut = Field(description="The protocol's answer and its clauses.")
    timeline: list[TimelineEntryOut] = Field(description="Everything that happened, oldest first.")


def report_out(r: ReportRequest) -> ReportOut:
    return ReportOut(
        id=r.pk,
        reference=r.reference,
        subject=r.subject,
        for_body=r.for_body,
        details=r.details,
        requested_by=PersonRef(id=r.requested_by.pk, name=r.requested_by.full_name),
        requested_on=r.requested_on,
        status=r.status,
        report=r.report,
        recommendation=r.recommendation,
        reasons=r.reasons,
        responded_by=person_ref(r.responded_by),
        decision=decision_out(r.decision),
        timeline=timeline_out(r),
    )


class ReportListQuery(list_query("ReportListQuery", described(REPORT_FILTERS), REPORT_SORTS)):  # type: ignore[misc]
    """The list's filters and order, as its page offers them."""


@router.get("", response={200: Paged[ReportOut], **READ_ERRORS}, summary="Report requests")
def list_reports(
    request: HttpRequest, query: Query[ReportListQuery], paging: Query[PageIn]
) -> Paged[ReportOut]:
    """Your requests for written reports, and those the protocol sends to you to answer. Open
    ones first, then the rest newest first; paged, with the total `count`."""
    controls = controls_from(query.dict(), REPORT_FILTERS, REPORT_SORTS, strict=True)
    rows = controls.apply(access.reports_visible_to(current_person(request)))
    rows = sorted_reports(rows, controls.sort)
    return paged(rows, paging, report_out)


@router.post("", response={201: ReportOut, **ERRORS}, summary="Ask for a written report")
def create_report(request: HttpRequest, payload: ReportIn) -> Status[Schema]:
    """A serving member asks the Proper Officer for a written report; the rulebook says whether they may and what it contains (Ludlow §4.4)."""
    person = current_person(request)
    if not access.may_request(person):
        raise PermissionDenied("Serving members ask for written reports themselves.")
    report = do_request_report(
        person,
        subject=payload.subject,
        for_body=payload.for_body,
        details=payload.details,
        acting_user=person,
    )
    return Status(201, report_out(report))


class ActingIn(Schema):
    councillor_id: int = Field(description="The councillor who acts (id).")
    starts_on: PlausibleDate = Field(description="The first day they act.")
    ends_on: PlausibleDate | None = Field(None, description="The last day they act, if set.")
    reason: str = Field(description="Why (for example, a vacancy).")
    paid: bool = Field(False, description="They are paid for it.")
    short_term: bool = Field(
        True, description="It is short term while the council fills a vacancy."
    )
    capacity_clear: bool = Field(
        False, description="It is clear when they act as councillor and when as Proper Officer."
    )


class ActingOut(Schema):
    id: int = Field(description="Its id, for the paths that take one.")
    reference: str = Field(description="The council's reference for it.")
    councillor: PersonRef = Field(description="The councillor acting as Proper Officer.")
    starts_on: datetime.date = Field(description="The first day they act.")
    ends_on: datetime.date | None = Field(description="The last day they act, if set.")
    reason: str = Field(description="Why (for example, a vacancy).")
    paid: bool = Field(description="They are paid for it.")
    short_term: bool = Field(description="It is short term while the council fills a vacancy.")
    capacity_clear: bool = Field(
        description="It is clear when they act as councillor and when as Proper Officer."
    )
    allowed: bool = Field(description="Whether the protocol allows the arrangement.")
    decision: DecisionOut = Field(description="The protocol's answer and its clauses.")
    timeline: list[TimelineEntryOut] = Field(description="Everything that happened, oldest first.")


def acting_out(a: ActingArrangement) -> ActingOut:
    return ActingOut(
        id=a.pk,
        reference=a.reference,
        councillor=PersonRef(id=a.councillor.pk, name=a.councillor.full_name),
        starts_on=a.starts_on,
        ends_on=a.ends_on,
        reason=a.reason,
        paid=a.paid,
        short_term=a.short_term,
        capacity_clear=a.capacity_clear,
        allowed=a.allowed,
        decision=decision_out(a.decision),
        timeline=timeline_out(a),
    )


class ActingListQuery(list_query("ActingListQuery", described(ACTING_FILTERS), ACTING_SORTS)):  # type: ignore[misc]
    """The list's filters and order, as its page offers them."""


@router.get(
    "/acting-proper-officer",
    response={200: Paged[ActingOut], **READ_ERRORS},
    summary="Councillors acting as Proper Officer",
)
def list_acting(
    request: HttpRequest, query: Query[ActingListQuery], paging: Query[PageIn]
) -> Paged[ActingOut]:
    """Every recorded arrangement for a councillor to act as Proper Officer (public to the council). Those acting now first, then the rest newest first; paged, with the total `count`."""
    controls = controls_from(query.dict(), ACTING_FILTERS, ACTING_SORTS, strict=True)
    rows = controls.apply(access.arrangements_visible_to(current_person(request)))
    today = timezone.localdate()
    return paged(sorted_arrangements(rows, controls.sort, today), paging, acting_out)


@router.post("/acting-proper-officer", response={201: ActingOut, **ERRORS}, summary="Record one")
def create_acting(request: HttpRequest, payload: ActingIn) -> Status[Schema]:
    """The chair of the council or the Proper Officer records it; the rulebook decides."""
    person = current_person(request)
    if not access.can_record_acting(person):
        raise PermissionDenied("The chair of the council or the Proper Officer records these.")
    councillor = Person.objects.for_council(person.council).filter(pk=payload.councillor_id).first()
    if councillor is None:
        raise ValidationError({"councillor_id": "Choose a serving councillor."})
    arrangement = do_record_acting_arrangement(
        person,
        councillor=councillor,
        starts_on=payload.starts_on,
        ends_on=payload.ends_on,
        reason=payload.reason,
        paid=payload.paid,
        short_term=payload.short_term,
        capacity_clear=payload.capacity_clear,
        acting_user=person,
    )
    return Status(201, acting_out(arrangement))


@router.get(
    "/acting-proper-officer/{arrangement_id}",
    response={200: ActingOut, **READ_ERRORS},
    summary="An acting arrangement",
)
def get_acting(request: HttpRequest, arrangement_id: int) -> ActingOut:
    """An acting Proper Officer arrangement and what the protocol says of it."""
    return acting_out(
        access.access_acting_arrangement_by_id(current_person(request), arrangement_id)
    )


@router.get("/{report_id}", response={200: ReportOut, **READ_ERRORS}, summary="A report request")
def get_report(request: HttpRequest, report_id: int) -> ReportOut:
    """A written report request, its decision and the report. 404 if it does not exist or is not yours to see."""
    return report_out(access.access_report_request_by_id(current_person(request), report_id))


@router.post("/{report_id}/respond", response={200: ReportOut, **ERRORS}, summary="Respond")
def respond(request: HttpRequest, report_id: int, payload: RespondIn) -> ReportOut:
    """The Proper Officer provides the report, or declines where the protocol lets them."""
    person = current_person(request)
    report = access.access_report_request_by_id(person, report_id)
    if not access.can_respond(person, report):
        raise PermissionDenied("You do not answer this request.")
    return report_out(
        do_respond_to_report_request(
            report,
            provide=payload.provide,
            report_text=payload.report_text,
            recommendation=payload.recommendation,
            reasons=payload.reasons,
            acting_user=person,
        )
    )
