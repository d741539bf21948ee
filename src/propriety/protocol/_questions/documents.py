"""Documents: may a member see a council document, and who decides a dispute."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from propriety.protocol._questions._model import FactValue, Question, b, derived_bool, e

# --- document.access -----------------------------------------------------------

CLASSIFICATIONS = ("public", "committee", "exempt", "confidential", "personal_data")
EXEMPT_CATEGORIES = ("none", "1", "2", "3", "4", "5", "6", "7")


def _derive_document(facts: dict[str, FactValue], as_of: dt.date) -> None:
    facts["third_party_personal_data"] = bool(
        facts["contains_personal_data"] or facts["classification"] == "personal_data"
    )
    facts["exempt_or_confidential"] = facts["classification"] in ("exempt", "confidential")


def _derive_personal_data(facts: dict[str, FactValue], as_of: dt.date) -> None:
    facts["third_party_personal_data"] = bool(
        facts["contains_personal_data"] or facts["classification"] == "personal_data"
    )


def _derive_exempt(facts: dict[str, FactValue], as_of: dt.date) -> None:
    facts["exempt_or_confidential"] = facts["classification"] in ("exempt", "confidential")


def _derive_document_for(
    wanted: frozenset[str],
) -> Callable[[dict[str, FactValue], dt.date], None] | None:
    """Only the derived facts a rulebook reads. Working them out cannot fail (a truth
    test and comparisons with text, on values from JSON), so where a rulebook reads
    neither, nothing is worked out."""
    personal = "third_party_personal_data" in wanted
    exempt = "exempt_or_confidential" in wanted
    if personal and exempt:
        return _derive_document
    if personal:
        return _derive_personal_data
    return _derive_exempt if exempt else None


DOCUMENT_ACCESS = Question(
    name="document.access",
    summary="May this councillor see this council document, and on what conditions?",
    facts=(
        e(
            "classification",
            "The document's classification in the council's register: public; committee "
            "(committee business, not exempt); exempt (exempt information, Schedule 12A LGA "
            "1972); confidential; personal_data (contains personal information about third "
            "parties).",
            CLASSIFICATIONS,
        ),
        e(
            "exempt_category",
            "For exempt documents, the Schedule 12A paragraph (1 to 7); 'none' otherwise.",
            EXEMPT_CATEGORIES,
        ),
        b(
            "contains_personal_data",
            "The document contains personal information about third parties.",
        ),
        b(
            "on_owning_committee",
            "The requester sits on the committee whose business the document is.",
        ),
        b(
            "meeting_business",
            "The document relates to business to be transacted at a meeting of the council, "
            "cabinet, a committee or sub-committee.",
        ),
        b(
            "on_exempt_agenda",
            "The item appears on the exempt (private) part of a meeting's agenda.",
        ),
        b("purpose_stated", "The member has stated the purpose for which they want the document."),
        b(
            "justification_given",
            "The member has justified the request in specific terms (why they need to know).",
        ),
        b(
            "member_interest",
            "The subject is one in which the member has an interest under the code of conduct.",
        ),
        b(
            "data_protection_risk",
            "Giving the document to the member is likely to breach data protection law.",
        ),
        b(
            "on_behalf_of_third_party",
            "The member asks on behalf of a third party (e.g. a constituent).",
        ),
        b("in_public_domain", "The information is already in the public domain."),
    ),
    derived=(
        derived_bool(
            "third_party_personal_data",
            "contains_personal_data, or classification is personal_data.",
        ),
        derived_bool("exempt_or_confidential", "classification is exempt or confidential."),
    ),
    derive=_derive_document,
    derive_for=_derive_document_for,
    example={"classification": "exempt", "exempt_category": "3", "on_owning_committee": False},
)

# --- document.dispute ----------------------------------------------------------

DOCUMENT_DISPUTE = Question(
    name="document.dispute",
    summary="Who decides a dispute over a member's request to see a document, and who next.",
    facts=(
        e(
            "stage",
            "Where the dispute has got to: raised (just raised), advised (the first handler has "
            "given advice or a view and the member is still not satisfied).",
            ("raised", "advised"),
        ),
        e(
            "subject",
            "What is disputed: a document, or access to correspondence.",
            ("document", "correspondence"),
        ),
    ),
    example={"stage": "raised"},
)
