"""The Clerk's people pages: the list, adding a person, their roles, disabling, importing.

Only the Clerk uses them (403 for anyone else); a person or role of another
council is 404 like a missing one.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from propriety.councils.setup_views import clerk
from propriety.people.access import access_person_by_id, access_role_by_id
from propriety.people.accounts import SetPasswordLink
from propriety.people.importing import import_people
from propriety.people.models import Person
from propriety.people.setup_actions import (
    do_add_person,
    do_add_role,
    do_disable_person_by_clerk,
    do_end_person_role,
    do_invite_person_by_clerk,
)
from propriety.people.setup_forms import EndRoleForm, ImportForm, PersonForm, RoleForm
from propriety.people.setup_listing import COLUMNS, FILTERS, SORTS, sorted_people
from propriety.web.exports import export_format, export_rows
from propriety.web.forms import add_action_errors
from propriety.web.list_controls import read_controls
from propriety.web.paging import paginate

PAGE_SIZE = 50


def _roles_today(person: Person, today: datetime.date) -> list[Any]:
    return person.roles_on(today)


@login_required
def people(request: HttpRequest) -> HttpResponse:
    """Everyone in the council with their roles today, current people first, fifty a page."""
    person = clerk(request)
    today = timezone.localdate()
    everyone = list(
        Person.objects.for_council(person.council).prefetch_related(
            "role_assignments__committee", "role_assignments__ward", "role_assignments__party_group"
        )
    )
    controls = read_controls(request, FILTERS, SORTS)
    rows = sorted_people(
        controls.apply([(p, _roles_today(p, today)) for p in everyone]), controls.sort
    )
    if fmt := export_format(request):
        return export_rows(rows, COLUMNS, name="people", fmt=fmt)
    listing = paginate(request, rows, noun="people", per_page=PAGE_SIZE)
    return render(
        request,
        "setup/people.html",
        {"listing": listing, "controls": controls, "today": today},
    )


@login_required
@require_http_methods(["GET", "POST"])
def person_new(request: HttpRequest) -> HttpResponse:
    clerk_person = clerk(request)
    council = clerk_person.council
    today = timezone.localdate()
    if request.method == "GET":
        form = PersonForm(council=council, initial={"starts_on": today, "invite": True})
    else:
        form = PersonForm(request.POST, council=council)
        if form.is_valid():
            data = form.cleaned_data
            try:
                person = do_add_person(
                    council,
                    email=data["email"],
                    full_name=data["full_name"],
                    role=form.role(),
                    starts_on=data["starts_on"],
                    ends_on=data["ends_on"],
                    ward=form.pick_ward(data["ward"]),
                    job_title=data["job_title"],
                    line_manager=form.pick_manager(data["line_manager"]),
                    invite=data["invite"],
                    acting_user=clerk_person,
                )
            except ValidationError as exc:
                add_action_errors(form, exc)
                if hasattr(exc, "error_dict") and "role" in exc.error_dict:
                    form.add_error("officer_role", exc.error_dict["role"])
            else:
                messages.success(request, f"You added {person.full_name}.")
                return redirect("setup:person", person_id=person.pk)
    return render(request, "setup/person_new.html", {"form": form})


def _person_page(
    request: HttpRequest,
    person: Person,
    *,
    role_form: RoleForm | None = None,
    end_errors: dict[int, EndRoleForm] | None = None,
) -> HttpResponse:
    today = timezone.localdate()
    council = person.council
    assignments = list(
        person.role_assignments.select_related("committee", "ward", "party_group", "line_manager")
    )
    # A withdrawn role (held on no day) is past, even one withdrawn before a later start.
    current = [
        a for a in assignments if not a.withdrawn and (a.ends_on is None or a.ends_on >= today)
    ]
    past = [a for a in assignments if a not in current]
    end_forms = end_errors or {}
    return render(
        request,
        "setup/person.html",
        {
            "person": person,
            "roles_today": person.roles_on(today),
            "current": [
                (a, end_forms.get(a.pk) or EndRoleForm(initial={"ends_on": today})) for a in current
            ],
            "past": past,
            "role_form": role_form
            or RoleForm(council=council, person=person, initial={"starts_on": today}),
            "today": today,
            "can_sign_in": person.has_usable_password(),
            "invitation": SetPasswordLink.objects.filter(
                person=person, purpose=SetPasswordLink.Purpose.INVITATION
            )
            .order_by("-created_at")
            .first(),
        },
    )


@login_required
def person_detail(request: HttpRequest, person_id: int) -> HttpResponse:
    target = access_person_by_id(request.user, person_id)  # type: ignore[arg-type]
    clerk(request)
    return _person_page(request, target)


@login_required
@require_POST
def role_add(request: HttpRequest, person_id: int) -> HttpResponse:
    target = access_person_by_id(request.user, person_id)  # type: ignore[arg-type]
    clerk_person = clerk(request)
    form = RoleForm(request.POST, council=target.council, person=target)
    if form.is_valid():
        try:
            assignment = do_add_role(target, acting_user=clerk_person, **form.role_fields())
        except ValidationError as exc:
            add_action_errors(form, exc)
        else:
            messages.success(request, f"{target.full_name} is now {assignment}.")
            return redirect("setup:person", person_id=target.pk)
    return _person_page(request, target, role_form=form)


@login_required
@require_POST
def role_end(request: HttpRequest, role_id: int) -> HttpResponse:
    assignment = access_role_by_id(request.user, role_id)  # type: ignore[arg-type]
    clerk_person = clerk(request)
    form = EndRoleForm(request.POST)
    if form.is_valid():
        try:
            ended = do_end_person_role(
                assignment, ends_on=form.cleaned_data["ends_on"], acting_user=clerk_person
            )
        except ValidationError as exc:
            add_action_errors(form, exc)
        else:
            messages.success(request, f"You ended the role {assignment}. {ended.says}".strip())
            return redirect("setup:person", person_id=assignment.person_id)
    return _person_page(request, assignment.person, end_errors={assignment.pk: form})


def _act_on_person(
    request: HttpRequest, person_id: int, action: Callable[..., object], done: str
) -> HttpResponse:
    """A button on a person's page: the Clerk acts, and is back on the page with what
    happened (``done``, formatted with the person) or why it did not."""
    target = access_person_by_id(request.user, person_id)  # type: ignore[arg-type]
    clerk_person = clerk(request)
    try:
        action(target, acting_user=clerk_person)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, done.format(person=target))
    return redirect("setup:person", person_id=target.pk)


@login_required
@require_POST
def person_disable(request: HttpRequest, person_id: int) -> HttpResponse:
    return _act_on_person(
        request, person_id, do_disable_person_by_clerk, "{person.full_name} can no longer sign in."
    )


@login_required
@require_POST
def person_invite(request: HttpRequest, person_id: int) -> HttpResponse:
    """Send an invitation to set a password: to someone added without one, or whose link
    expired."""
    return _act_on_person(
        request,
        person_id,
        do_invite_person_by_clerk,
        "We emailed {person.email} an invitation to set a password.",
    )


@login_required
@require_http_methods(["GET", "POST"])
def people_import(request: HttpRequest) -> HttpResponse:
    """Upload a CSV of people and their roles; all of it is imported, or none of it."""
    clerk_person = clerk(request)
    posted = request.method == "POST"
    form = ImportForm(request.POST if posted else None, request.FILES if posted else None)
    report = None
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["csv_file"]
        report = import_people(
            clerk_person.council,
            upload.read(),
            source=upload.name,
            acting_user=clerk_person,
        )
        if report.ok:
            messages.success(request, report.summary())
            return redirect("setup:people")
    return render(request, "setup/people_import.html", {"form": form, "report": report})
