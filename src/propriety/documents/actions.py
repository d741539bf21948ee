"""Writes to the document register. Each runs in one audited transaction."""

from __future__ import annotations

import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files import File

from propriety.audit.recording import recording
from propriety.councils.locking import locked
from propriety.councils.models import Committee, Council
from propriety.documents.files import StoredFile, check_upload, discard, store
from propriety.documents.models import Classification, Document, ExemptCategory
from propriety.people.models import Person


def check_classification(classification: str, exempt_category: int | None) -> None:
    """Exempt documents name their Schedule 12A paragraph; no other document does."""
    if classification not in Classification.values:
        raise ValidationError(
            {
                "classification": f"Unknown classification {classification!r}: choose one of "
                f"{', '.join(Classification.values)}."
            }
        )
    if classification == Classification.EXEMPT:
        if exempt_category is None:
            raise ValidationError(
                {
                    "exempt_category": "Say which paragraph of Schedule 12A to the Local "
                    "Government Act 1972 makes this document exempt (1 to 7)."
                }
            )
        if exempt_category not in ExemptCategory.values:
            raise ValidationError(
                {
                    "exempt_category": f"Schedule 12A Part 1 has paragraphs 1 to 7; "
                    f"got {exempt_category!r}."
                }
            )
    elif exempt_category is not None:
        raise ValidationError(
            {
                "exempt_category": "Only exempt documents have a Schedule 12A category: "
                "leave it blank, or classify the document as exempt."
            }
        )


def next_reference(council: Council, day: datetime.date) -> str:
    """A reference for a document added without one: D<year>/<n>, the next free number."""
    taken = set(
        Document.objects.for_council(council)
        .filter(reference__startswith=f"D{day.year}/")
        .values_list("reference", flat=True)
    )
    n = len(taken) + 1
    while f"D{day.year}/{n}" in taken:
        n += 1
    return f"D{day.year}/{n}"


def do_create_document(
    council: Council,
    *,
    title: str,
    reference: str,
    classification: str,
    exempt_category: int | None = None,
    committee: Committee | None = None,
    meeting_date: datetime.date | None = None,
    dated: datetime.date | None = None,
    contains_personal_data: bool = False,
    summary: str = "",
    body: str = "",
    file: File[Any] | None = None,
    acting_user: Person | None,
) -> Document:
    """Add a document to the council's register, with its file if there is one.

    The file goes to the documents storage under a random name; its SHA-256,
    size and original name go into the audit event, so what was filed can be
    proved later. If anything fails, the stored file is removed again.
    """
    check_classification(classification, exempt_category)
    if file is not None:
        check_upload(file)
    if committee is not None and committee.council_id != council.pk:
        raise ValidationError({"committee": "That committee belongs to another council."})
    stored: StoredFile | None = None
    try:
        with recording(council=council, actor=acting_user, action="document.created") as rec:
            document = Document(
                council=council,
                title=title.strip(),
                reference=reference.strip()
                or next_reference(council, dated or meeting_date or datetime.date.today()),
                classification=classification,
                exempt_category=exempt_category,
                committee=committee,
                meeting_date=meeting_date,
                dated=dated,
                contains_personal_data=contains_personal_data,
                summary=summary,
                body=body,
            )
            document.full_clean(exclude=["file"])
            if file is not None:
                stored = store(document, file)
            document.save()
            rec.obj = document
            rec.details = {
                "says": f"Added {document.reference} “{document.title}” to the register.",
                "classification": classification,
                "exempt_category": exempt_category,
                "contains_personal_data": contains_personal_data,
                **(stored.audit() if stored else {}),
            }
    except BaseException:
        if stored is not None:
            discard(stored)
        raise
    return document


def do_reclassify_document(
    document: Document,
    *,
    classification: str,
    exempt_category: int | None = None,
    contains_personal_data: bool | None = None,
    reasons: str = "",
    acting_user: Person | None,
) -> Document:
    """Change how a document is classified (e.g. exempt information made public), with reasons."""
    check_classification(classification, exempt_category)
    if acting_user is not None and not reasons.strip():
        raise ValidationError({"reasons": "Give the reasons for the new classification."})
    with locked(document):
        personal = (
            document.contains_personal_data
            if contains_personal_data is None
            else contains_personal_data
        )
        before = {
            "classification": document.classification,
            "exempt_category": document.exempt_category,
            "contains_personal_data": document.contains_personal_data,
        }
        after = {
            "classification": classification,
            "exempt_category": exempt_category,
            "contains_personal_data": personal,
        }
        if before == after:
            raise ValidationError(
                {"classification": "That is how the document is classified already."}
            )
        with recording(
            council=document.council,
            actor=acting_user,
            action="document.reclassified",
            obj=document,
        ) as rec:
            document.classification = classification
            document.exempt_category = exempt_category
            document.contains_personal_data = personal
            rec.details = {
                "says": f"Reclassified as {document.get_classification_display().lower()}"
                + (f" ({document.get_exempt_category_display()})" if exempt_category else "")
                + (", with third-party personal data" if personal else "")
                + (f": {reasons.strip()}" if reasons.strip() else "."),
                "from": before,
                "to": after,
                "reasons": reasons.strip(),
            }
            document.save(
                update_fields=[
                    "classification",
                    "exempt_category",
                    "contains_personal_data",
                    "updated_at",
                ]
            )
    return document
