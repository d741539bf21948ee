"""What the register pages and the access request pages share."""

from __future__ import annotations

from django.http import Http404, HttpRequest

from propriety.councils.protocol import role_title
from propriety.documents.access import (
    access_document_by_id,
)
from propriety.documents.models import AccessRequest, Document
from propriety.people.models import Person
from propriety.web.forms import add_action_errors

STATUS_TAGS = {
    AccessRequest.Status.AWAITING_DECISION: "govuk-tag--blue",
    AccessRequest.Status.RELEASED: "govuk-tag--green",
    AccessRequest.Status.REFUSED: "govuk-tag--red",
    AccessRequest.Status.WITHDRAWN: "govuk-tag--grey",
}


_the = role_title  # the council's words for a role, read in a sentence


def _person(request: HttpRequest) -> Person:
    return request.user  # type: ignore[return-value]


_add_errors = add_action_errors


def _readable(person: Person, document: Document | None) -> bool:
    if document is None:  # a request to see correspondence (see correspondence/opening.py)
        return False
    try:
        access_document_by_id(person, document.pk)
    except Http404:
        return False
    return True


def _decider(access_request: AccessRequest) -> str:
    """Who decides (or decided) the request, in the council's words."""
    if access_request.determined_by is not None:
        return access_request.determined_by.full_name
    if access_request.decider is not None:
        return access_request.decider.full_name
    if access_request.decider_role:
        return _the(access_request.council, access_request.decider_role)
    return "The protocol (automatic)"
