"""The concern pages: my cases, raising one (guidance first), and the case page.

Views stay thin: parse the form, find the concern through access.py (404 for
one the person may not see), call the action, render. A form the person may
not use on a concern they can see is 403; the actions check again.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Case, Value, When
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from propriety.audit.reads import record_read
from propriety.audit.timeline import timeline_for
from propriety.concerns import access
from propriety.concerns.actions import (
    ConcernRefused,
    can_raise_any,
    describe_step_due,
    do_add_concern_note,
    do_close_concern,
    do_move_concern_on,
    do_raise_concern,
    do_refer_to_monitoring_officer,
    do_resolve_concern,
    referral_text,
)
from propriety.concerns.conflicts import conflict_warnings
from propriety.concerns.forms import (
    CloseForm,
    MoveOnForm,
    NoteForm,
    RaiseForm,
    ReferForm,
    ResolveForm,
    add_action_errors,
)
from propriety.concerns.models import Concern
from propriety.concerns.present import (
    directions_for,
    first_steps,
    general_guidance,
    people_to_name,
    step_views,
)
from propriety.concerns.routing import PERSONNEL_COMMITTEE
from propriety.people.models import Person
from propriety.web.exports import Column, export_format, export_rows
from propriety.web.paging import paginate
from propriety.workspace.pdf import pdf_response


def _person(request: HttpRequest) -> Person:
    return request.user  # type: ignore[return-value]


@login_required
def concern_list(request: HttpRequest) -> HttpResponse:
    person = _person(request)
    today = timezone.localdate()
    # Open cases first, then the newest.
    concerns = (
        access.concerns_visible_to(person)
        .annotate(_closed=Case(When(status=Concern.Status.OPEN, then=Value(0)), default=Value(1)))
        .order_by("_closed", "-raised_on", "-pk")
    )
    if fmt := export_format(request):
        return export_rows(concerns, EXPORT_COLUMNS, name="concerns", fmt=fmt)
    raised = paginate(
        request, concerns.filter(raised_by=person), noun="concerns", param="raised_page"
    )
    handling = paginate(
        request, concerns.exclude(raised_by=person), noun="concerns", param="handling_page"
    )
    return render(
        request,
        "concerns/list.html",
        {
            "raised": raised.items,
            "raised_listing": raised,
            "handling": handling.items,
            "handling_listing": handling,
            "listing": handling,
            "can_raise": can_raise_any(person, today),
        },
    )


EXPORT_COLUMNS = (
    Column("Reference", lambda c: c.reference),
    Column("Summary", lambda c: c.summary),
    Column("Kind", lambda c: c.direction_label),
    Column("Raised on", lambda c: c.raised_on),
    Column("Status", lambda c: c.get_status_display()),
    Column("Finished on", lambda c: c.finished_on),
)


def _raise_form(person: Person, today: datetime.date, data: Any = None) -> RaiseForm:
    return RaiseForm(
        data,
        council=person.council,
        directions=directions_for(person, today),
        people=people_to_name(person, today),
    )


@login_required
@require_http_methods(["GET", "POST"])
def concern_new(request: HttpRequest) -> HttpResponse:
    person = _person(request)
    today = timezone.localdate()
    if not can_raise_any(person, today):
        raise Http404("Only councillors and officers raise concerns.")
    form = _raise_form(person, today, request.POST if request.method == "POST" else None)
    refused: ConcernRefused | None = None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            concern = do_raise_concern(
                person,
                direction=data["direction"],
                about=data["about"],
                summary=data["summary"],
                details=data["details"],
                seriousness=data["seriousness"],
                direct_discussion_inappropriate=data["direct_discussion_inappropriate"],
                formal_written=data["formal_written"],
                sanction_requested=data["sanction_requested"],
                declared=form.declared_answers(),
                today=today,
                acting_user=person,
            )
        except ConcernRefused as exc:
            refused = exc
        except ValidationError as exc:
            add_action_errors(form, exc)
        else:
            messages.success(
                request, f"Your concern {concern.reference} is raised. {describe_step_due(concern)}"
            )
            return redirect("concerns:detail", concern.pk)
    return render(
        request,
        "concerns/new.html",
        {
            "form": form,
            "refused": refused,
            "first_steps": first_steps(person.council, today),
            "guidance": general_guidance(person.council, today),
        },
    )


# --- the case page ----------------------------------------------------------------------

_FORMS: dict[str, tuple[type[forms.Form], Callable[[Person, Concern], bool]]] = {
    "resolve_form": (ResolveForm, access.can_record_step),
    "move_on_form": (
        MoveOnForm,
        lambda p, c: access.can_record_step(p, c) and access.can_move_on(c),
    ),
    "refer_form": (ReferForm, access.can_refer),
    "note_form": (NoteForm, access.can_add_note),
    "close_form": (CloseForm, access.can_close),
}


def _make_form(name: str, concern: Concern, data: Any = None) -> forms.Form:
    form_class = _FORMS[name][0]
    if form_class in (ResolveForm, MoveOnForm):
        return form_class(data, handlers=access.handlers_of(concern))
    return form_class(data)


def _case_page(
    request: HttpRequest,
    person: Person,
    concern: Concern,
    bound: tuple[str, forms.Form] | None = None,
) -> HttpResponse:
    context: dict[str, Any] = {}
    for name, (_, allowed) in _FORMS.items():
        if allowed(person, concern):
            context[name] = _make_form(name, concern)
    if bound is not None:
        context[bound[0]] = bound[1]
        context["form"] = bound[1]
        context["form_anchor"] = bound[0].removesuffix("_form").replace("_", "-")
    steps = step_views(person, concern)
    return render(
        request,
        "concerns/detail.html",
        {
            **context,
            "concern": concern,
            "steps": steps,
            "current": steps[-1] if steps else None,
            "notes": list(access.notes_of(person, concern)),
            "timeline": timeline_for(concern),
            "personnel": concern.handler_role == PERSONNEL_COMMITTEE,
            "can_move_on": access.can_move_on(concern),
            "is_raiser": access.is_raiser(person, concern),
            "conflict_warnings": conflict_warnings(person, concern, timezone.localdate()),
        },
    )


@login_required
def concern_detail(request: HttpRequest, concern_id: int) -> HttpResponse:
    person = _person(request)
    concern = access.access_concern_by_id(person, concern_id)
    record_read(person, concern)
    return _case_page(request, person, concern)


@login_required
def concern_referral(request: HttpRequest, concern_id: int) -> HttpResponse:
    """The record handed to the Monitoring Officer (404 until referred): plain text, or
    with ``?format=pdf`` a PDF with its dates in words."""
    person = _person(request)
    concern = access.access_concern_by_id(person, concern_id)
    if not concern.referral:
        raise Http404("This concern has not been referred.")
    if request.GET.get("format") == "pdf":
        html = render_to_string("concerns/referral_pdf.html", {"record": concern.referral})
        return pdf_response(html, name=f"{concern.reference}-referral")
    response = HttpResponse(
        referral_text(concern.referral), content_type="text/plain; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="{concern.reference}-referral.txt"'
    return response


def _act(
    form_name: str,
    run: Callable[[Concern, dict[str, Any], Person, datetime.date], str],
) -> Callable[[HttpRequest, int], HttpResponse]:
    @login_required
    @require_POST
    def view(request: HttpRequest, concern_id: int) -> HttpResponse:
        person = _person(request)
        today = timezone.localdate()
        concern = access.access_concern_by_id(person, concern_id)
        if not _FORMS[form_name][1](person, concern):
            raise PermissionDenied("You cannot do that with this concern.")
        form = _make_form(form_name, concern, request.POST)
        if form.is_valid():
            try:
                done = run(concern, form.cleaned_data, person, today)
            except ValidationError as exc:
                add_action_errors(form, exc)
            else:
                messages.success(request, done)
                return redirect("concerns:detail", concern.pk)
        concern = access.access_concern_by_id(person, concern_id)
        return _case_page(request, person, concern, bound=(form_name, form))

    view.__name__ = form_name.removesuffix("_form")
    return view


def _resolve(c: Concern, data: dict[str, Any], p: Person, d: datetime.date) -> str:
    do_resolve_concern(
        c,
        done=data["done"],
        outcome=data["outcome"],
        took_part=data["took_part"],
        today=d,
        acting_user=p,
    )
    return f"{c.reference} is resolved."


def _move_on(c: Concern, data: dict[str, Any], p: Person, d: datetime.date) -> str:
    do_move_concern_on(c, done=data["done"], took_part=data["took_part"], today=d, acting_user=p)
    return f"{c.reference} has gone to the next step. {describe_step_due(c)}"


def _refer(c: Concern, data: dict[str, Any], p: Person, d: datetime.date) -> str:
    do_refer_to_monitoring_officer(c, reason=data["reason"], today=d, acting_user=p)
    return f"{c.reference} has been handed to the Monitoring Officer with its record."


def _note(c: Concern, data: dict[str, Any], p: Person, d: datetime.date) -> str:
    do_add_concern_note(c, text=data["text"], today=d, acting_user=p)
    return "Your note was added."


def _close(c: Concern, data: dict[str, Any], p: Person, d: datetime.date) -> str:
    do_close_concern(c, reason=data["reason"], today=d, acting_user=p)
    return f"{c.reference} is closed."


concern_resolve = _act("resolve_form", _resolve)
concern_move_on = _act("move_on_form", _move_on)
concern_refer = _act("refer_form", _refer)
concern_note = _act("note_form", _note)
concern_close = _act("close_form", _close)
