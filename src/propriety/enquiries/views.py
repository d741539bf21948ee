"""The enquiry pages: the list, a new enquiry, and the case page with its forms.

Views stay thin: parse the form, find the enquiry through access.py (404 for
one the person may not see), call the action, render. A form the person may
not use on an enquiry they can see is 403; the actions check again.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.safestring import SafeString
from django.views.decorators.http import require_http_methods, require_POST

from propriety.audit.timeline import timeline_for
from propriety.councils.protocol import role_title, the
from propriety.enquiries import access, list_cache
from propriety.enquiries.actions import (
    EnquiryRefused,
    do_acknowledge_enquiry,
    do_answer_enquiry,
    do_clarify_enquiry,
    do_close_enquiry,
    do_record_feedback,
    do_request_clarification,
    do_submit_enquiry,
    do_triage_enquiry,
    do_withdraw_enquiry,
)
from propriety.enquiries.addressees import addressees_for
from propriety.enquiries.agreements import (
    agreement_citations,
    do_end_direct_contact_agreement,
    do_record_direct_contact_agreement,
)
from propriety.enquiries.clocks import clocks_for, is_overdue
from propriety.enquiries.forms import (
    AcknowledgeForm,
    AgreementForm,
    AnswerForm,
    ClarificationRequestForm,
    ClarifyForm,
    CloseForm,
    EnquiryForm,
    FeedbackForm,
    TriageForm,
    WithdrawForm,
)
from propriety.enquiries.list_page import Asked, PreparedEnquiries, names, ward_options
from propriety.enquiries.listing import (
    EXPORT_COLUMNS,
    SHOWS,
    SORTS,
    filter_enquiries,
    list_rows,
    rows_html,
    sorted_enquiries,
)
from propriety.enquiries.models import Enquiry
from propriety.people.holders import is_casework_manager, officers_with_roles
from propriety.people.models import Person
from propriety.people.roles import Role
from propriety.protocol import format_date
from propriety.web.exports import export_format, export_rows
from propriety.web.forms import add_action_errors
from propriety.web.list_controls import options_html
from propriety.web.paging import MAX_ID, paginate, sort_choice


def _person(request: HttpRequest) -> Person:
    return request.user  # type: ignore[return-value]


# --- the list ---------------------------------------------------------------------------


def _int_or_none(value: str | None) -> int | None:
    """A filter's id as typed, or None for anything that is not one (an id the database
    could not hold included: it would overflow the driver)."""
    try:
        number = int(value) if value else None
    except ValueError:
        return None
    return number if number is not None and 1 <= number <= MAX_ID else None


def _chosen(request: HttpRequest) -> dict[str, str]:
    """The Clerk's filters the URL names (as typed: ``Asked`` keeps the valid ones)."""
    return {
        key: request.GET.get(key, "")
        for key in ("show", "officer", "ward", "status")
        if request.GET.get(key)
    }


@login_required
def enquiry_list(request: HttpRequest) -> HttpResponse:
    person = _person(request)
    today = timezone.localdate()
    manager = access.can_manage(person, today)
    filters = _chosen(request) if manager else {}
    asked = Asked(
        council=person.council,
        person=person,
        manager=manager,
        today=today,
        sort=sort_choice(request.GET, SORTS, "urgency"),
        show=filters.get("show", "") if filters.get("show") in SHOWS else "",
        officer=_int_or_none(filters.get("officer")),
        ward=_int_or_none(filters.get("ward")),
        status=filters.get("status", "") if filters.get("status") in Enquiry.Status.values else "",
    )
    if fmt := export_format(request):
        enquiries = filter_enquiries(
            access.visible_enquiries(person.council, person, manager=manager),
            show=asked.show,
            officer=asked.officer,
            ward=asked.ward,
            status=asked.status,
            today=today,
        )
        ordered = sorted_enquiries(enquiries, asked.sort, today)
        return export_rows(ordered, EXPORT_COLUMNS, name="enquiries", fmt=fmt)
    # The page's main block, kept per worker until the council's audit log moves, the
    # day turns or the reader's roles change (list_cache): the rest of the page (menu,
    # messages, the CSRF token) is rendered for each request as ever.
    key = list_cache.page_key(request, person, today) if list_cache.wanted(request) else None
    body = list_cache.PAGES.get(key, list_cache.seconds()) if key else None
    if body is None:
        body = _list_body(request, asked, filters)
        if key:
            list_cache.PAGES.put(key, body, list_cache.size())
    return render(request, "enquiries/list.html", {"body": body})


