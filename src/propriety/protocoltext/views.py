"""The protocol's pages: its text, its review status, and questions about it. Thin."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from propriety.audit.timeline import timeline_for
from propriety.councils.protocol import role_title
from propriety.people.models import Person
from propriety.protocoltext import access
from propriety.protocoltext.actions import QUESTION, do_answer_clause_question, do_ask_clerk
from propriety.protocoltext.forms import AnswerForm, AskForm
from propriety.protocoltext.listing import COLUMNS, FILTERS, SORTS, sorted_questions
from propriety.protocoltext.review import review_status
from propriety.protocoltext.scope import answers, scope_of
from propriety.protocoltext.text import protocol_text
from propriety.web.exports import export_format, export_rows
from propriety.web.forms import add_action_errors
from propriety.web.list_controls import read_controls
from propriety.web.paging import paginate


def _person(request: HttpRequest) -> Person:
    return request.user  # type: ignore[return-value]


def _asking(person: Person) -> dict[str, object]:
    council = person.council
    answered = answers(council, QUESTION)
    return {
        "interpretation_answered": answered,
        "can_ask": answered and access.may_ask(person),
        "scope": scope_of(council),
        "answerer": role_title(council, "proper_officer"),
    }


@login_required
def protocol_page(request: HttpRequest) -> HttpResponse:
    person = _person(request)
    today = timezone.localdate()
    return render(
        request,
        "protocoltext/text.html",
        {
            "text": protocol_text(person.council.rulebook),
            "review": review_status(person.council, today),
            **_asking(person),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def ask(request: HttpRequest) -> HttpResponse:
    person = _person(request)
    context = _asking(person)
    if not access.may_ask(person):
        raise Http404("Only members and officers ask about the protocol.")
    form = AskForm(
        request.POST if request.method == "POST" else None,
        initial={"clause": request.GET.get("clause", "")[:80]},
    )
    if request.method == "POST" and context["can_ask"] and form.is_valid():
        try:
            record = do_ask_clerk(
                person,
                question=form.cleaned_data["question"],
                clause=form.cleaned_data["clause"],
                acting_user=person,
            )
        except ValidationError as exc:
            add_action_errors(form, exc)
        else:
            messages.success(request, f"Your question has been sent ({record.reference}).")
            return redirect("protocoltext:question", record.pk)
    return render(request, "protocoltext/ask.html", {"form": form, **context})


@login_required
def question_list(request: HttpRequest) -> HttpResponse:
    person = _person(request)
    controls = read_controls(request, FILTERS, SORTS)
    questions = sorted_questions(controls.apply(access.questions_visible_to(person)), controls.sort)
    if fmt := export_format(request):
        return export_rows(questions, COLUMNS, name="protocol-questions", fmt=fmt)
    listing = paginate(request, questions, noun="questions")
    return render(
        request,
        "protocoltext/questions.html",
        {"listing": listing, "controls": controls, **_asking(person)},
    )


@login_required
def question_detail(request: HttpRequest, question_id: int) -> HttpResponse:
    person = _person(request)
    record = access.access_clause_question_by_id(person, question_id)
    return render(
        request,
        "protocoltext/question.html",
        {
            "record": record,
            "decision": record.decision,
            "can_answer": access.can_answer(person, record),
            "form": AnswerForm(),
            "timeline": timeline_for(record),
        },
    )


@login_required
@require_POST
def answer(request: HttpRequest, question_id: int) -> HttpResponse:
    person = _person(request)
    record = access.access_clause_question_by_id(person, question_id)
    if not access.can_answer(person, record):
        raise PermissionDenied("You do not answer this question.")
    form = AnswerForm(request.POST)
    if form.is_valid():
        try:
            do_answer_clause_question(
                record, answer=form.cleaned_data["answer"], acting_user=person
            )
        except ValidationError as exc:
            add_action_errors(form, exc)
        else:
            messages.success(request, "Your answer has been sent.")
            return redirect("protocoltext:question", record.pk)
    return render(
        request,
        "protocoltext/question.html",
        {
            "record": record,
            "decision": record.decision,
            "can_answer": True,
            "form": form,
            "timeline": timeline_for(record),
        },
    )
