"""The document register, members' requests to see documents, and disputes.

Views stay thin: access_* functions decide what the signed-in person may see
(404 otherwise), the do_* actions decide what they may do (403 or a
ValidationError naming the field), and these functions parse and render.
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
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from propriety.audit.reads import record_read
from propriety.audit.timeline import timeline_for
from propriety.councils.access import can_set_up
from propriety.councils.protocol import role_title
from propriety.documents.access import (
    access_document_by_id,
    documents_visible_to,
    register_visible_to,
)
from propriety.documents.conflicts import conflict_warnings
from propriety.documents.deadlines import DecideBy, decide_by
from propriety.documents.forms import (
    AllocateForm,
    AskForm,
    DecideDisputeForm,
    DetermineForm,
    DisputeForm,
)
from propriety.documents.models import AccessDispute, AccessRequest, Document
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
    do_request_access,
    do_take_dispute_further,
    do_withdraw_access_request,
    refused_by_protocol,
    report_required,
)
from propriety.people.holders import officers_of
from propriety.people.models import Person
from propriety.web.exports import Column, export_format, export_rows
from propriety.web.forms import add_action_errors
from propriety.web.paging import paginate

STATUS_TAGS = {
    AccessRequest.Status.AWAITING_DECISION: "govuk-tag--blue",
    AccessRequest.Status.RELEASED: "govuk-tag--green",
    AccessRequest.Status.REFUSED: "govuk-tag--red",
    AccessRequest.Status.WITHDRAWN: "govuk-tag--grey",
}


_the = role_title  # the council's words for a role, read in a sentence


def _person(request: HttpRequest) -> Person:
    return request.user  # type: ignore[return-value]


_add_errors = add_action_errors


# --- the register -------------------------------------------------------------------


@dataclass(frozen=True)
class RegisterRow:
    document: Document
    readable: bool
    own_request: AccessRequest | None


@login_required
def document_list(request: HttpRequest) -> HttpResponse:
    """Every entry of the register; the document itself only where the person may read it."""
    person = _person(request)
    today = timezone.localdate()
    readable = set(documents_visible_to(person, today).values_list("pk", flat=True))
    own: dict[int, AccessRequest] = {}
    # Oldest first, so the latest request for each document is the one kept.
    for access_request in (
        access_requests_visible_to(person, today)
        .filter(member=person)
        .order_by("requested_on", "pk")
    ):
        if access_request.document_id is not None:  # not a request to see correspondence
            own[access_request.document_id] = access_request
    register = register_visible_to(person).order_by("-meeting_date", "reference", "pk")
    if fmt := export_format(request):
        return export_rows(register, REGISTER_COLUMNS, name="document-register", fmt=fmt)
    listing = paginate(request, register, noun="documents")
    rows = [
        RegisterRow(document, document.pk in readable, own.get(document.pk))
        for document in listing.items
    ]
    return render(
        request,
        "documents/list.html",
        {
            "rows": rows,
            "listing": listing,
            "is_member": person.is_councillor_on(today),
            "keeper": can_set_up(person),
        },
    )


REGISTER_COLUMNS = (
    Column("Reference", lambda d: d.reference),
    Column("Title", lambda d: d.title),
    Column("Classification", lambda d: d.get_classification_display()),
    Column("Committee", lambda d: d.committee),
    Column("Meeting", lambda d: d.meeting_date),
)


@login_required
def document_detail(request: HttpRequest, document_id: int) -> HttpResponse:
    person = _person(request)
    document = access_document_by_id(person, document_id)
    record_read(person, document)
    released = (
        access_requests_visible_to(person)
        .filter(member=person, document=document, status=AccessRequest.Status.RELEASED)
        .order_by("-determined_on", "-pk")
        .first()
    )
    return render(
        request,
        "documents/detail.html",
        {
            "document": document,
            "released": released,
            "condition": USE_ONLY_FOR_PURPOSE,
            "keeper": can_set_up(person),
        },
    )


def _readable(person: Person, document: Document | None) -> bool:
    if document is None:  # a request to see correspondence (see correspondence/opening.py)
        return False
    try:
        access_document_by_id(person, document.pk)
    except Http404:
        return False
    return True


@login_required
@require_http_methods(["GET", "POST"])
def ask(request: HttpRequest, document_id: int) -> HttpResponse:
    """A member asks to see a document and says why (need to know)."""
    person = _person(request)
    document = register_visible_to(person).filter(pk=document_id).first()
    if document is None:
        raise Http404("No such document.")
    if not person.is_councillor_on(timezone.localdate()):
        raise PermissionDenied("Only a serving member can ask to see a document.")
    form = AskForm(request.POST if request.method == "POST" else None, council=person.council)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            access_request = do_request_access(
                person,
                document,
                purpose=data["purpose"],
                justification=data["justification"],
                third_party_name=data["third_party_name"],
                member_interest=data["member_interest"],
                declared=form.declared_answers(),
                acting_user=person,
            )
        except ValidationError as exc:
            _add_errors(form, exc)
        else:
            _say_outcome(request, access_request)
            return redirect("documents:request", access_request.pk)
    return render(
        request,
        "documents/ask.html",
        {"document": document, "form": form, "readable": _readable(person, document)},
    )


def _clauses(decision: dict[str, Any]) -> str:
    return ", ".join(dict.fromkeys(c["clause"] for c in decision.get("citations", [])))


def _say_outcome(request: HttpRequest, access_request: AccessRequest) -> None:
    decision = access_request.recommendation
    reference = access_request.target_reference
    if access_request.status == AccessRequest.Status.RELEASED:
        messages.success(
            request,
            f"You can now read {reference} ({_clauses(decision)}). {USE_ONLY_FOR_PURPOSE}",
        )
    elif access_request.status == AccessRequest.Status.REFUSED:
        messages.info(
            request,
            f"Refused under {_clauses(decision)}: {decision.get('explanation', '')}",
        )
    else:
        messages.info(request, f"Your request has gone to {_decider(access_request)} to decide.")


# --- requests -----------------------------------------------------------------------


def _decider(access_request: AccessRequest) -> str:
    """Who decides (or decided) the request, in the council's words."""
    if access_request.determined_by is not None:
        return access_request.determined_by.full_name
    if access_request.decider is not None:
        return access_request.decider.full_name
    if access_request.decider_role:
        return _the(access_request.council, access_request.decider_role)
    return "The protocol (automatic)"


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
