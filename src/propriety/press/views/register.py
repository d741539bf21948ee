"""The spokesperson register's pages: who speaks for the council, appointing and ending."""

from __future__ import annotations

import datetime
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from propriety.people.holders import holders_of, is_officer
from propriety.people.models import Person
from propriety.people.roles import Role
from propriety.press import access
from propriety.press.actions import (
    do_appoint_spokesperson,
    do_end_spokesperson,
)
from propriety.press.forms import (
    AppointForm,
    EndForm,
    add_action_errors,
)
from propriety.press.views.common import _person
from propriety.web.paging import paginate


def _by_role(person: Person, today: datetime.date) -> list[dict[str, Any]]:
    """The chair of the council and committee chairs: spokespeople by their role."""
    rows: list[dict[str, Any]] = []
    for holder in holders_of(person.council, "council_chair", today):
        rows.append({"person": holder, "as": "Chair of the council"})
    for holder in holders_of(person.council, "committee_chair", today):
        committees = [
            r.committee.name
            for r in holder.roles_on(today)
            if r.role == Role.COMMITTEE_CHAIR and r.committee
        ]
        for name in committees:
            rows.append({"person": holder, "as": f"Chair of the {name}"})
    return rows


def _register_people(person: Person, today: datetime.date) -> list[Person]:
    return sorted(
        (
            p
            for p in Person.objects.for_council(person.council).filter(is_active=True)
            if p.is_councillor_on(today) or is_officer(p, today)
        ),
        key=lambda p: (p.full_name, p.pk),
    )


def _register(
    request: HttpRequest, *, appoint_form: AppointForm | None = None, status: int = 200
) -> HttpResponse:
    person = _person(request)
    today = timezone.localdate()
    clerk = access.can_keep_register(person, today)
    entries = list(access.spokespeople_visible_to(person))
    return render(
        request,
        "press/spokespeople.html",
        {
            "by_role": _by_role(person, today),
            "current": [e for e in entries if e.is_current_on(today)],
            "past": paginate(
                request,
                [e for e in entries if not e.is_current_on(today)],
                noun="ended entries",
                param="ended_page",
            ),
            "clerk": clerk,
            "appoint_form": appoint_form
            or (AppointForm(people=_register_people(person, today)) if clerk else None),
            "today": today,
        },
        status=status,
    )


@login_required
def spokespeople(request: HttpRequest) -> HttpResponse:
    return _register(request)


@login_required
@require_POST
def spokesperson_appoint(request: HttpRequest) -> HttpResponse:
    person = _person(request)
    today = timezone.localdate()
    if not access.can_keep_register(person, today):
        raise PermissionDenied("Only the Clerk keeps the register.")
    form = AppointForm(request.POST, people=_register_people(person, today))
    if form.is_valid():
        data = form.cleaned_data
        try:
            entry = do_appoint_spokesperson(
                person.council,
                person=data["person"],
                basis=data["basis"],
                resolution_reference=data["resolution_reference"],
                resolved_on=data["resolved_on"],
                scope=data["scope"],
                acting_user=person,
            )
        except ValidationError as exc:
            add_action_errors(form, exc)
        else:
            messages.success(request, f"{entry.person.full_name} added to the register.")
            return redirect("press:spokespeople")
    return _register(request, appoint_form=form)


@login_required
@require_POST
def spokesperson_end(request: HttpRequest, entry_id: int) -> HttpResponse:
    person = _person(request)
    entry = access.access_spokesperson_by_id(person, entry_id)
    if not access.can_keep_register(person):
        raise PermissionDenied("Only the Clerk keeps the register.")
    form = EndForm(request.POST)
    form.is_valid()
    try:
        do_end_spokesperson(entry, reason=form.cleaned_data.get("reason", ""), acting_user=person)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, f"{entry.person.full_name}'s entry has ended.")
    return redirect("press:spokespeople")
