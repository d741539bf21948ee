"""``/api/v1/documents``: the register, reading a document, and asking to see one."""

from __future__ import annotations

from django.http import Http404, HttpRequest
from ninja import Query, Router, Status

from propriety.api.auth import current_person
from propriety.api.paging import Paged, PageIn, paged
from propriety.api.schemas import (
    ERRORS,
    READ_ERRORS,
)
from propriety.audit.reads import record_read
from propriety.documents.access import (
    access_document_by_id,
    documents_visible_to,
    register_visible_to,
)
from propriety.documents.api.schemas import (
    AccessRequestIn,
    AccessRequestOut,
    DocumentOut,
    RegisterEntryOut,
    _entry_fields,
    access_request_out,
)
from propriety.documents.requests import (
    do_request_access,
)

documents_router = Router(tags=["documents"])


@documents_router.get(
    "",
    response={200: Paged[RegisterEntryOut], **READ_ERRORS},
    summary="The document register",
    operation_id="list_documents",
)
def list_documents(request: HttpRequest, paging: Query[PageIn]) -> Paged[RegisterEntryOut]:
    """Every entry of the council's register (reference, title, classification, committee),
    so a member can ask to see a document; `readable` says whether you may read it now."""
    person = current_person(request)
    readable = set(documents_visible_to(person).values_list("pk", flat=True))
    return paged(
        register_visible_to(person).order_by("-meeting_date", "reference", "pk"),
        paging,
        lambda d: RegisterEntryOut(**_entry_fields(d, d.pk in readable)),  # type: ignore[arg-type]
    )


@documents_router.get(
    "/{document_id}",
    response={200: DocumentOut, **READ_ERRORS},
    summary="Read a document",
    operation_id="get_document",
)
def get_document(request: HttpRequest, document_id: int) -> DocumentOut:
    """The document with its text, if you may read it: public, your committee's business, or
    released to you on an access request. 404 otherwise, the same as for a missing one:
    ask to see it with POST /documents/{id}/access-requests."""
    person = current_person(request)
    document = record_read(person, access_document_by_id(person, document_id))
    return DocumentOut(
        **_entry_fields(document, True),  # type: ignore[arg-type]
        summary=document.summary,
        body=document.body,
    )


@documents_router.post(
    "/{document_id}/access-requests",
    response={201: AccessRequestOut, **ERRORS},
    summary="Ask to see a document (need to know)",
    operation_id="request_document_access",
)
def request_document(
    request: HttpRequest, document_id: int, payload: AccessRequestIn
) -> Status[AccessRequestOut]:
    """A serving member asks to see a document on the register and says why. The council's
    rulebook releases it at once, refuses citing its clause, or leaves the decision to an
    officer with a recommendation (`status` is then `awaiting_decision`)."""
    person = current_person(request)
    document = register_visible_to(person).filter(pk=document_id).first()
    if document is None:
        raise Http404("No such document.")
    made = do_request_access(
        person,
        document,
        purpose=payload.purpose,
        justification=payload.justification,
        third_party_name=payload.third_party_name,
        member_interest=payload.member_interest,
        declared=payload.facts,
        acting_user=person,
    )
    return Status(201, access_request_out(made, person))
