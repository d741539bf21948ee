"""``/api/v1/documents/{document_id}/file``: a document's file, through the access check."""

from __future__ import annotations

from django.http import Http404, HttpRequest
from django.http.response import HttpResponseBase
from ninja import Router

from propriety.api.auth import current_person
from propriety.api.schemas import READ_ERRORS
from propriety.audit.actions import do_record_event
from propriety.documents.access import access_document_by_id
from propriety.documents.files import file_response

router = Router(tags=["documents"])


@router.get(
    "/{document_id}/file",
    response={200: None, **READ_ERRORS},
    summary="Download a document's file",
    operation_id="download_document_file",
)
def download_file(request: HttpRequest, document_id: int) -> HttpResponseBase:
    """The file as uploaded, to whoever may read the document; 404 if they may not, if the
    document does not exist, or if it has no file (the three look the same)."""
    person = current_person(request)
    document = access_document_by_id(person, document_id)
    if not document.file:
        raise Http404("This document has no file.")
    do_record_event(
        person.council,
        action="document.downloaded",
        obj=document,
        details={"file_sha256": document.file_sha256, "through": "api"},
        acting_user=person,
    )
    return file_response(document)
