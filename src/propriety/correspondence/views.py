"""The correspondence pages: the list, a new draft (typed or an .eml), and the draft's page.

Views stay thin: parse the form, find the correspondence through access.py
(404 for what the person may not see), call the action, render. A form the
person may not use on correspondence they can see is 403; the actions check again.
"""

from __future__ import annotations

import datetime
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Case, Value, When
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from propriety.audit.timeline import timeline_for
from propriety.correspondence import access
from propriety.correspondence.actions import (
    do_apply_footer_fix,
    do_check_correspondence,
    do_draft_correspondence,
    do_edit_correspondence,
    do_record_sent,
    do_upload_correspondence,
    footer_fix_of,
)
from propriety.correspondence.check import can_be_party, handles_correspondence
from propriety.correspondence.forms import (
    AskForm,
    DraftForm,
    SentForm,
    UploadForm,
    outside_text,
)
from propriety.correspondence.models import CAPACITY_LABELS, FLAG_LABELS, FLAGS, Correspondence
from propriety.correspondence.register import register_for
from propriety.councils.declared import initial_answers
from propriety.councils.protocol import role_title
from propriety.documents.requests import do_request_access
from propriety.people.holders import is_officer
from propriety.people.models import Person
from propriety.web.exports import Column, export_format, export_rows
from propriety.web.forms import add_action_errors
from propriety.web.paging import paginate


def _person(request: HttpRequest) -> Person:
    return request.user  # type: ignore[return-value]


def _people(person: Person, today: datetime.date) -> list[Person]:
    """The council's councillors and officers, who can be chosen as recipients."""
    return [
        p
        for p in Person.objects.for_council(person.council).filter(is_active=True)
        if can_be_party(p, today)
    ]


def _senders(person: Person, people: list[Person], today: datetime.date) -> list[Person]:
    """Yourself; an officer may also draft for a member."""
    if is_officer(person, today):
        return [person] + [p for p in people if p.pk != person.pk and p.is_councillor_on(today)]
    return [person]


def _flag_fields(form: forms.Form) -> list[tuple[forms.BoundField, str]]:
    return [(form[name], FLAG_LABELS[name]) for name in FLAGS]


@login_required
def correspondence_list(request: HttpRequest) -> HttpResponse:
    person = _person(request)
    today = timezone.localdate()
    # Drafts (still to check and send) first, then the newest.
    letters = (
        access.correspondence_visible_to(person, today)
        .annotate(
            _sent=Case(When(status=Correspondence.Status.DRAFT, then=Value(0)), default=Value(1))
        )
        .order_by("_sent", "-created_at", "-pk")
    )
    if fmt := export_format(request):
        return export_rows(letters, EXPORT_COLUMNS, name="correspondence", fmt=fmt)
    listing = paginate(request, letters, noun="letters and emails")
    return render(
        request,
        "correspondence/list.html",
        {
            "letters": listing.items,
            "listing": listing,
            "can_draft": access.can_draft(person, today),
            "handles": handles_correspondence(person.council),
        },
    )


EXPORT_COLUMNS = (
    Column("Reference", lambda c: c.reference),
    Column("Subject", lambda c: c.subject),
    Column("From", lambda c: c.sender.full_name if c.sender else ""),
    Column("Status", lambda c: c.get_status_display()),
    Column("Problems found", lambda c: len(c.problems or [])),
    Column("Checked", lambda c: c.checked_on),
    Column("Sent", lambda c: c.sent_on),
)


@login_required
def correspondence_register(request: HttpRequest) -> HttpResponse:
    """Sent member–officer correspondence a member may ask to see, where the protocol opens it."""
    person = _person(request)
    today = timezone.localdate()
    rule, entries = register_for(person, today)
    listing = paginate(request, entries, noun="letters and emails")
    return render(
        request,
        "correspondence/register.html",
        {
            "rule": rule,
            "entries": listing.items,
            "listing": listing,
            "member": person.is_councillor_on(today),
            "clerk_title": role_title(person.council, "proper_officer"),
        },
    )


def _draft_form(person: Person, today: datetime.date, data: Any = None, **kw: Any) -> DraftForm:
    people = _people(person, today)
    return DraftForm(
        data,
        people=people,
        senders=_senders(person, people, today),
        council=person.council,
        **kw,
    )


