"""Writes to the document register. Each runs in one audited transaction."""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError

from propriety.audit.recording import recording
from propriety.councils.locking import locks_row
from propriety.councils.models import Committee, Council
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


def do_create_document(
    council: Council,
    *,
    title: str,
    reference: str,
    classification: str,
    exempt_category: int | None = None,
    committee: Committee | None = None,
    meeting_date: datetime.date | None = None,
    summary: str = "",
    body: str = "",
    acting_user: Person | None,
) -> Document:
    """Add a document to the council's register."""
    check_classification(classification, exempt_category)
    with recording(council=council, actor=acting_user, action="document.created") as rec:
        document = Document(
            council=council,
            title=title,
            reference=reference,
            classification=classification,
            exempt_category=exempt_category,
            committee=committee,
            meeting_date=meeting_date,
            summary=summary,
            body=body,
        )
        if committee is not None and committee.council_id != council.pk:
            raise ValidationError({"committee": "That committee belongs to another council."})
        document.full_clean()
        document.save()
        rec.obj = document
        rec.details = {"classification": classification, "exempt_category": exempt_category}
    return document


@locks_row
def do_reclassify_document(
    document: Document,
    *,
    classification: str,
    exempt_category: int | None = None,
    acting_user: Person | None,
) -> Document:
    """Change how a document is classified (e.g. exempt information made public)."""
    check_classification(classification, exempt_category)
    if (document.classification, document.exempt_category) == (classification, exempt_category):
        raise ValidationError(
            {"classification": "The document is already classified like that: nothing to change."}
        )
    with recording(
        council=document.council, actor=acting_user, action="document.reclassified", obj=document
    ) as rec:
        rec.details = {
            "from": {
                "classification": document.classification,
                "exempt_category": document.exempt_category,
            },
            "to": {"classification": classification, "exempt_category": exempt_category},
        }
        document.classification = classification
        document.exempt_category = exempt_category
        document.save(update_fields=["classification", "exempt_category", "updated_at"])
    return document
