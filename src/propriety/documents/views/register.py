"""The document register's pages: the list (with its export), a document, and asking to
see one.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from propriety.audit.reads import record_read
from propriety.councils.access import can_set_up
from propriety.documents.access import (
    access_document_by_id,
    documents_visible_to,
    register_visible_to,
)
from propriety.documents.forms import (
    AskForm,
)
from propriety.documents.models import AccessRequest, Document
from propriety.documents.request_access import (
    access_requests_visible_to,
)
from propriety.documents.requests import (
    USE_ONLY_FOR_PURPOSE,
    do_request_access,
)
from propriety.documents.views.common import _add_errors, _decider, _person, _readable
from propriety.web.exports import Column, export_format, export_rows
from propriety.web.paging import paginate


@dataclass(frozen=True)
class RegisterRow:
    document: Document
    readable: bool
    own_request: AccessRequest | None


@login_required
def document_list(request: HttpRequest) -> HttpResponse:
    """Every entry of the register; the document itself only where the person may read it."""
    person = _person(request)
    today = timezone.localdate()
    readable = set(documents_visible_to(person, today).values_list("pk", flat=True))
    own: dict[int, AccessRequest] = {}
    # Oldest first, so the latest request for each document is the one kept.
    for access_request in (
        access_requests_visible_to(person, today)
        .filter(member=person)
        .order_by("requested_on", "pk")
    ):
        if access_request.document_id is not None:  # not a request to see correspondence
            own[access_request.document_id] = access_request
    register = register_visible_to(person).order_by("-meeting_date", "reference", "pk")
    if fmt := export_format(request):
        return export_rows(register, REGISTER_COLUMNS, name="document-register", fmt=fmt)
    listing = paginate(request, register, noun="documents")
    rows = [
        RegisterRow(document, document.pk in readable, own.get(document.pk))
        for document in listing.items
    ]
    return render(
        request,
        "documents/list.html",
        {
            "rows": rows,
            "listing": listing,
            "is_member": person.is_councillor_on(today),
            "keeper": can_set_up(person),
        },
    )


REGISTER_COLUMNS = (
    Column("Reference", lambda d: d.reference),
    Column("Title", lambda d: d.title),
    Column("Classification", lambda d: d.get_classification_display()),
    Column("Committee", lambda d: d.committee),
    Column("Meeting", lambda d: d.meeting_date),
)


@login_required
def document_detail(request: HttpRequest, document_id: int) -> HttpResponse:
    person = _person(request)
    document = access_document_by_id(person, document_id)
    record_read(person, document)
    released = (
        access_requests_visible_to(person)
        .filter(member=person, document=document, status=AccessRequest.Status.RELEASED)
        .order_by("-determined_on", "-pk")
        .first()
    )
    return render(
        request,
        "documents/detail.html",
        {
            "document": document,
            "released": released,
            "condition": USE_ONLY_FOR_PURPOSE,
            "keeper": can_set_up(person),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def ask(request: HttpRequest, document_id: int) -> HttpResponse:
    """A member asks to see a document and says why (need to know)."""
    person = _person(request)
    document = register_visible_to(person).filter(pk=document_id).first()
    if document is None:
        raise Http404("No such document.")
    if not person.is_councillor_on(timezone.localdate()):
        raise PermissionDenied("Only a serving member can ask to see a document.")
    form = AskForm(request.POST if request.method == "POST" else None, council=person.council)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            access_request = do_request_access(
                person,
                document,
                purpose=data["purpose"],
                justification=data["justification"],
                third_party_name=data["third_party_name"],
                member_interest=data["member_interest"],
                declared=form.declared_answers(),
                acting_user=person,
            )
        except ValidationError as exc:
            _add_errors(form, exc)
        else:
            _say_outcome(request, access_request)
            return redirect("documents:request", access_request.pk)
    return render(
        request,
        "documents/ask.html",
        {"document": document, "form": form, "readable": _readable(person, document)},
    )


def _clauses(decision: dict[str, Any]) -> str:
    return ", ".join(dict.fromkeys(c["clause"] for c in decision.get("citations", [])))


def _say_outcome(request: HttpRequest, access_request: AccessRequest) -> None:
    decision = access_request.recommendation
    reference = access_request.target_reference
    if access_request.status == AccessRequest.Status.RELEASED:
        messages.success(
            request,
            f"You can now read {reference} ({_clauses(decision)}). {USE_ONLY_FOR_PURPOSE}",
        )
    elif access_request.status == AccessRequest.Status.REFUSED:
        messages.info(
            request,
            f"Refused under {_clauses(decision)}: {decision.get('explanation', '')}",
        )
    else:
        messages.info(request, f"Your request has gone to {_decider(access_request)} to decide.")
