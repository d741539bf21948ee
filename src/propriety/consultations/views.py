"""The pages for action taken "in consultation with the chair". Thin: parse, access,
act, render."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from propriety.audit.timeline import timeline_for
from propriety.consultations import access, rules
from propriety.consultations.actions import (
    do_record_consulted_decision,
    do_record_delegation,
    refusal_for,
)
from propriety.consultations.forms import DecisionForm, DelegationForm
from propriety.consultations.listing import COLUMNS, FILTERS, SORTS, sorted_actions
from propriety.consultations.models import DelegatedAction
from propriety.councils.models import Committee
from propriety.councils.protocol import scope_note
from propriety.interests.views import serving_members
from propriety.people.holders import officers_of
from propriety.people.models import Person
from propriety.web.exports import export_format, export_rows
from propriety.web.forms import add_action_errors
from propriety.web.list_controls import read_controls
from propriety.web.paging import paginate


def _person(request: HttpRequest) -> Person:
    return request.user  # type: ignore[return-value]


@login_required
def action_list(request: HttpRequest) -> HttpResponse:
    person = _person(request)
    today = timezone.localdate()
    controls = read_controls(request, FILTERS, SORTS)
    actions = sorted_actions(controls.apply(access.actions_visible_to(person)), controls.sort)
    if fmt := export_format(request):
        return export_rows(actions, COLUMNS, name="delegated-actions", fmt=fmt)
    listing = paginate(request, actions, noun="delegated actions")
    return render(
        request,
        "consultations/list.html",
        {
            "listing": listing,
            "controls": controls,
            "can_record": access.can_record_delegation(person, today),
            "not_answered": scope_note(person.council, rules.QUESTION),
        },
    )


def _delegation_form(person: Person, data: Any = None) -> DelegationForm:
    today = timezone.localdate()
    return DelegationForm(
        data,
        officers=officers_of(person.council, today),
        members=[person, *serving_members(person, today)]
        if person.is_councillor_on(today)
        else serving_members(person, today),
        committees=list(Committee.objects.for_council(person.council)),
    )


@login_required
@require_http_methods(["GET", "POST"])
def action_new(request: HttpRequest) -> HttpResponse:
    person = _person(request)
    today = timezone.localdate()
    if not access.can_record_delegation(person, today):
        raise PermissionDenied("Officers record the action delegated to them.")
    data = request.POST if request.method == "POST" else None
    form = _delegation_form(person, data)
    if data is not None and form.is_valid():
        d = form.cleaned_data
        try:
            action = do_record_delegation(
                person.council,
                committee=d["committee"],
                resolution_reference=d["resolution_reference"],
                matter=d["matter"],
                details=d["details"],
                officer=d["officer"],
                chair=d["chair"],
                authorised_on=d["authorised_on"],
                today=today,
                acting_user=person,
            )
        except ValidationError as exc:
            add_action_errors(form, exc)
        else:
            messages.success(request, f"{action.reference} is recorded.")
            return redirect("consultations:detail", action.pk)
    return render(
        request,
        "consultations/new.html",
        {"form": form, "not_answered": scope_note(person.council, rules.QUESTION)},
    )


def _page(
    request: HttpRequest, person: Person, action: DelegatedAction, form: DecisionForm | None = None
) -> HttpResponse:
    today = timezone.localdate()
    refusal = refusal_for(person, action, today)
    awaiting = action.status == DelegatedAction.Status.AWAITING
    return render(
        request,
        "consultations/detail.html",
        {
            "action": action,
            "decision": action.decision,
            "decision_form": (form or DecisionForm()) if awaiting and not refusal else None,
            "form": form,
            "refusal": refusal if awaiting and action.chair_id == person.pk else "",
            "timeline": timeline_for(action),
        },
    )


@login_required
def action_detail(request: HttpRequest, action_id: int) -> HttpResponse:
    person = _person(request)
    return _page(request, person, access.access_delegated_action_by_id(person, action_id))


@login_required
@require_POST
def action_decide(request: HttpRequest, action_id: int) -> HttpResponse:
    person = _person(request)
    today = timezone.localdate()
    action = access.access_delegated_action_by_id(person, action_id)
    refusal = refusal_for(person, action, today)
    if refusal:
        raise PermissionDenied(refusal)
    form = DecisionForm(request.POST)
    if form.is_valid():
        d = form.cleaned_data
        try:
            do_record_consulted_decision(
                action,
                consulted_on=d["consulted_on"],
                chair_view=d["chair_view"],
                pressure_applied=d["pressure_applied"],
                decision_text=d["decision_text"],
                today=today,
                acting_user=person,
            )
        except ValidationError as exc:
            add_action_errors(form, exc)
        else:
            messages.success(request, f"Your decision on {action.reference} is recorded.")
            return redirect("consultations:detail", action.pk)
    return _page(request, person, action, form)
