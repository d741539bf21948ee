"""Mail pages: the quarantine register, a message, an attachment, and the demo's mail sink."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import content_disposition_header
from django.views.decorators.http import require_http_methods

from propriety.enquiries.access import can_submit, enquiries_visible_to
from propriety.enquiries.actions import EnquiryRefused
from propriety.mail import access, sink
from propriety.mail.actions import do_convert_message, do_discard_message, do_file_message
from propriety.mail.forms import ConvertForm, DiscardForm, FileForm
from propriety.mail.listing import COLUMNS, FILTERS, SORTS, sorted_messages
from propriety.mail.models import InboundMessage
from propriety.people.models import Person
from propriety.web.exports import export_format, export_rows
from propriety.web.forms import add_action_errors
from propriety.web.list_controls import read_controls
from propriety.web.paging import paginate


def _person(request: HttpRequest) -> Person:
    return request.user  # type: ignore[return-value]


@login_required
def message_list(request: HttpRequest) -> HttpResponse:
    person = _person(request)
    if not access.can_handle(person):
        raise Http404("No such page.")
    controls = read_controls(request, FILTERS, SORTS)
    rows = sorted_messages(controls.apply(access.messages_visible_to(person)), controls.sort)
    if fmt := export_format(request):
        return export_rows(rows, COLUMNS, name="mail-in", fmt=fmt)
    listing = paginate(request, rows, noun="messages")
    return render(
        request,
        "mail/list.html",
        {
            "listing": listing,
            "controls": controls,
            "show": controls.values["show"],
            "address": person.council.enquiries_address,
        },
    )


def _forms(person: Person, data: dict[str, str] | None = None) -> dict[str, forms.Form]:
    members = [
        p
        for p in Person.objects.for_council(person.council).filter(is_active=True)
        if can_submit(p)
    ]
    return {
        "file_form": FileForm(data, enquiries=enquiries_visible_to(person), prefix="file"),
        "convert_form": ConvertForm(data, members=members, prefix="convert"),
        "discard_form": DiscardForm(data, prefix="discard"),
    }


@login_required
@require_http_methods(["GET", "POST"])
def message_detail(request: HttpRequest, message_id: int) -> HttpResponse:
    person = _person(request)
    message = access.access_message_by_id(person, message_id)
    handling = access.can_handle(person) and message.status == InboundMessage.Status.QUARANTINED
    context: dict[str, object] = {"message": message, "handling": handling}
    if handling:
        context.update(_forms(person))
    if request.method == "POST":
        if not handling:
            raise PermissionDenied("Only the Clerk deals with mail in quarantine.")
        done = _act(request, person, message, context)
        if done is not None:
            return done
    return render(request, "mail/detail.html", context)


def _act(
    request: HttpRequest, person: Person, message: InboundMessage, context: dict[str, object]
) -> HttpResponse | None:
    what = request.POST.get("do")
    built = _forms(person, request.POST.dict())
    name = {"file": "file_form", "convert": "convert_form", "discard": "discard_form"}.get(
        what or ""
    )
    if name is None:
        return None  # nothing asked for: show the page again
    form = built[name]
    context[name] = form
    if not form.is_valid():
        return None
    data = form.cleaned_data
    try:
        if what == "file":
            do_file_message(message, enquiry=data["enquiry"], acting_user=person)
            messages.success(request, f"Filed to {data['enquiry'].reference}.")
            return redirect("enquiries:detail", data["enquiry"].pk)
        if what == "convert":
            enquiry = do_convert_message(
                message, member=data["member"], subject=data["subject"], acting_user=person
            )
            messages.success(request, f"Recorded as enquiry {enquiry.reference}.")
            return redirect("enquiries:detail", enquiry.pk)
        do_discard_message(message, reason=data["reason"], acting_user=person)
        messages.success(request, f"{message.reference} discarded.")
        return redirect("mail:list")
    except ValidationError as error:
        add_action_errors(form, error)
    except EnquiryRefused as refused:
        form.add_error(
            None,
            "The protocol refuses this as an enquiry: "
            + refused.decision.explanation
            + " ("
            + ", ".join(f"{c.rulebook} {c.clause}" for c in refused.decision.citations)
            + ")",
        )
    return None


@login_required
def attachment_download(request: HttpRequest, attachment_id: int) -> HttpResponse:
    """The file, as a download (never shown inline), to whoever may see its case.

    Read whole: a message is at most ``PROPRIETY_MAIL_MAX_BYTES``, and no file
    handle outlives the request.
    """
    attachment = access.access_attachment_by_id(_person(request), attachment_id)
    with attachment.file.open("rb") as handle:
        data = handle.read()
    response = HttpResponse(data, content_type="application/octet-stream")
    response["Content-Disposition"] = content_disposition_header(True, attachment.filename)
    response["X-Content-Type-Options"] = "nosniff"
    return response


@login_required
def sink_list(request: HttpRequest) -> HttpResponse:
    """The demo's caught mail, for the Clerk: what Propriety would have sent."""
    person = _person(request)
    if not settings.PROPRIETY_MAIL_SINK or not access.can_handle(person):
        raise Http404("No such page.")
    addresses = {p.email.lower() for p in Person.objects.for_council(person.council) if p.email}
    caught = sink.caught_for(person.council_id, addresses)
    return render(
        request, "mail/sink.html", {"listing": paginate(request, caught, noun="messages")}
    )
