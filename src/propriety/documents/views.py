"""The document register, as the signed-in person may see it."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from propriety.documents.access import access_document_by_id, documents_visible_to
from propriety.people.models import Person


@login_required
def document_list(request: HttpRequest) -> HttpResponse:
    person: Person = request.user  # type: ignore[assignment]
    return render(request, "documents/list.html", {"documents": documents_visible_to(person)})


@login_required
def document_detail(request: HttpRequest, document_id: int) -> HttpResponse:
    person: Person = request.user  # type: ignore[assignment]
    document = access_document_by_id(person, document_id)
    return render(request, "documents/detail.html", {"document": document})