def _list_body(request: HttpRequest, asked: Asked, filters: dict[str, str]) -> SafeString:
    """The list page's main block: what the reader may see, filtered, sorted and paged."""
    person, today, manager = asked.person, asked.today, asked.manager
    listing = paginate(request, PreparedEnquiries(asked), noun="enquiries")
    rows = list_rows(listing.items, today, names(person.council, listing.items))
    return render_to_string(
        "enquiries/_list_body.html",
        {
            "council": person.council,
            "rows": rows,
            "rows_html": rows_html(rows),
            "listing": listing,
            "sort": asked.sort,
            "sorts": SORTS,
            "manager": manager,
            "can_submit": access.can_submit(person, today),
            "is_officer": not manager
            and access.enquiries_visible_to(person, today).filter(officer=person).exists(),
            "filters": filters,
            # Each select's options, built in Python (list_controls.options_html).
            "sort_options": options_html(SORTS.items(), asked.sort),
            "filter_fields": _filter_fields(person, filters, today) if manager else [],
            "today": today,
        },
    )


_SHOW_CHOICES = (("overdue", "Overdue"), ("due_this_week", "Due this week"))


def _filter_fields(
    person: Person, filters: dict[str, str], today: datetime.date
) -> list[tuple[str, str, SafeString]]:
    """The Clerk's filters (name, label, options), each with what the URL chose selected."""
    officers = officers_with_roles(person.council, today)
    return [
        ("show", "Show", options_html(_SHOW_CHOICES, filters.get("show", ""), first="All")),
        (
            "officer",
            "Officer",
            options_html(
                ((o.pk, o.name_and_title) for o in officers),
                filters.get("officer", ""),
                first="Any officer",
            ),
        ),
        (
            "ward",
            "Ward",
            options_html(ward_options(person.council), filters.get("ward", ""), first="Any ward"),
        ),
        (
            "status",
            "Status",
            options_html(Enquiry.Status.choices, filters.get("status", ""), first="Any status"),
        ),
    ]


# --- a new enquiry ----------------------------------------------------------------------


_the = the


def _enquiry_form(person: Person, today: datetime.date, data: Any = None) -> EnquiryForm:
    return EnquiryForm(
        data,
        officers=officers_with_roles(person.council, today),
        cabinet_member=any(r.role == Role.CABINET_MEMBER for r in person.roles_on(today)),
        agreements=access.agreements_usable_by(person, today),
        council=person.council,
        addressees=addressees_for(person.council),
    )


@login_required
@require_http_methods(["GET", "POST"])
def enquiry_new(request: HttpRequest) -> HttpResponse:
    person = _person(request)
    today = timezone.localdate()
    if not access.can_submit(person, today):
        raise Http404("Only members make enquiries.")
    form = _enquiry_form(person, today, request.POST if request.method == "POST" else None)
    refused: EnquiryRefused | None = None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            enquiry = do_submit_enquiry(
                person,
                subject=data["subject"],
                body=data["body"],
                kind=data["kind"],
                addressed_to=data["addressed_to"],
                addressed_officer=data["addressed_officer"],
                constituent_name=data["constituent_name"],
                asks_for_priority=data["asks_for_priority"],
                via_formal_decision=data["via_formal_decision"],
                delegated_authority=data.get("delegated_authority", False),
                agreement=data.get("agreement"),
                declared=form.declared_answers(),
                today=today,
                acting_user=person,
            )
        except EnquiryRefused as exc:
            refused = exc
        except ValidationError as exc:
            add_action_errors(form, exc)
        else:
            messages.success(
                request,
                f"Your enquiry {enquiry.reference} {_where_it_went(enquiry)} "
                f"An answer is due by {format_date(enquiry.respond_due)}.",
            )
            return redirect("enquiries:detail", enquiry.pk)
    return render(request, "enquiries/new.html", {"form": form, "refused": refused})


def _where_it_went(enquiry: Enquiry) -> str:
    """Who has a new enquiry, as its page will show: the officer it went to, or whoever
    the protocol sends it to; one for another officer, none named, waits with the Clerk."""
    if enquiry.officer:
        return f"has gone to {enquiry.officer.full_name}."
    if enquiry.status == Enquiry.Status.WITH_CLERK and enquiry.handler_role != Role.PROPER_OFFICER:
        clerk = _the(role_title(enquiry.council, Role.PROPER_OFFICER))
        return f"is with {clerk}, who passes it to an officer."
    return f"has gone to {_the(role_title(enquiry.council, enquiry.handler_role))}."


# --- the case page ----------------------------------------------------------------------

