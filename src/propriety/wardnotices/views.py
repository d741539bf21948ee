"""The ward notice pages. Thin: parse, access, act, render."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from propriety.audit.timeline import timeline_for
from propriety.councils.models import Ward
from propriety.people.holders import is_casework_manager, officers_of
from propriety.people.models import Person
from propriety.press.rules import election_on
from propriety.protocoltext.scope import answers, scope_of
from propriety.wardnotices import access
from propriety.wardnotices.actions import QUESTION, do_decide_ward_notice, do_record_ward_notice
from propriety.wardnotices.forms import WardNoticeForm
from propriety.wardnotices.listing import COLUMNS, SORTS, filters_for, prefetched, sorted_notices
from propriety.wardnotices.models import WardNotice
from propriety.web.exports import export_format, export_rows
from propriety.web.forms import DecideForm, add_action_errors
from propriety.web.list_controls import read_controls
from propriety.web.paging import paginate


def _person(request: HttpRequest) -> Person:
    return request.user  # type: ignore[return-value]


@login_required
def notice_list(request: HttpRequest) -> HttpResponse:
    person = _person(request)
    today = timezone.localdate()
    controls = read_controls(request, filters_for(person.council), SORTS)
    notices = sorted_notices(
        controls.apply(access.notices_visible_to(person, today)), controls.sort, today
    )
    if fmt := export_format(request):
        return export_rows(prefetched(notices), COLUMNS, name="ward-notices", fmt=fmt)
    listing = paginate(request, notices, noun="ward notices")
    return render(
        request,
        "wardnotices/list.html",
        {
            "listing": listing,
            "controls": controls,
            "can_record": bool(access.events_for(person, today)),
            "answered": answers(person.council, QUESTION),
            "scope": scope_of(person.council),
            "election": election_on(person.council, today),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def notice_new(request: HttpRequest) -> HttpResponse:
    person = _person(request)
    today = timezone.localdate()
    events = access.events_for(person, today)
    if not events:
        raise Http404("Only officers and serving members record ward notices.")
    answered = answers(person.council, QUESTION)
    form = WardNoticeForm(
        request.POST if request.method == "POST" else None,
        events=events,
        wards=list(Ward.objects.for_council(person.council).order_by("name")),
        # The Clerk records visits for other officers; an officer records their own.
        officers=[p for p in officers_of(person.council, today) if p.pk != person.pk]
        if is_casework_manager(person, today)
        else [],
    )
    if request.method == "POST" and answered and form.is_valid():
        data = form.cleaned_data
        try:
            notice = do_record_ward_notice(
                person,
                event=data["event"],
                title=data["title"],
                takes_place_on=data["takes_place_on"],
                wards=data["wards"],
                details=data["details"],
                party_political=data["party_political"],
                visiting_officer=data.get("visiting_officer"),
                acting_user=person,
            )
        except ValidationError as exc:
            add_action_errors(form, exc)
        else:
            told = notice.members_told.count()
            messages.success(
                request,
                f"Recorded: {notice.get_outcome_display().lower()}. "
                f"{told} {'person' if told == 1 else 'people'} told by email.",
            )
            return redirect("wardnotices:detail", notice.pk)
    return render(
        request,
        "wardnotices/new.html",
        {
            "form": form,
            "answered": answered,
            "scope": scope_of(person.council),
            "election": election_on(person.council, today),
        },
    )


def _detail(
    request: HttpRequest, notice: WardNotice, form: DecideForm | None = None
) -> HttpResponse:
    return render(
        request,
        "wardnotices/detail.html",
        {
            "notice": notice,
            "decision": notice.decision,
            "wards": notice.wards.order_by("name"),
            "told": notice.members_told.order_by("full_name"),
            "can_decide": access.can_decide(_person(request), notice),
            "deciders": access.deciders_of(notice)
            if notice.outcome == WardNotice.Outcome.REFERRED
            else [],
            "form": form or DecideForm(),
            "timeline": timeline_for(notice),
        },
    )


@login_required
def notice_detail(request: HttpRequest, notice_id: int) -> HttpResponse:
    return _detail(request, access.access_ward_notice_by_id(_person(request), notice_id))


@login_required
@require_POST
def notice_decide(request: HttpRequest, notice_id: int) -> HttpResponse:
    person = _person(request)
    notice = access.access_ward_notice_by_id(person, notice_id)
    if not access.can_decide(person, notice):
        raise PermissionDenied("You do not decide this ward notice.")
    form = DecideForm(request.POST)
    if form.is_valid():
        try:
            do_decide_ward_notice(
                notice,
                allow=form.cleaned_data["allow"],
                reasons=form.cleaned_data["reasons"],
                acting_user=person,
            )
        except ValidationError as exc:
            add_action_errors(form, exc)
        else:
            messages.success(request, "Decision recorded.")
            return redirect("wardnotices:detail", notice.pk)
    return _detail(request, notice, form)
