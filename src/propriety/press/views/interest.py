"""The media interest pages: the list (with its export), recording one, and its page."""

from __future__ import annotations

import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from propriety.audit.timeline import timeline_for
from propriety.councils.models import Ward
from propriety.people.models import Person
from propriety.press import access
from propriety.press.actions import (
    do_record_media_interest,
)
from propriety.press.forms import (
    MediaInterestForm,
    add_action_errors,
)
from propriety.press.views.common import _person
from propriety.web.exports import Column, export_format, export_rows
from propriety.web.paging import paginate

INTEREST_COLUMNS = (
    Column("Reference", lambda r: r.reference),
    Column("Matter", lambda r: r.matter),
    Column("Outlet", lambda r: r.outlet),
    Column("Ward", lambda r: r.ward),
    Column("Recorded by", lambda r: r.recorded_by.full_name),
    Column("Recorded on", lambda r: r.recorded_on),
)


@login_required
def media_interest_list(request: HttpRequest) -> HttpResponse:
    person = _person(request)
    today = timezone.localdate()
    if fmt := export_format(request):
        rows = access.media_interest_visible_to(person, today)
        return export_rows(rows, INTEREST_COLUMNS, name="media-interest", fmt=fmt)
    return render(
        request,
        "press/media_interest_list.html",
        {
            "records": (
                records := paginate(
                    request, access.media_interest_visible_to(person, today), noun="records"
                )
            ).items,
            "listing": records,
            "can_record": access.can_record_media_interest(person, today),
        },
    )


def _members(person: Person, today: datetime.date) -> list[Person]:
    return sorted(
        (
            p
            for p in Person.objects.for_council(person.council).filter(is_active=True)
            if p.is_councillor_on(today)
        ),
        key=lambda p: (p.full_name, p.pk),
    )


@login_required
@require_http_methods(["GET", "POST"])
def media_interest_new(request: HttpRequest) -> HttpResponse:
    person = _person(request)
    today = timezone.localdate()
    if not access.can_record_media_interest(person, today):
        raise Http404("Only officers record media interest.")
    form = MediaInterestForm(
        request.POST if request.method == "POST" else None,
        wards=list(Ward.objects.for_council(person.council).order_by("name")),
        members=_members(person, today),
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            record = do_record_media_interest(
                person,
                matter=data["matter"],
                details=data["details"],
                outlet=data["outlet"],
                ward=data["ward"],
                also_tell=data["also_tell"],
                acting_user=person,
            )
        except ValidationError as exc:
            add_action_errors(form, exc)
        else:
            told = record.members_told.count()
            messages.success(
                request, f"Recorded. {told} member{'s' if told != 1 else ''} told by email."
            )
            return redirect("press:media_interest", record.pk)
    return render(request, "press/media_interest_new.html", {"form": form})


@login_required
def media_interest_detail(request: HttpRequest, interest_id: int) -> HttpResponse:
    record = access.access_media_interest_by_id(_person(request), interest_id)
    return render(
        request,
        "press/media_interest.html",
        {
            "record": record,
            "decision": record.decision,
            "told": record.members_told.order_by("full_name"),
            "timeline": timeline_for(record),
        },
    )