# Each form on the case page: its context name, its class, and who may use it.
_FORMS: dict[str, tuple[type[forms.Form], Callable[[Person, Enquiry, datetime.date], bool]]] = {
    "triage_form": (TriageForm, lambda p, e, d: access.can_manage(p, d) and e.is_open),
    "acknowledge_form": (
        AcknowledgeForm,
        lambda p, e, d: e.acknowledged_on is None and access.can_answer(p, e, d),
    ),
    "clarify_request_form": (ClarificationRequestForm, access.can_ask_clarification),
    "answer_form": (AnswerForm, access.can_answer),
    "clarify_form": (ClarifyForm, lambda p, e, d: access.can_clarify(p, e)),
    "feedback_form": (FeedbackForm, lambda p, e, d: access.can_give_feedback(p, e)),
    "close_form": (
        CloseForm,
        lambda p, e, d: (
            access.can_manage(p, d)
            and e.status not in (Enquiry.Status.CLOSED, Enquiry.Status.WITHDRAWN)
        ),
    ),
    "withdraw_form": (WithdrawForm, lambda p, e, d: access.can_withdraw(p, e)),
}


def _make_form(
    name: str,
    person: Person,
    today: datetime.date,
    data: Any = None,
    *,
    enquiry: Enquiry | None = None,
) -> forms.Form:
    form_class = _FORMS[name][0]
    if form_class is TriageForm:
        # Unbound on the case page: start from the enquiry's priority and officer.
        initial = (
            {"priority": enquiry.priority, "officer": enquiry.officer_id}
            if enquiry is not None and data is None
            else None
        )
        return TriageForm(
            data, initial=initial, officers=officers_with_roles(person.council, today)
        )
    return form_class(data)


def _case_page(
    request: HttpRequest,
    person: Person,
    enquiry: Enquiry,
    today: datetime.date,
    bound: tuple[str, forms.Form] | None = None,
) -> HttpResponse:
    context: dict[str, Any] = {}
    for name, (_, allowed) in _FORMS.items():
        if allowed(person, enquiry, today):
            context[name] = _make_form(name, person, today, enquiry=enquiry)
    if bound is not None:
        context[bound[0]] = bound[1]
        context["form"] = bound[1]  # for the error summary
        context["form_anchor"] = bound[0].removesuffix("_form").replace("_", "-")
    clocks = clocks_for(enquiry, today)
    return render(
        request,
        "enquiries/detail.html",
        {
            **context,
            "enquiry": enquiry,
            "clocks": clocks,
            "overdue": is_overdue(enquiry, today),
            "route": enquiry.route,
            "timeline": timeline_for(enquiry),
            "is_asker": access.is_asker(person, enquiry),
            "today": today,
        },
    )


@login_required
def enquiry_detail(request: HttpRequest, enquiry_id: int) -> HttpResponse:
    person = _person(request)
    today = timezone.localdate()
    enquiry = access.access_enquiry_by_id(person, enquiry_id, today)
    return _case_page(request, person, enquiry, today)


def _act(
    form_name: str,
    run: Callable[[Enquiry, dict[str, Any], Person, datetime.date], str],
) -> Callable[[HttpRequest, int], HttpResponse]:
    """A POST-only view for one case-page form: check, validate, act, redirect."""

    @login_required
    @require_POST
    def view(request: HttpRequest, enquiry_id: int) -> HttpResponse:
        person = _person(request)
        today = timezone.localdate()
        enquiry = access.access_enquiry_by_id(person, enquiry_id, today)
        if not _FORMS[form_name][1](person, enquiry, today):
            raise PermissionDenied("You cannot do that with this enquiry.")
        form = _make_form(form_name, person, today, request.POST)
        if form.is_valid():
            try:
                done = run(enquiry, form.cleaned_data, person, today)
            except ValidationError as exc:
                add_action_errors(form, exc)
            else:
                messages.success(request, done)
                return redirect("enquiries:detail", enquiry.pk)
        # The action may have changed the instance before refusing: show the stored state.
        enquiry = access.access_enquiry_by_id(person, enquiry_id, today)
        return _case_page(request, person, enquiry, today, bound=(form_name, form))

    view.__name__ = form_name.removesuffix("_form")
    return view


def _allocate(e: Enquiry, data: dict[str, Any], p: Person, d: datetime.date) -> str:
    do_triage_enquiry(e, priority=data["priority"], officer=data["officer"], today=d, acting_user=p)
    return f"{e.reference} is with {data['officer'].full_name}, priority {e.get_priority_display().lower()}."


def _acknowledge(e: Enquiry, data: dict[str, Any], p: Person, d: datetime.date) -> str:
    do_acknowledge_enquiry(e, today=d, acting_user=p)
    return f"You acknowledged {e.reference}."


