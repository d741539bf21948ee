"""The pages of incoming correspondence to the council (``correspondence.incoming``):
the register, recording a letter, and its page. Thin: parse, access, act, render."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from propriety.audit.timeline import timeline_for
from propriety.correspondence import access
from propriety.correspondence.actions import do_record_incoming, do_record_incoming_dealt_with
from propriety.correspondence.actions.incoming import QUESTION
from propriety.correspondence.forms import DealtWithForm, IncomingForm
from propriety.correspondence.models import IncomingLetter
from propriety.councils.protocol import role_title
from propriety.people.models import Person
from propriety.protocoltext.scope import answers, scope_of
from propriety.web.forms import add_action_errors
from propriety.web.paging import paginate

WHAT = "how the correspondence the council receives is dealt with"


def _person(request: HttpRequest) -> Person:
    return request.user  # type: ignore[return-value]


@login_required
def incoming_list(request: HttpRequest) -> HttpResponse:
    person = _person(request)
    today = timezone.localdate()
    letters = access.incoming_visible_to(person, today)
    listing = paginate(request, letters, noun="letters and emails received")
    return render(
        request,
        "correspondence/incoming_list.html",
        {
            "letters": listing.items,
            "listing": listing,
            "can_record": access.may_record_incoming(person, today),
            "answered": answers(person.council, QUESTION),
            "scope": scope_of(person.council),
            "what": WHAT,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def incoming_new(request: HttpRequest) -> HttpResponse:
    person = _person(request)
    today = timezone.localdate()
    if not access.may_record_incoming(person, today):
        raise Http404("The council's officers record the correspondence it receives.")
    answered = answers(person.council, QUESTION)
    form = IncomingForm(
        request.POST if request.method == "POST" else None,
        council=person.council,
        initial={"received_on": today},
    )
    if request.method == "POST" and answered and form.is_valid():
        data = form.cleaned_data
        try:
            letter = do_record_incoming(
                person,
                received_on=data["received_on"],
                medium=data["medium"],
                sender=data["sender"],
                summary=data["summary"],
                addressed_to=data["addressed_to"],
                flags=form.flags(),
                declared=form.declared_answers(),
                today=today,
                acting_user=person,
            )
        except ValidationError as exc:
            add_action_errors(form, exc)
        else:
            messages.success(
                request,
                f"{letter.reference} recorded. Under the protocol "
                f"{role_title(letter.council, letter.handler_role)} deals with it.",
            )
            return redirect("correspondence:incoming_detail", letter.pk)
    return render(
        request,
        "correspondence/incoming_new.html",
        {"form": form, "answered": answered, "scope": scope_of(person.council), "what": WHAT},
    )


def _detail(
    request: HttpRequest, letter: IncomingLetter, form: DealtWithForm | None = None
) -> HttpResponse:
    person = _person(request)
    return render(
        request,
        "correspondence/incoming_detail.html",
        {
            "letter": letter,
            "decision": letter.decision,
            "declared": letter.decision.get("declared_facts", []),
            "handled_by": role_title(letter.council, letter.handler_role),
            "handlers": access.incoming_handlers(letter)
            if letter.status != IncomingLetter.Status.DEALT_WITH
            else [],
            "can_deal_with": access.can_deal_with_incoming(person, letter),
            "form": form or DealtWithForm(),
            "timeline": timeline_for(letter),
        },
    )


@login_required
def incoming_detail(request: HttpRequest, letter_id: int) -> HttpResponse:
    return _detail(request, access.access_incoming_by_id(_person(request), letter_id))


@login_required
@require_POST
def incoming_dealt_with(request: HttpRequest, letter_id: int) -> HttpResponse:
    person = _person(request)
    letter = access.access_incoming_by_id(person, letter_id)
    if not access.can_deal_with_incoming(person, letter):
        raise PermissionDenied("The protocol does not give this letter to you.")
    form = DealtWithForm(request.POST)
    if form.is_valid():
        try:
            do_record_incoming_dealt_with(
                letter,
                action=form.cleaned_data["action"],
                reasons=form.cleaned_data["reasons"],
                acting_user=person,
            )
        except ValidationError as exc:
            add_action_errors(form, exc)
        else:
            messages.success(request, f"Recorded what was done with {letter.reference}.")
            return redirect("correspondence:incoming_detail", letter.pk)
    return _detail(request, letter, form)
