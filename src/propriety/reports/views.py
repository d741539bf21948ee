"""The written report and acting Proper Officer pages. Thin: parse, access, act, render."""

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
from propriety.protocoltext.scope import answers, scope_of
from propriety.reports import access
from propriety.reports.acting import QUESTION as ACTING
from propriety.reports.acting import do_record_acting_arrangement
from propriety.reports.actions import QUESTION, do_request_report, do_respond_to_report_request
from propriety.reports.forms import ActingForm, ReportRequestForm, RespondForm
from propriety.reports.listing import (
    ACTING_COLUMNS,
    ACTING_FILTERS,
    ACTING_SORTS,
    REPORT_COLUMNS,
    REPORT_FILTERS,
    REPORT_SORTS,
    sorted_arrangements,
    sorted_reports,
)
from propriety.reports.models import ReportRequest
from propriety.web.exports import export_format, export_rows
from propriety.web.forms import add_action_errors
from propriety.web.list_controls import read_controls
from propriety.web.paging import paginate


def _person(request: HttpRequest) -> Person:
    return request.user  # type: ignore[return-value]


@login_required
def report_list(request: HttpRequest) -> HttpResponse:
    person = _person(request)
    today = timezone.localdate()
    controls = read_controls(request, REPORT_FILTERS, REPORT_SORTS)
    reports = sorted_reports(
        controls.apply(access.reports_visible_to(person, today)), controls.sort
    )
    if fmt := export_format(request):
        return export_rows(reports, REPORT_COLUMNS, name="report-requests", fmt=fmt)
    listing = paginate(request, reports, noun="report requests")
    return render(
        request,
        "reports/list.html",
        {
            "listing": listing,
            "controls": controls,
            "can_request": access.may_request(person, today),
            "answered": answers(person.council, QUESTION),
            "scope": scope_of(person.council),
            "proper_officer": role_title(person.council, "proper_officer"),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def report_new(request: HttpRequest) -> HttpResponse:
    person = _person(request)
    if not access.may_request(person):
        raise Http404("Only serving members ask for written reports.")
    answered = answers(person.council, QUESTION)
    form = ReportRequestForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and answered and form.is_valid():
        try:
            report = do_request_report(person, **form.cleaned_data, acting_user=person)
        except ValidationError as exc:
            add_action_errors(form, exc)
        else:
            messages.success(
                request, f"{report.reference} recorded: {report.get_status_display().lower()}."
            )
            return redirect("reports:detail", report.pk)
    return render(
        request,
        "reports/new.html",
        {
            "form": form,
            "answered": answered,
            "scope": scope_of(person.council),
            "proper_officer": role_title(person.council, "proper_officer"),
        },
    )


def _detail(
    request: HttpRequest, report: ReportRequest, form: RespondForm | None = None
) -> HttpResponse:
    return render(
        request,
        "reports/detail.html",
        {
            "report": report,
            "decision": report.decision,
            "can_respond": access.can_respond(_person(request), report),
            "may_decline": report.status == ReportRequest.Status.REFERRED,
            "form": form or RespondForm(),
            "timeline": timeline_for(report),
        },
    )


@login_required
def report_detail(request: HttpRequest, report_id: int) -> HttpResponse:
    return _detail(request, access.access_report_request_by_id(_person(request), report_id))


@login_required
@require_POST
def report_respond(request: HttpRequest, report_id: int) -> HttpResponse:
    person = _person(request)
    report = access.access_report_request_by_id(person, report_id)
    if not access.can_respond(person, report):
        raise PermissionDenied("You do not answer this request.")
    form = RespondForm(request.POST)
    if form.is_valid():
        try:
            do_respond_to_report_request(report, **form.cleaned_data, acting_user=person)
        except ValidationError as exc:
            add_action_errors(form, exc)
        else:
            messages.success(request, f"Recorded: {report.get_status_display().lower()}.")
            return redirect("reports:detail", report.pk)
    return _detail(request, report, form)


# --- acting Proper Officer -------------------------------------------------------------


def _councillors(person: Person) -> list[Person]:
    today = timezone.localdate()
    return sorted(
        (
            p
            for p in Person.objects.for_council(person.council).filter(is_active=True)
            if p.is_councillor_on(today)
        ),
        key=lambda p: (p.full_name, p.pk),
    )


@login_required
def acting_list(request: HttpRequest) -> HttpResponse:
    person = _person(request)
    today = timezone.localdate()
    controls = read_controls(request, ACTING_FILTERS, ACTING_SORTS)
    rows = sorted_arrangements(
        controls.apply(access.arrangements_visible_to(person)), controls.sort, today
    )
    if fmt := export_format(request):
        return export_rows(rows, ACTING_COLUMNS, name="acting-proper-officer", fmt=fmt)
    listing = paginate(request, rows, noun="arrangements")
    return render(
        request,
        "reports/acting_list.html",
        {
            "listing": listing,
            "controls": controls,
            "can_record": access.can_record_acting(person),
            "answered": answers(person.council, ACTING),
            "scope": scope_of(person.council),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def acting_new(request: HttpRequest) -> HttpResponse:
    person = _person(request)
    if not access.can_record_acting(person):
        raise Http404("The chair of the council or the Proper Officer records these.")
    answered = answers(person.council, ACTING)
    form = ActingForm(
        request.POST if request.method == "POST" else None,
        councillors=_councillors(person),
        initial={"short_term": True},
    )
    if request.method == "POST" and answered and form.is_valid():
        try:
            arrangement = do_record_acting_arrangement(
                person, **form.cleaned_data, acting_user=person
            )
        except ValidationError as exc:
            add_action_errors(form, exc)
        else:
            messages.success(
                request,
                f"{arrangement.reference} recorded: the protocol "
                + ("allows it." if arrangement.allowed else "does not allow it."),
            )
            return redirect("reports:acting", arrangement.pk)
    return render(
        request,
        "reports/acting_new.html",
        {"form": form, "answered": answered, "scope": scope_of(person.council)},
    )


@login_required
def acting_detail(request: HttpRequest, arrangement_id: int) -> HttpResponse:
    arrangement = access.access_acting_arrangement_by_id(_person(request), arrangement_id)
    return render(
        request,
        "reports/acting.html",
        {
            "arrangement": arrangement,
            "decision": arrangement.decision,
            "timeline": timeline_for(arrangement),
        },
    )