@login_required
@require_http_methods(["GET", "POST"])
def correspondence_new(request: HttpRequest) -> HttpResponse:
    person = _person(request)
    today = timezone.localdate()
    if not access.can_draft(person, today):
        raise PermissionDenied("Only councillors and officers draft correspondence.")
    form = _draft_form(
        person,
        today,
        request.POST if request.method == "POST" else None,
        initial={"sender": str(person.pk)},
    )
    if request.method == "POST" and form.is_valid():
        try:
            letter = do_draft_correspondence(
                person,
                sender=form.person("sender"),
                signatory=form.person("signatory"),
                signatory_capacity=form.cleaned_data["signatory_capacity"],
                subject=form.cleaned_data["subject"],
                body=form.cleaned_data["body"],
                recipients=form.recipients(),
                flags=form.flags(),
                declared=form.declared_answers(),
                today=today,
                acting_user=person,
            )
        except ValidationError as exc:
            add_action_errors(form, exc)
        else:
            messages.success(request, f"{letter.reference} is saved and checked.")
            return redirect("correspondence:detail", letter.pk)
    return render(
        request,
        "correspondence/new.html",
        {"form": form, "flag_fields": _flag_fields(form), "editing": None},
    )


@login_required
@require_http_methods(["GET", "POST"])
def correspondence_upload(request: HttpRequest) -> HttpResponse:
    person = _person(request)
    today = timezone.localdate()
    if not access.can_draft(person, today):
        raise PermissionDenied("Only councillors and officers upload correspondence.")
    form = (
        UploadForm(request.POST, request.FILES, council=person.council)
        if request.method == "POST"
        else UploadForm(council=person.council)
    )
    if request.method == "POST" and form.is_valid():
        try:
            letter = do_upload_correspondence(
                person,
                form.cleaned_data["eml"],
                signatory_capacity=form.cleaned_data["signatory_capacity"],
                flags=form.flags(),
                declared=form.declared_answers(),
                today=today,
                acting_user=person,
            )
        except ValidationError as exc:
            add_action_errors(form, exc)
        else:
            messages.success(request, f"{letter.reference} is read from the email and checked.")
            return redirect("correspondence:detail", letter.pk)
    return render(
        request,
        "correspondence/upload.html",
        {"form": form, "flag_fields": _flag_fields(form)},
    )


def _render_detail(
    request: HttpRequest,
    person: Person,
    letter: Correspondence,
    *,
    sent_form: SentForm | None = None,
) -> HttpResponse:
    today = timezone.localdate()
    recipients = list(letter.recipients.select_related("person"))
    may_edit = access.can_edit(person, letter)
    context: dict[str, Any] = {
        "letter": letter,
        "lines": [
            (label, [r for r in recipients if r.line == key])
            for key, label in (("to", "To"), ("cc", "Cc"), ("bcc", "Bcc"))
        ],
        "check": letter.check_result,
        "capacity": CAPACITY_LABELS.get(letter.signatory_capacity, letter.signatory_capacity),
        "flags": [FLAG_LABELS[name] for name in FLAGS if getattr(letter, name)],
        "may_edit": may_edit,
        "may_check": access.can_check(person, letter, today),
        "may_send": access.can_record_sent(person, letter),
        "footer_fix": footer_fix_of(letter, today) if may_edit else None,
        "timeline": timeline_for(letter),
        "error_form": sent_form,
    }
    if context["may_send"]:
        context["sent_form"] = sent_form or SentForm(problems=letter.problems)
    return render(request, "correspondence/detail.html", context)


@login_required
def correspondence_detail(request: HttpRequest, correspondence_id: int) -> HttpResponse:
    person = _person(request)
    letter = access.access_correspondence_by_id(person, correspondence_id)
    return _render_detail(request, person, letter)


