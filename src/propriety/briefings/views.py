"""The briefing pages. Thin: parse the form, find the briefing through access.py (404 for
another group's), call the action, render."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from propriety.audit.timeline import timeline_for
from propriety.briefings import access, rules
from propriety.briefings.actions import (
    do_decide_briefing,
    do_link_same_matter,
    do_record_briefing,
    do_request_briefing,
)
from propriety.briefings.forms import DecideForm, RecordForm, RequestForm, SameMatterForm
from propriety.briefings.listing import COLUMNS, SORTS, filters_for, sorted_briefings
from propriety.briefings.models import Briefing
from propriety.councils.protocol import scope_note
from propriety.people.holders import officers_of
from propriety.people.models import Person
from propriety.web.exports import export_format, export_rows
from propriety.web.forms import add_action_errors
from propriety.web.list_controls import read_controls
from propriety.web.paging import paginate


def _person(request: HttpRequest) -> Person:
    return request.user  # type: ignore[return-value]


@login_required
def briefing_list(request: HttpRequest) -> HttpResponse:
    person = _person(request)
    today = timezone.localdate()
    visible = access.briefings_visible_to(person)
    controls = read_controls(request, filters_for(person.council, visible), SORTS)
    briefings = sorted_briefings(controls.apply(visible), controls.sort, today)
    if fmt := export_format(request):
        return export_rows(briefings, COLUMNS, name="briefings", fmt=fmt)
    listing = paginate(request, briefings, noun="briefings")
    return render(
        request,
        "briefings/list.html",
        {
            "listing": listing,
            "controls": controls,
            "can_request": access.can_request(person, today),
            "is_clerk": access.is_clerk(person, today),
            "groups": access.groups_of(person, today),
            "not_answered": scope_note(person.council, rules.QUESTION),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def briefing_new(request: HttpRequest) -> HttpResponse:
    person = _person(request)
    today = timezone.localdate()
    groups = access.groups_of(person, today)
    if not groups:
        raise Http404("Only members of a party group ask for a briefing.")
    data = request.POST if request.method == "POST" else None
    form = RequestForm(data, groups=groups)
    if data is not None and form.is_valid():
        d = form.cleaned_data
        try:
            briefing = do_request_briefing(
                d["group"],
                matter=d["matter"],
                matter_kind=d["matter_kind"],
                details=d["details"],
                meeting_on=d["meeting_on"],
                non_members_present=d["non_members_present"],
                support_services=d["support_services"],
                relay_requested=d["relay_requested"],
                today=today,
                acting_user=person,
            )
        except ValidationError as exc:
            add_action_errors(form, exc)
        else:
            if briefing.status == Briefing.Status.REFUSED:
                messages.warning(request, f"The protocol refuses {briefing.reference}.")
            else:
                messages.success(request, f"Your request {briefing.reference} is with the Clerk.")
            return redirect("briefings:detail", briefing.pk)
    return render(
        request,
        "briefings/new.html",
        {"form": form, "not_answered": scope_note(person.council, rules.QUESTION)},
    )


def _people(briefing: Briefing, ids: list[int]) -> list[Person]:
    return list(Person.objects.for_council(briefing.council).filter(pk__in=ids))


def _members(briefing: Briefing) -> list[Person]:
    day = timezone.localdate()
    return sorted(
        (
            p
            for p in Person.objects.for_council(briefing.council).filter(is_active=True)
            if p.is_councillor_on(day)
        ),
        key=lambda p: (p.full_name, p.pk),
    )


def _page(
    request: HttpRequest, person: Person, briefing: Briefing, bound: tuple[str, Any] | None = None
) -> HttpResponse:
    today = timezone.localdate()
    context: dict[str, Any] = {}
    is_clerk = access.is_clerk(person, today)
    if access.can_decide(person, briefing, today):
        context["decide_form"] = DecideForm()
        context["same_form"] = SameMatterForm(
            earlier=rules.other_groups_briefed(briefing),
            initial={"earlier": str(briefing.same_matter_as_id or "")},
        )
    if access.can_record(person, briefing, today):
        context["record_form"] = RecordForm(
            officers=officers_of(briefing.council, today), members=_members(briefing)
        )
    if bound is not None:
        context[bound[0]] = bound[1]
        context["form"] = bound[1]
    return render(
        request,
        "briefings/detail.html",
        {
            **context,
            "briefing": briefing,
            "decision": briefing.decision,
            # Only the Clerk sees what another group was told (to give the same advice).
            "earlier": briefing.same_matter_as if is_clerk else None,
            "officers": _people(briefing, briefing.officers_present),
            "attendees": _people(briefing, briefing.attendees),
            "timeline": timeline_for(briefing),
        },
    )


@login_required
def briefing_detail(request: HttpRequest, briefing_id: int) -> HttpResponse:
    person = _person(request)
    return _page(request, person, access.access_briefing_by_id(person, briefing_id))


@login_required
@require_POST
def briefing_decide(request: HttpRequest, briefing_id: int) -> HttpResponse:
    person = _person(request)
    today = timezone.localdate()
    briefing = access.access_briefing_by_id(person, briefing_id)
    if not access.is_clerk(person, today):
        raise PermissionDenied("Only the Clerk agrees or declines a briefing.")
    form = DecideForm(request.POST)
    if form.is_valid():
        try:
            do_decide_briefing(
                briefing,
                agree=form.cleaned_data["agree"],
                reasons=form.cleaned_data["reasons"],
                today=today,
                acting_user=person,
            )
        except ValidationError as exc:
            add_action_errors(form, exc)
        else:
            messages.success(request, f"{briefing.reference}: {briefing.get_status_display()}.")
            return redirect("briefings:detail", briefing.pk)
    return _page(request, person, briefing, ("decide_form", form))


@login_required
@require_POST
def briefing_same_matter(request: HttpRequest, briefing_id: int) -> HttpResponse:
    person = _person(request)
    today = timezone.localdate()
    briefing = access.access_briefing_by_id(person, briefing_id)
    if not access.can_decide(person, briefing, today):
        raise PermissionDenied("Only the Clerk links a request to an earlier briefing.")
    form = SameMatterForm(request.POST, earlier=rules.other_groups_briefed(briefing))
    if form.is_valid():
        try:
            do_link_same_matter(
                briefing, earlier=form.cleaned_data["earlier"], today=today, acting_user=person
            )
        except ValidationError as exc:
            add_action_errors(form, exc)
        else:
            messages.success(request, "Recorded. The protocol has been asked again.")
            return redirect("briefings:detail", briefing.pk)
    return _page(request, person, briefing, ("same_form", form))


@login_required
@require_POST
def briefing_record(request: HttpRequest, briefing_id: int) -> HttpResponse:
    person = _person(request)
    today = timezone.localdate()
    briefing = access.access_briefing_by_id(person, briefing_id)
    if not access.can_record(person, briefing, today):
        raise PermissionDenied("Only an officer records a briefing the Clerk agreed.")
    form = RecordForm(
        request.POST, officers=officers_of(briefing.council, today), members=_members(briefing)
    )
    if form.is_valid():
        d = form.cleaned_data
        try:
            do_record_briefing(
                briefing,
                given_on=d["given_on"],
                advice=d["advice"],
                officers=d["officers"],
                attendees=d["attendees"],
                non_members_attended=d["non_members_attended"],
                discussion=d["discussion"],
                today=today,
                acting_user=person,
            )
        except ValidationError as exc:
            add_action_errors(form, exc)
        else:
            messages.success(request, f"The briefing {briefing.reference} is recorded.")
            return redirect("briefings:detail", briefing.pk)
    return _page(request, person, briefing, ("record_form", form))