def _request_clarification(e: Enquiry, data: dict[str, Any], p: Person, d: datetime.date) -> str:
    do_request_clarification(e, question=data["question"], today=d, acting_user=p)
    return (
        f"You asked the councillor to clarify {e.reference}. The clock is paused until they reply."
    )


def _clarify(e: Enquiry, data: dict[str, Any], p: Person, d: datetime.date) -> str:
    do_clarify_enquiry(e, reply=data["reply"], today=d, acting_user=p)
    return f"Your reply was sent. An answer is now due by {format_date(e.respond_due)}."


def _answer(e: Enquiry, data: dict[str, Any], p: Person, d: datetime.date) -> str:
    do_answer_enquiry(e, answer=data["answer"], today=d, acting_user=p)
    return f"You answered {e.reference}."


def _feedback(e: Enquiry, data: dict[str, Any], p: Person, d: datetime.date) -> str:
    do_record_feedback(
        e, answered=data["answered"], comment=data["comment"], today=d, acting_user=p
    )
    if data["answered"]:
        return f"Thank you. {e.reference} is closed."
    return f"{e.reference} is back with the officer. The original due date stands."


def _close(e: Enquiry, data: dict[str, Any], p: Person, d: datetime.date) -> str:
    do_close_enquiry(e, reason=data["reason"], today=d, acting_user=p)
    return f"{e.reference} is closed."


def _withdraw(e: Enquiry, data: dict[str, Any], p: Person, d: datetime.date) -> str:
    do_withdraw_enquiry(e, reason=data["reason"], today=d, acting_user=p)
    return f"You withdrew {e.reference}."


enquiry_allocate = _act("triage_form", _allocate)
enquiry_acknowledge = _act("acknowledge_form", _acknowledge)
enquiry_clarify_request = _act("clarify_request_form", _request_clarification)
enquiry_clarify = _act("clarify_form", _clarify)
enquiry_answer = _act("answer_form", _answer)
enquiry_feedback = _act("feedback_form", _feedback)
enquiry_close = _act("close_form", _close)
enquiry_withdraw = _act("withdraw_form", _withdraw)


# --- agreements for direct contact --------------------------------------------------------


def _agreement_form(person: Person, today: datetime.date, data: Any = None) -> AgreementForm:
    officers = [
        o for o in officers_with_roles(person.council, today) if not is_casework_manager(o, today)
    ]
    members = sorted(
        (p for p in Person.objects.for_council(person.council) if p.is_councillor_on(today)),
        key=lambda p: p.full_name,
    )
    return AgreementForm(data, officers=officers, members=members, initial={"starts_on": today})


def _agreements_page(
    request: HttpRequest, person: Person, today: datetime.date, form: AgreementForm | None = None
) -> HttpResponse:
    manager = access.can_manage(person, today)
    if manager and form is None:
        form = _agreement_form(person, today)
    listing = paginate(request, access.agreements_visible_to(person, today), noun="agreements")
    return render(
        request,
        "enquiries/agreements.html",
        {
            "rows": [
                (a, a.state(today), access.can_end_agreement(person, a, today))
                for a in listing.items
            ],
            "listing": listing,
            "manager": manager,
            "form": form,
            "citations": agreement_citations(person.council, today),
            "today": today,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def agreement_list(request: HttpRequest) -> HttpResponse:
    """The agreements that concern the person; the Clerk adds one with the form on the page."""
    person = _person(request)
    today = timezone.localdate()
    if request.method == "GET":
        return _agreements_page(request, person, today)
    if not access.can_manage(person, today):
        raise PermissionDenied("Only the Clerk records agreements for direct contact.")
    form = _agreement_form(person, today, request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            agreement = do_record_direct_contact_agreement(
                officer=data["officer"],
                matter=data["matter"],
                member=data["member"],
                starts_on=data["starts_on"],
                ends_on=data["ends_on"],
                instructions_approved=data["instructions_approved"],
                today=today,
                acting_user=person,
            )
        except ValidationError as exc:
            add_action_errors(form, exc)
        else:
            messages.success(request, f"You recorded agreement {agreement.reference}.")
            return redirect("enquiries:agreements")
    return _agreements_page(request, person, today, form)


@login_required
@require_POST
def agreement_end(request: HttpRequest, agreement_id: int) -> HttpResponse:
    person = _person(request)
    today = timezone.localdate()
    agreement = access.access_agreement_by_id(person, agreement_id, today)
    if not access.can_manage(person, today):
        raise PermissionDenied("Only the Clerk ends agreements for direct contact.")
    try:
        do_end_direct_contact_agreement(agreement, today=today, acting_user=person)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, f"You ended agreement {agreement.reference}.")
    return redirect("enquiries:agreements")