@login_required
@require_http_methods(["GET", "POST"])
def correspondence_edit(request: HttpRequest, correspondence_id: int) -> HttpResponse:
    person = _person(request)
    today = timezone.localdate()
    letter = access.access_correspondence_by_id(person, correspondence_id)
    if not access.can_edit(person, letter):
        raise PermissionDenied("Only its writer can change a draft.")
    recipients = list(letter.recipients.all())
    initial = {
        "signatory": str(letter.signatory_id),
        "signatory_capacity": letter.signatory_capacity,
        "subject": letter.subject,
        "body": letter.body,
        "outside": outside_text(recipients),
        **{
            line: [str(r.person_id) for r in recipients if r.line == line and r.person_id]
            for line in ("to", "cc", "bcc")
        },
        **letter.flags(),
        **initial_answers(letter.declared_facts or {}),
    }
    form = _draft_form(
        person,
        today,
        request.POST if request.method == "POST" else None,
        initial=initial,
        editing=True,
    )
    if request.method == "POST" and form.is_valid():
        try:
            do_edit_correspondence(
                letter,
                signatory=form.person("signatory") or letter.sender,
                signatory_capacity=form.cleaned_data["signatory_capacity"],
                subject=form.cleaned_data["subject"],
                body=form.cleaned_data["body"],
                recipients=form.recipients(),
                flags=form.flags(),
                declared=form.declared_answers(),
                today=today,
                acting_user=person,
            )
        except ValidationError as exc:
            add_action_errors(form, exc)
        else:
            messages.success(request, "The draft is changed and checked again.")
            return redirect("correspondence:detail", letter.pk)
    return render(
        request,
        "correspondence/new.html",
        {"form": form, "flag_fields": _flag_fields(form), "editing": letter},
    )


def _act(request: HttpRequest, correspondence_id: int) -> tuple[Person, Correspondence]:
    person = _person(request)
    return person, access.access_correspondence_by_id(person, correspondence_id)


@login_required
@require_POST
def correspondence_check(request: HttpRequest, correspondence_id: int) -> HttpResponse:
    person, letter = _act(request, correspondence_id)
    if not access.can_check(person, letter):
        raise PermissionDenied("Only its writer or the Clerk checks it.")
    do_check_correspondence(letter, acting_user=person)
    messages.success(request, "Checked again against the protocol.")
    return redirect("correspondence:detail", letter.pk)


@login_required
@require_POST
def correspondence_fix_footer(request: HttpRequest, correspondence_id: int) -> HttpResponse:
    person, letter = _act(request, correspondence_id)
    if not access.can_edit(person, letter):
        raise PermissionDenied("Only its writer can change a draft.")
    try:
        do_apply_footer_fix(letter, acting_user=person)
    except ValidationError as exc:
        messages.info(request, " ".join(exc.messages))
    else:
        messages.success(
            request, "The “CC councillor” lines are added and the draft checked again."
        )
    return redirect("correspondence:detail", letter.pk)


@login_required
@require_POST
def correspondence_sent(request: HttpRequest, correspondence_id: int) -> HttpResponse:
    person, letter = _act(request, correspondence_id)
    if not access.can_record_sent(person, letter):
        raise PermissionDenied("Only its writer records it as sent.")
    form = SentForm(request.POST, problems=letter.problems)
    if form.is_valid():
        try:
            do_record_sent(letter, acknowledge=form.cleaned_data["acknowledge"], acting_user=person)
        except ValidationError as exc:
            add_action_errors(form, exc)
        else:
            messages.success(request, f"{letter.reference} is recorded as sent, with its check.")
            return redirect("correspondence:detail", letter.pk)
    return _render_detail(request, person, letter, sent_form=form)


@login_required
@require_http_methods(["GET", "POST"])
def correspondence_ask(request: HttpRequest, correspondence_id: int) -> HttpResponse:
    """A member asks to see correspondence that is not theirs, through the access-request flow."""
    person = _person(request)
    letter = access.access_correspondence_to_ask(person, correspondence_id)
    form = AskForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            access_request = do_request_access(
                person,
                letter,
                purpose=data["purpose"],
                justification=data["justification"],
                third_party_name=data["third_party_name"],
                member_interest=data["member_interest"],
                acting_user=person,
            )
        except ValidationError as exc:
            add_action_errors(form, exc)
        else:
            decision = access_request.recommendation
            clauses = ", ".join(dict.fromkeys(c["clause"] for c in decision.get("citations", [])))
            messages.info(
                request,
                f"{access_request.get_status_display()} ({clauses}): {decision.get('explanation', '')}",
            )
            return redirect("documents:request", access_request.pk)
    return render(request, "correspondence/ask.html", {"letter": letter, "form": form})
