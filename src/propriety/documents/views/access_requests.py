"""Members' requests to see documents: the list (with its export), a request's page,
and allocating, deciding, withdrawing and disputing one.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Case, Q, Value, When
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from propriety.audit.reads import record_read
from propriety.audit.timeline import timeline_for
from propriety.documents.conflicts import conflict_warnings
from propriety.documents.deadlines import DecideBy, decide_by
from propriety.documents.forms import (
    AllocateForm,
    DecideDisputeForm,
    DetermineForm,
    DisputeForm,
)
from propriety.documents.models import AccessDispute, AccessRequest
from propriety.documents.request_access import (
    access_access_request_by_id,
    access_requests_visible_to,
    can_decide_dispute,
    can_determine,
    can_manage,
    dispute_of,
)
from propriety.documents.requests import (
    USE_ONLY_FOR_PURPOSE,
    do_allocate_access_request,
    do_decide_dispute,
    do_determine_access_request,
    do_raise_dispute,
    do_take_dispute_further,
    do_withdraw_access_request,
    refused_by_protocol,
    report_required,
)
from propriety.documents.views.common import (
    STATUS_TAGS,
    _add_errors,
    _decider,
    _person,
    _readable,
    _the,
)
from propriety.people.holders import officers_of
from propriety.people.models import Person
from propriety.web.exports import Column, export_format, export_rows
from propriety.web.paging import paginate


@dataclass(frozen=True)
class RequestRow:
    access_request: AccessRequest
    status: str
    tag: str
    decider: str
    decide_by: DecideBy | None = None


def _status(access_request: AccessRequest) -> tuple[str, str]:
    dispute = dispute_of(access_request)
    if dispute is not None and dispute.status == AccessDispute.Status.OPEN:
        return "Disputed", "govuk-tag--yellow"
    label = AccessRequest.Status(access_request.status).label
    return label, STATUS_TAGS[AccessRequest.Status(access_request.status)]


@login_required
def request_list(request: HttpRequest) -> HttpResponse:
    person = _person(request)
    today = timezone.localdate()
    manager = can_manage(person, today)
    waiting_only = manager and request.GET.get("show") == "waiting"
    visible = access_requests_visible_to(person, today).select_related("determined_by")
    if waiting_only:
        visible = visible.filter(
            Q(status=AccessRequest.Status.AWAITING_DECISION)
            | Q(dispute__status=AccessDispute.Status.OPEN)
        )
    # Waiting for a decision first, the longest waiting (so the overdue) at the top.
    visible = visible.annotate(
        _decided=Case(
            When(status=AccessRequest.Status.AWAITING_DECISION, then=Value(0)), default=Value(1)
        )
    ).order_by("_decided", "requested_on", "pk")
    if fmt := export_format(request):
        return export_rows(visible, _request_columns(today), name="access-requests", fmt=fmt)
    listing = paginate(request, visible, noun="access requests")
    rows = [
        RequestRow(r, *_status(r), decider=_decider(r), decide_by=decide_by(r, today))
        for r in listing.items
    ]
    return render(
        request,
        "documents/requests.html",
        {
            "rows": rows,
            "listing": listing,
            "manager": manager,
            "waiting_only": waiting_only,
            "is_member": person.is_councillor_on(today),
            "today": today,
        },
    )


def _request_columns(today: datetime.date) -> tuple[Column, ...]:
    def due(r: AccessRequest) -> datetime.date | None:
        deadline = decide_by(r, today)
        return deadline.day if deadline else None

    return (
        Column("Reference", lambda r: r.reference),
        Column("Asked to see", lambda r: f"{r.target_reference}: {r.target_title}"),
        Column("Member", lambda r: r.member.full_name),
        Column("Status", lambda r: _status(r)[0]),
        Column("Decider", _decider),
        Column("Requested", lambda r: r.requested_on),
        Column("Decide by", due),
        Column("Decided", lambda r: r.determined_on),
    )


def _recommendation_wording(decision: dict[str, Any], to_you: bool) -> str:
    outcome = decision.get("outcome")
    if outcome == "allow":
        return "The protocol gives access: no officer needed to decide."
    if outcome == "refuse":
        return "The protocol refuses access."
    recommendation = decision.get("recommendation")
    if recommendation == "allow":
        return "The protocol recommends release."
    if recommendation == "refuse":
        return "The protocol recommends refusal."
    if to_you:
        return "The protocol leaves it to you without a recommendation."
    return "The protocol leaves it to the deciding officer without a recommendation."


def _render_request(
    request: HttpRequest,
    person: Person,
    access_request: AccessRequest,
    *,
    error_form: forms.Form | None = None,
    **bound: forms.Form,
) -> HttpResponse:
    """The request page; ``bound`` replaces the blank form of the same name (after an error)."""
    today = timezone.localdate()
    council = access_request.council
    dispute = dispute_of(access_request)
    is_member = access_request.member_id == person.pk
    waiting = access_request.status == AccessRequest.Status.AWAITING_DECISION
    may_allocate = can_manage(person, today) and waiting
    may_determine = can_determine(person, access_request, today)
    may_decide_dispute = dispute is not None and can_decide_dispute(person, dispute, today)
    needs_report = dispute is not None and report_required(dispute)
    context: dict[str, Any] = {
        "access_request": access_request,
        "document": access_request.document,
        "correspondence": access_request.correspondence,
        "readable": _readable(person, access_request.document),
        "status": _status(access_request),
        "decider": _decider(access_request),
        "decide_by": decide_by(access_request, today),
        "protocol_refuses": refused_by_protocol(access_request) if may_decide_dispute else "",
        "today": today,
        "decision": access_request.recommendation,
        "wording": _recommendation_wording(access_request.recommendation, may_determine),
        "is_member": is_member,
        "show_body": is_member and access_request.status == AccessRequest.Status.RELEASED,
        "condition": USE_ONLY_FOR_PURPOSE,
        "dispute": dispute,
        "timeline": timeline_for(access_request, *([dispute] if dispute else [])),
        "may_withdraw": is_member and waiting,
        "may_dispute": is_member
        and access_request.status == AccessRequest.Status.REFUSED
        and dispute is None,
        "may_go_further": is_member and dispute is not None and dispute.can_go_further,
        "report_required": needs_report,
        "error_form": error_form,
        "conflict_warnings": conflict_warnings(person, access_request, today),
    }
    if dispute is not None:
        context["handler_title"] = _the(council, dispute.handler_role)
        context["next_title"] = _the(council, dispute.next_roles[0]) if dispute.next_roles else ""
        context["final"] = (
            dispute.status == AccessDispute.Status.REFUSAL_UPHELD and not dispute.next_roles
        )
    if may_allocate:
        context["allocate_form"] = bound.get("allocate_form") or AllocateForm(
            officers=officers_of(council, today)
        )
    if may_determine:
        context["determine_form"] = bound.get("determine_form") or DetermineForm()
    if context["may_dispute"]:
        context["dispute_form"] = bound.get("dispute_form") or DisputeForm()
    if may_decide_dispute:
        context["decide_form"] = bound.get("decide_form") or DecideDisputeForm(
            report_required=needs_report
        )
    return render(request, "documents/request.html", context)


@login_required
def request_detail(request: HttpRequest, request_id: int) -> HttpResponse:
    person = _person(request)
    access_request = access_access_request_by_id(person, request_id)
    record_read(person, access_request)
    return _render_request(request, person, access_request)


def _back(access_request: AccessRequest) -> HttpResponse:
    return redirect("documents:request", access_request.pk)


@login_required
@require_POST
def allocate(request: HttpRequest, request_id: int) -> HttpResponse:
    """The Clerk sends the decision to another officer."""
    person = _person(request)
    access_request = access_access_request_by_id(person, request_id)
    today = timezone.localdate()
    if not can_manage(person, today) or (
        access_request.status != AccessRequest.Status.AWAITING_DECISION
    ):
        raise PermissionDenied("Only the Clerk allocates a request that is waiting.")
    form = AllocateForm(request.POST, officers=officers_of(access_request.council, today))
    if form.is_valid():
        decider = form.chosen()
        try:
            do_allocate_access_request(access_request, decider=decider, acting_user=person)
        except ValidationError as exc:
            _add_errors(form, exc)
        else:
            messages.success(request, f"{decider.full_name} will decide this request.")
            return _back(access_request)
    return _render_request(request, person, access_request, error_form=form, allocate_form=form)


@login_required
@require_POST
def determine(request: HttpRequest, request_id: int) -> HttpResponse:
    """The deciding officer (or the Clerk) releases or refuses, with reasons."""
    person = _person(request)
    access_request = access_access_request_by_id(person, request_id)
    if not can_determine(person, access_request):
        raise PermissionDenied("This decision is not yours.")
    form = DetermineForm(request.POST)
    if form.is_valid():
        release = form.cleaned_data["release"] == "release"
        try:
            do_determine_access_request(
                access_request,
                release=release,
                reasons=form.cleaned_data["reasons"],
                data_protection_risk=form.cleaned_data["data_protection_risk"],
                acting_user=person,
            )
        except ValidationError as exc:
            _add_errors(form, exc)
        else:
            verdict = "released the document" if release else "refused access"
            messages.success(request, f"You have {verdict}. The member has been told.")
            return _back(access_request)
    return _render_request(request, person, access_request, error_form=form, determine_form=form)


@login_required
@require_POST
def withdraw(request: HttpRequest, request_id: int) -> HttpResponse:
    person = _person(request)
    access_request = access_access_request_by_id(person, request_id)
    if not (
        access_request.member_id == person.pk
        and access_request.status == AccessRequest.Status.AWAITING_DECISION
    ):
        raise PermissionDenied("Only the member can withdraw a request that is still waiting.")
    do_withdraw_access_request(access_request, acting_user=person)
    messages.success(request, "You have withdrawn your request.")
    return _back(access_request)


@login_required
@require_POST
def dispute(request: HttpRequest, request_id: int) -> HttpResponse:
    """The refused member disputes the refusal; the rulebook says who decides."""
    person = _person(request)
    access_request = access_access_request_by_id(person, request_id)
    if not (
        access_request.member_id == person.pk
        and access_request.status == AccessRequest.Status.REFUSED
        and dispute_of(access_request) is None
    ):
        raise PermissionDenied("Only the member who was refused can dispute the refusal, once.")
    form = DisputeForm(request.POST)
    if form.is_valid():
        try:
            raised = do_raise_dispute(
                access_request, grounds=form.cleaned_data["grounds"], acting_user=person
            )
        except ValidationError as exc:
            _add_errors(form, exc)
        else:
            who = _the(raised.council, raised.handler_role)
            messages.success(request, f"Your dispute has gone to {who}.")
            return _back(access_request)
    return _render_request(request, person, access_request, error_form=form, dispute_form=form)


@login_required
@require_POST
def dispute_further(request: HttpRequest, request_id: int) -> HttpResponse:
    """The member is not satisfied: the dispute goes to the next step of the route."""
    person = _person(request)
    access_request = access_access_request_by_id(person, request_id)
    current = dispute_of(access_request)
    if current is None or not (access_request.member_id == person.pk and current.can_go_further):
        raise PermissionDenied("There is no further step for this dispute.")
    do_take_dispute_further(current, acting_user=person)
    who = _the(current.council, current.handler_role)
    messages.success(request, f"Your dispute has gone to {who}.")
    return _back(access_request)


@login_required
@require_POST
def dispute_decide(request: HttpRequest, request_id: int) -> HttpResponse:
    """Whoever the route names grants access or upholds the refusal."""
    person = _person(request)
    access_request = access_access_request_by_id(person, request_id)
    current = dispute_of(access_request)
    if current is None or not can_decide_dispute(person, current):
        raise PermissionDenied("This dispute is not yours to decide.")
    form = DecideDisputeForm(request.POST, report_required=report_required(current))
    if form.is_valid():
        grant = form.cleaned_data["grant"] == "grant"
        try:
            do_decide_dispute(
                current,
                grant=grant,
                reasons=form.cleaned_data["reasons"],
                report=form.cleaned_data["report"],
                acting_user=person,
            )
        except ValidationError as exc:
            _add_errors(form, exc)
        else:
            verdict = "granted access" if grant else "upheld the refusal"
            messages.success(request, f"You have {verdict}. The member has been told.")
            return _back(access_request)
    return _render_request(request, person, access_request, error_form=form, decide_form=form)
