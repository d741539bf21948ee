"""The media contact pages: the list (with its export), recording one, and its page."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from propriety.audit.timeline import timeline_for
from propriety.people.holders import is_officer
from propriety.press import access
from propriety.press.actions import (
    do_record_media_contact,
)
from propriety.press.forms import (
    MediaContactForm,
    add_action_errors,
)
from propriety.press.views.common import _person
from propriety.web.exports import Column, export_format, export_rows
from propriety.web.paging import paginate

CONTACT_COLUMNS = (
    Column("Reference", lambda c: c.reference),
    Column("Who", lambda c: c.person.full_name),
    Column("Capacity", lambda c: c.get_capacity_display()),
    Column("Outlet", lambda c: c.outlet),
    Column("Topic", lambda c: c.topic),
    Column("On", lambda c: c.contact_on),
    Column("Pre-election period", lambda c: c.pre_election),
)


@login_required
def media_contacts(request: HttpRequest) -> HttpResponse:
    person = _person(request)
    today = timezone.localdate()
    if fmt := export_format(request):
        rows = access.media_contacts_visible_to(person, today)
        return export_rows(rows, CONTACT_COLUMNS, name="media-contacts", fmt=fmt)
    return render(
        request,
        "press/media_contacts.html",
        {
            "contacts": (
                contacts := paginate(
                    request, access.media_contacts_visible_to(person, today), noun="media contacts"
                )
            ).items,
            "listing": contacts,
            "can_record": access.can_record_media_contact(person, today),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def media_contact_new(request: HttpRequest) -> HttpResponse:
    person = _person(request)
    today = timezone.localdate()
    if not access.can_record_media_contact(person, today):
        raise Http404("Only officers and members record media contacts.")
    officer = is_officer(person, today)
    form = MediaContactForm(request.POST if request.method == "POST" else None, officer=officer)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            contact = do_record_media_contact(
                person,
                capacity=data.get("capacity", "council"),
                outlet=data["outlet"],
                topic=data["topic"],
                political_comment=data["political_comment"],
                acting_user=person,
            )
        except ValidationError as exc:
            add_action_errors(form, exc)
        else:
            return redirect("press:media_contact", contact.pk)
    return render(request, "press/media_contact_new.html", {"form": form, "officer": officer})


@login_required
def media_contact_detail(request: HttpRequest, contact_id: int) -> HttpResponse:
    contact = access.access_media_contact_by_id(_person(request), contact_id)
    return render(
        request,
        "press/media_contact.html",
        {"contact": contact, "decision": contact.decision, "timeline": timeline_for(contact)},
    )
