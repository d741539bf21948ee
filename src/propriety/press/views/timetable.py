"""The election timetable's pages: recording, correcting and withdrawing an election."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from propriety.audit.timeline import timeline_for
from propriety.press import access
from propriety.press.actions import (
    do_change_election,
    do_record_election,
    do_withdraw_election,
)
from propriety.press.forms import (
    ElectionChangeForm,
    ElectionForm,
    ElectionWithdrawForm,
    add_action_errors,
)
from propriety.press.models import Election
from propriety.press.rules import election_on
from propriety.press.views.common import _person


def _elections(request: HttpRequest, *, form: ElectionForm | None = None) -> HttpResponse:
    person = _person(request)
    today = timezone.localdate()
    clerk = access.can_keep_register(person, today)
    return render(
        request,
        "press/elections.html",
        {
            "elections": access.elections_visible_to(person),
            "current": election_on(person.council, today),
            "clerk": clerk,
            "form": form or (ElectionForm() if clerk else None),
        },
    )


@login_required
def elections(request: HttpRequest) -> HttpResponse:
    return _elections(request)


@login_required
@require_POST
def election_new(request: HttpRequest) -> HttpResponse:
    person = _person(request)
    if not access.can_keep_register(person):
        raise PermissionDenied("Only the Clerk records elections.")
    form = ElectionForm(request.POST)
    if form.is_valid():
        try:
            election = do_record_election(person.council, acting_user=person, **form.cleaned_data)
        except ValidationError as exc:
            add_action_errors(form, exc)
        else:
            messages.success(request, f"Recorded {election.title}.")
            return redirect("press:elections")
    return _elections(request, form=form)


def _election_page(
    request: HttpRequest,
    election: Election,
    *,
    change_form: ElectionChangeForm | None = None,
    withdraw_form: ElectionWithdrawForm | None = None,
) -> HttpResponse:
    person = _person(request)
    today = timezone.localdate()
    may_change = access.can_change_election(person, election, today)
    context: dict[str, Any] = {
        "election": election,
        "in_period": election.in_period_on(today),
        "may_change": may_change,
        "timeline": timeline_for(election),
        "errors_of": change_form if change_form is not None and change_form.errors else None,
    }
    if withdraw_form is not None and withdraw_form.errors:
        context["errors_of"] = withdraw_form
    if may_change:
        context["change_form"] = change_form or ElectionChangeForm(
            initial={
                "title": election.title,
                "notice_of_election": election.notice_of_election.isoformat(),
                "polling_day": election.polling_day.isoformat(),
            }
        )
        context["withdraw_form"] = withdraw_form or ElectionWithdrawForm()
    return render(request, "press/election.html", context)


@login_required
def election_detail(request: HttpRequest, election_id: int) -> HttpResponse:
    election = access.access_election_by_id(_person(request), election_id)
    return _election_page(request, election)


@login_required
@require_POST
def election_change(request: HttpRequest, election_id: int) -> HttpResponse:
    person = _person(request)
    election = access.access_election_by_id(person, election_id)
    if not access.can_change_election(person, election):
        raise PermissionDenied("Only the Clerk corrects an election, and not once withdrawn.")
    form = ElectionChangeForm(request.POST)
    if form.is_valid():
        try:
            do_change_election(election, acting_user=person, **form.cleaned_data)
        except ValidationError as exc:
            add_action_errors(form, exc)
        else:
            messages.success(request, f"Corrected {election.title}.")
            return redirect("press:election", election.pk)
    election.refresh_from_db()
    return _election_page(request, election, change_form=form)


@login_required
@require_POST
def election_withdraw(request: HttpRequest, election_id: int) -> HttpResponse:
    person = _person(request)
    election = access.access_election_by_id(person, election_id)
    if not access.can_change_election(person, election):
        raise PermissionDenied("Only the Clerk withdraws an election, and only once.")
    form = ElectionWithdrawForm(request.POST)
    if form.is_valid():
        try:
            do_withdraw_election(election, reason=form.cleaned_data["reason"], acting_user=person)
        except ValidationError as exc:
            add_action_errors(form, exc)
        else:
            messages.success(
                request, f"Withdrew {election.title}: it no longer makes a pre-election period."
            )
            return redirect("press:election", election.pk)
    return _election_page(request, election, withdraw_form=form)
