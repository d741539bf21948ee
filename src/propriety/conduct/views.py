"""The "Can I…?" pages: ask the protocol about something you plan to do, see the answer
with its clauses and guidance, and keep it only if you choose.

Views stay thin: parse the form, ask (actions.ask_conduct) or keep
(actions.do_keep_conduct_question), render. Only serving members and officers ask
(404 for anyone else); a kept question is seen only by whoever kept it.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from propriety.conduct import access
from propriety.conduct.actions import ask_conduct, do_keep_conduct_question
from propriety.conduct.forms import CanIForm, add_action_errors
from propriety.councils.declared import answered
from propriety.councils.protocol import summary_of
from propriety.people.models import Person


def _person(request: HttpRequest) -> Person:
    return request.user  # type: ignore[return-value]


def _asker(request: HttpRequest) -> Person:
    person = _person(request)
    if not access.can_ask(person, timezone.localdate()):
        raise Http404("Only serving members and officers ask the protocol this.")
    return person


def _page(request: HttpRequest, person: Person, form: CanIForm, **extra: object) -> HttpResponse:
    return render(
        request,
        "conduct/can_i.html",
        {
            "form": form,
            "covered": access.answers_conduct(person.council),
            "kept": access.questions_kept_by(person)[:20],
            **extra,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def can_i(request: HttpRequest) -> HttpResponse:
    person = _asker(request)
    covered = access.answers_conduct(person.council)
    form = CanIForm(
        request.POST if request.method == "POST" and covered else None, council=person.council
    )
    answer = None
    if request.method == "POST" and covered and form.is_valid():
        answer = _answer(person, form)
    return _page(request, person, form, answer=answer)


def _answer(person: Person, form: CanIForm) -> dict[str, Any] | None:
    """The protocol's answer to the form's question, or None with the refusal on the form."""
    try:
        decision, answers = ask_conduct(person, **form.values())
    except ValidationError as exc:
        add_action_errors(form, exc)
        return None
    return summary_of(decision, answered(person.council, "conduct.action", answers))


@login_required
@require_POST
def keep(request: HttpRequest) -> HttpResponse:
    person = _asker(request)
    if not access.answers_conduct(person.council):
        raise Http404("The council's protocol does not answer this question.")
    form = CanIForm(request.POST, council=person.council)
    if form.is_valid():
        try:
            question = do_keep_conduct_question(
                person, plan=form.cleaned_data["plan"], acting_user=person, **form.values()
            )
        except ValidationError as exc:
            add_action_errors(form, exc)
        else:
            messages.success(request, "Kept. Only you can see it.")
            return redirect("conduct:kept", question.pk)
    # Only the plan is wrong (too long): show it again beside the answer, as typed.
    answer = _answer(person, form) if set(form.errors) == {"plan"} else None
    return _page(request, person, form, answer=answer)


@login_required
def kept(request: HttpRequest, question_id: int) -> HttpResponse:
    person = _person(request)
    question = access.access_conduct_question_by_id(person, question_id)
    return render(request, "conduct/kept.html", {"question": question, "answer": question.decision})
