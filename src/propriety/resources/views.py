"""The council resources pages. Thin: parse, access, act, render."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from propriety.audit.timeline import timeline_for
from propriety.people.holders import officers_of
from propriety.people.models import Person
from propriety.protocoltext.scope import answers, scope_of
from propriety.resources import access
from propriety.resources.actions import QUESTION, do_decide_resource_request, do_request_resources
from propriety.resources.forms import ResourceRequestForm
from propriety.resources.listing import COLUMNS, FILTERS, SORTS, sorted_requests
from propriety.resources.models import ResourceRequest
from propriety.web.exports import export_format, export_rows
from propriety.web.forms import DecideForm, add_action_errors
from propriety.web.list_controls import read_controls
from propriety.web.paging import paginate


def _person(request: HttpRequest) -> Person:
    return request.user  # type: ignore[return-value]


@login_required
def request_list(request: HttpRequest) -> HttpResponse:
    person = _person(request)
    today = timezone.localdate()
    controls = read_controls(request, FILTERS, SORTS)
    rows = sorted_requests(
        controls.apply(access.requests_visible_to(person, today)), controls.sort, today
    )
    if fmt := export_format(request):
        return export_rows(rows, COLUMNS, name="resource-requests", fmt=fmt)
    listing = paginate(request, rows, noun="requests")
    return render(
        request,
        "resources/list.html",
        {
            "listing": listing,
            "controls": controls,
            "can_request": access.may_request(person, today),
            "answered": answers(person.council, QUESTION),
            "scope": scope_of(person.council),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def request_new(request: HttpRequest) -> HttpResponse:
    person = _person(request)
    today = timezone.localdate()
    if not access.may_request(person, today):
        raise Http404("Only serving members ask to use council resources.")
    answered = answers(person.council, QUESTION)
    form = ResourceRequestForm(
        request.POST if request.method == "POST" else None,
        officers=officers_of(person.council, today),
    )
    if request.method == "POST" and answered and form.is_valid():
        data = form.cleaned_data
        try:
            record = do_request_resources(
                person,
                kind=data["kind"],
                purpose=data["purpose"],
                description=data["description"],
                needed_on=data["needed_on"],
                commercial_discussion=data["commercial_discussion"],
                officers_present=data["officers_present"],
                officer=data["officer"],
                acting_user=person,
            )
        except ValidationError as exc:
            add_action_errors(form, exc)
        else:
            messages.success(
                request,
                f"{record.reference} recorded. The protocol’s answer: "
                f"{record.get_status_display().lower()}.",
            )
            return redirect("resources:detail", record.pk)
    return render(
        request,
        "resources/new.html",
        {"form": form, "answered": answered, "scope": scope_of(person.council)},
    )


def _detail(
    request: HttpRequest, record: ResourceRequest, form: DecideForm | None = None
) -> HttpResponse:
    person = _person(request)
    return render(
        request,
        "resources/detail.html",
        {
            "record": record,
            "decision": record.decision,
            "can_decide": access.can_decide(person, record),
            "deciders": access.deciders_of(record)
            if record.status == ResourceRequest.Status.REFERRED
            else [],
            "form": form or DecideForm(),
            "timeline": timeline_for(record),
        },
    )


@login_required
def request_detail(request: HttpRequest, resource_id: int) -> HttpResponse:
    return _detail(request, access.access_resource_request_by_id(_person(request), resource_id))


@login_required
@require_POST
def request_decide(request: HttpRequest, resource_id: int) -> HttpResponse:
    person = _person(request)
    record = access.access_resource_request_by_id(person, resource_id)
    if not access.can_decide(person, record):
        raise PermissionDenied("You do not decide this request.")
    form = DecideForm(request.POST)
    if form.is_valid():
        try:
            do_decide_resource_request(
                record,
                allow=form.cleaned_data["allow"],
                reasons=form.cleaned_data["reasons"],
                acting_user=person,
            )
        except ValidationError as exc:
            add_action_errors(form, exc)
        else:
            messages.success(request, f"Decision recorded: {record.get_status_display()}.")
            return redirect("resources:detail", record.pk)
    return _detail(request, record, form)
