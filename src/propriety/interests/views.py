"""The register's pages and the panels' pages. Thin: parse the form, find the record
through access.py (404 for one the person may not see), call the action, render."""

from __future__ import annotations

import datetime
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from propriety.audit.timeline import timeline_for
from propriety.councils.protocol import scope_note
from propriety.interests import access
from propriety.interests.actions import (
    do_close_panel,
    do_declare_relationship,
    do_end_declaration,
    do_form_panel,
    do_seat_panel_member,
)
from propriety.interests.checks import QUESTION
from propriety.interests.forms import ClosePanelForm, DeclarationForm, EndForm, PanelForm, SeatForm
from propriety.interests.listing import (
    DECLARATION_COLUMNS,
    DECLARATION_FILTERS,
    DECLARATION_SORTS,
    PANEL_COLUMNS,
    PANEL_FILTERS,
    PANEL_SORTS,
    sorted_declarations,
    sorted_panels,
)
from propriety.interests.models import Declaration, Panel, PanelSeat
from propriety.people.holders import is_officer
from propriety.people.models import Person
from propriety.web.exports import export_format, export_rows
from propriety.web.forms import add_action_errors
from propriety.web.list_controls import read_controls
from propriety.web.paging import paginate


def _person(request: HttpRequest) -> Person:
    return request.user  # type: ignore[return-value]


def people_of(person: Person, day: datetime.date) -> list[Person]:
    """Members and officers of the council other than ``person``."""
    return sorted(
        (
            p
            for p in Person.objects.for_council(person.council).filter(is_active=True)
            if p.pk != person.pk and (p.is_councillor_on(day) or is_officer(p, day))
        ),
        key=lambda p: (p.full_name, p.pk),
    )


def serving_members(person: Person, day: datetime.date) -> list[Person]:
    return [p for p in people_of(person, day) if p.is_councillor_on(day)]


