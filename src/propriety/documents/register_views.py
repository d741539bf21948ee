"""Keeping the register: the Clerk adds, reclassifies and imports documents; anyone
who may read a document downloads its file, only through the access check."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from propriety.audit.actions import do_record_event
from propriety.councils.access import can_set_up
from propriety.documents.access import access_document_by_id
from propriety.documents.actions import do_create_document, do_reclassify_document
from propriety.documents.files import file_response
from propriety.documents.importing import import_documents
from propriety.documents.register_forms import DocumentForm, DocumentImportForm, ReclassifyForm
from propriety.people.models import Person
from propriety.web.forms import add_action_errors


def _keeper(request: HttpRequest) -> Person:
    """The Clerk, who keeps the register; 403 for anyone else."""
    person: Person = request.user  # type: ignore[assignment]
    if not can_set_up(person):
        raise PermissionDenied("Only the Clerk keeps the register.")
    return person


@login_required
@require_http_methods(["GET", "POST"])
def document_new(request: HttpRequest) -> HttpResponse:
    person = _keeper(request)
    posted = request.method == "POST"
    form = DocumentForm(
        request.POST if posted else None, request.FILES if posted else None, council=person.council
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            document = do_create_document(
                person.council,
                title=data["title"],
                reference=data["reference"],
                classification=data["classification"],
                exempt_category=data["exempt_category"],
                contains_personal_data=data["contains_personal_data"],
                committee=form.chosen_committee(),
                meeting_date=data["meeting_date"],
                dated=data["dated"],
                summary=data["summary"],
                file=data["file"],
                acting_user=person,
            )
        except ValidationError as exc:
            add_action_errors(form, exc)
        else:
            messages.success(request, f"You added {document.reference} to the register.")
            return redirect("documents:detail", document_id=document.pk)
    max_mb = settings.PROPRIETY_MAX_UPLOAD_BYTES / (1024 * 1024)
    return render(request, "documents/new.html", {"form": form, "max_mb": f"{max_mb:g}"})


@login_required
@require_http_methods(["GET", "POST"])
def reclassify(request: HttpRequest, document_id: int) -> HttpResponse:
    document = access_document_by_id(request.user, document_id)  # type: ignore[arg-type]
    person = _keeper(request)
    initial = {
        "classification": document.classification,
        "exempt_category": document.exempt_category,
        "contains_personal_data": document.contains_personal_data,
    }
    form = ReclassifyForm(request.POST if request.method == "POST" else None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            do_reclassify_document(
                document,
                classification=data["classification"],
                exempt_category=data["exempt_category"],
                contains_personal_data=data["contains_personal_data"],
                reasons=data["reasons"],
                acting_user=person,
            )
        except ValidationError as exc:
            add_action_errors(form, exc)
        else:
            messages.success(request, f"You reclassified {document.reference}.")
            return redirect("documents:detail", document_id=document.pk)
    return render(request, "documents/reclassify.html", {"form": form, "document": document})


@login_required
def download(request: HttpRequest, document_id: int) -> HttpResponseBase:
    """The document's file, to whoever may read the document (404 for anyone else)."""
    person: Person = request.user  # type: ignore[assignment]
    document = access_document_by_id(person, document_id)
    if not document.file:
        raise Http404("This document has no file.")
    do_record_event(
        person.council,
        action="document.downloaded",
        obj=document,
        details={"file_sha256": document.file_sha256},
        acting_user=person,
    )
    return file_response(document)


@login_required
@require_http_methods(["GET", "POST"])
def documents_import(request: HttpRequest) -> HttpResponse:
    """A CSV of the documents and a zip of their files; all of it is imported, or none."""
    person = _keeper(request)
    posted = request.method == "POST"
    form = DocumentImportForm(request.POST if posted else None, request.FILES if posted else None)
    report = None
    if request.method == "POST" and form.is_valid():
        csv_file, zip_file = form.cleaned_data["csv_file"], form.cleaned_data["files_zip"]
        report = import_documents(
            person.council,
            csv_file.read(),
            files=zip_file,
            source=csv_file.name,
            acting_user=person,
        )
        if report.ok:
            messages.success(request, report.summary())
            return redirect("documents:list")
    return render(request, "documents/import.html", {"form": form, "report": report})
