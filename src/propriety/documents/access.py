"""Who may see which document.

The Clerk (and a principal council's Chief Executive) sees every document of
their council; everyone else sees public documents, the documents of
committees they sit on today, and documents released to them on an access
request (need to know, see the requests/ package).
"""

from __future__ import annotations

import datetime

from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils import timezone

from propriety.documents.models import AccessRequest, Classification, Document
from propriety.people.models import Person
from propriety.people.roles import COMMITTEE_ROLES, Role

SEES_EVERY_DOCUMENT = frozenset({Role.PROPER_OFFICER, Role.CHIEF_EXECUTIVE})


def _committee_ids(person: Person, day: datetime.date) -> set[int]:
    return {
        r.committee_id
        for r in person.roles_on(day)
        if r.role in COMMITTEE_ROLES and r.committee_id is not None
    }


def documents_visible_to(person: Person, day: datetime.date | None = None) -> QuerySet[Document]:
    day = day or timezone.localdate()
    documents = Document.objects.for_council(person.council).select_related("committee")
    if any(r.role in SEES_EVERY_DOCUMENT for r in person.roles_on(day)):
        return documents
    return documents.filter(
        Q(classification=Classification.PUBLIC)
        | Q(committee_id__in=_committee_ids(person, day))
        | Q(pk__in=_released_ids(person))
    )


def _released_ids(person: Person) -> set[int]:
    return set(
        AccessRequest.objects.for_council(person.council)
        .filter(member=person, status=AccessRequest.Status.RELEASED)
        .values_list("document_id", flat=True)
    )


def register_visible_to(person: Person) -> QuerySet[Document]:
    """The register's entries (reference, title, classification, committee).

    Every serving member and officer of the council may see what the register
    holds, so that a member can ask for a document; the content itself is
    what access_document_by_id guards.
    """
    return Document.objects.for_council(person.council).select_related("committee")


def access_document_by_id(
    person: Person, document_id: int, day: datetime.date | None = None
) -> Document:
    """The document, or 404 whether it is missing, another council's, or not for this person."""
    day = day or timezone.localdate()
    document: Document | None = (
        Document.objects.for_council(person.council)
        .select_related("committee")
        .filter(pk=document_id)
        .first()
    )
    if document is None:
        raise Http404("No such document.")
    roles = person.roles_on(day)
    if any(r.role in SEES_EVERY_DOCUMENT for r in roles):
        return document
    if document.classification == Classification.PUBLIC:
        return document
    if document.committee_id is not None and document.committee_id in _committee_ids(person, day):
        return document
    if document.pk in _released_ids(person):
        return document
    raise Http404("No such document.")