@login_required
def register(request: HttpRequest) -> HttpResponse:
    person = _person(request)
    today = timezone.localdate()
    controls = read_controls(request, DECLARATION_FILTERS, DECLARATION_SORTS)
    declarations = sorted_declarations(
        controls.apply(access.declarations_visible_to(person)), controls.sort, today
    )
    if fmt := export_format(request):
        return export_rows(declarations, DECLARATION_COLUMNS, name="declarations", fmt=fmt)
    listing = paginate(request, declarations, noun="declarations")
    return render(
        request,
        "interests/list.html",
        {
            "listing": listing,
            "controls": controls,
            "sees_all": access.sees_register(person, today),
            "may_declare": access.may_declare(person, today),
            "today": today,
            "not_answered": scope_note(person.council, QUESTION),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def declare(request: HttpRequest) -> HttpResponse:
    person = _person(request)
    today = timezone.localdate()
    if not access.may_declare(person, today):
        raise Http404("Only members and officers declare relationships.")
    data = request.POST if request.method == "POST" else None
    form = DeclarationForm(data, people=people_of(person, today))
    if data is not None and form.is_valid():
        d = form.cleaned_data
        try:
            declaration = do_declare_relationship(
                nature=d["nature"],
                related_person=d["related_person"],
                related_name=d["related_name"],
                details=d["details"],
                starts_on=d["starts_on"],
                ends_on=d["ends_on"],
                today=today,
                acting_user=person,
            )
        except ValidationError as exc:
            add_action_errors(form, exc)
        else:
            messages.success(request, f"Your declaration {declaration.reference} is recorded.")
            return redirect("interests:detail", declaration.pk)
    return render(
        request,
        "interests/new.html",
        {"form": form, "not_answered": scope_note(person.council, QUESTION)},
    )


def _declaration_page(
    request: HttpRequest, person: Person, declaration: Declaration, form: EndForm | None = None
) -> HttpResponse:
    today = timezone.localdate()
    can_end = access.can_end_declaration(person, declaration, today)
    return render(
        request,
        "interests/detail.html",
        {
            "declaration": declaration,
            "decision": declaration.decision,
            "current": declaration.is_current(today),
            "end_form": (form or EndForm()) if can_end else None,
            "form": form,
            "timeline": timeline_for(declaration),
        },
    )


@login_required
def declaration_detail(request: HttpRequest, declaration_id: int) -> HttpResponse:
    person = _person(request)
    return _declaration_page(
        request, person, access.access_declaration_by_id(person, declaration_id)
    )


@login_required
@require_POST
def declaration_end(request: HttpRequest, declaration_id: int) -> HttpResponse:
    person = _person(request)
    today = timezone.localdate()
    declaration = access.access_declaration_by_id(person, declaration_id)
    if not access.can_end_declaration(person, declaration, today):
        raise PermissionDenied("You cannot end this declaration.")
    form = EndForm(request.POST)
    if form.is_valid():
        try:
            do_end_declaration(
                declaration, ends_on=form.cleaned_data["ends_on"], today=today, acting_user=person
            )
        except ValidationError as exc:
            add_action_errors(form, exc)
        else:
            messages.success(request, f"{declaration.reference} has ended.")
            return redirect("interests:detail", declaration.pk)
    return _declaration_page(request, person, declaration, form)


# --- panels ------------------------------------------------------------------------------


@login_required
def panel_list(request: HttpRequest) -> HttpResponse:
    person = _person(request)
    today = timezone.localdate()
    controls = read_controls(request, PANEL_FILTERS, PANEL_SORTS)
    panels = sorted_panels(controls.apply(access.panels_visible_to(person)), controls.sort)
    if fmt := export_format(request):
        return export_rows(panels, PANEL_COLUMNS, name="panels", fmt=fmt)
    listing = paginate(request, panels, noun="panels")
    return render(
        request,
        "interests/panels.html",
        {
            "listing": listing,
            "controls": controls,
            "can_manage": access.can_manage_panels(person, today),
            "not_answered": scope_note(person.council, QUESTION),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def panel_new(request: HttpRequest) -> HttpResponse:
    person = _person(request)
    today = timezone.localdate()
    if not access.can_manage_panels(person, today):
        raise PermissionDenied("Only the Clerk forms panels.")
    data = request.POST if request.method == "POST" else None
    form = PanelForm(data, council=person.council, day=today)
    if data is not None and form.is_valid():
        d = form.cleaned_data
        try:
            panel = do_form_panel(
                person.council,
                kind=d["kind"],
                title=d["title"],
                subject=d["subject"],
                candidates=d["candidates"],
                today=today,
                acting_user=person,
            )
        except ValidationError as exc:
            add_action_errors(form, exc)
        else:
            messages.success(request, f"The panel {panel.reference} is formed.")
            return redirect("interests:panel", panel.pk)
    return render(request, "interests/panel_new.html", {"form": form})


def _panel_page(
    request: HttpRequest,
    person: Person,
    panel: Panel,
    bound: tuple[str, Any] | None = None,
) -> HttpResponse:
    today = timezone.localdate()
    context: dict[str, Any] = {}
    if access.can_manage_panels(person, today) and panel.status == Panel.Status.OPEN:
        context["seat_form"] = SeatForm(members=serving_members(person, today))
        context["close_form"] = ClosePanelForm()
    if bound is not None:
        context[bound[0]] = bound[1]
        context["form"] = bound[1]
    seats = list(access.seats_of(person, panel))
    return render(
        request,
        "interests/panel.html",
        {
            **context,
            "panel": panel,
            "seated": [s for s in seats if s.status == PanelSeat.Status.SEATED],
            "refused": [s for s in seats if s.status == PanelSeat.Status.REFUSED],
            "timeline": access.panel_timeline(person, panel),
            "not_answered": scope_note(person.council, QUESTION),
        },
    )


@login_required
def panel_detail(request: HttpRequest, panel_id: int) -> HttpResponse:
    person = _person(request)
    return _panel_page(request, person, access.access_panel_by_id(person, panel_id))


@login_required
@require_POST
def panel_seat(request: HttpRequest, panel_id: int) -> HttpResponse:
    person = _person(request)
    today = timezone.localdate()
    panel = access.access_panel_by_id(person, panel_id)
    if not access.can_manage_panels(person, today):
        raise PermissionDenied("Only the Clerk seats the members of a panel.")
    form = SeatForm(request.POST, members=serving_members(person, today))
    if form.is_valid():
        d = form.cleaned_data
        try:
            seat = do_seat_panel_member(
                panel,
                member=d["member"],
                canvassing=d["canvassing"],
                information_advantage=d["information_advantage"],
                clerk_decision=d["clerk_decision"],
                reasons=d["reasons"],
                today=today,
                acting_user=person,
            )
        except ValidationError as exc:
            add_action_errors(form, exc)
        else:
            if seat.status == PanelSeat.Status.SEATED:
                messages.success(request, f"{seat.member.full_name} is seated on the panel.")
            else:
                clauses = ", ".join(c["clause"] for c in seat.decision.get("citations", []))
                messages.warning(
                    request,
                    f"{seat.member.full_name} was refused a seat ({clauses}): "
                    f"{seat.decision.get('explanation', '')}",
                )
            return redirect("interests:panel", panel.pk)
    return _panel_page(request, person, panel, ("seat_form", form))


@login_required
@require_POST
def panel_close(request: HttpRequest, panel_id: int) -> HttpResponse:
    person = _person(request)
    today = timezone.localdate()
    panel = access.access_panel_by_id(person, panel_id)
    if not access.can_manage_panels(person, today):
        raise PermissionDenied("Only the Clerk closes a panel.")
    form = ClosePanelForm(request.POST)
    if form.is_valid():
        try:
            do_close_panel(
                panel, outcome=form.cleaned_data["outcome"], today=today, acting_user=person
            )
        except ValidationError as exc:
            add_action_errors(form, exc)
        else:
            messages.success(request, f"{panel.reference} is closed.")
            return redirect("interests:panel", panel.pk)
    return _panel_page(request, person, panel, ("close_form", form))
