"""The catalogue of questions the engine answers, and the facts each one takes.

A question type names a kind of protocol question ("may this councillor see
this document?"). Each family of questions has its own module here; what a
fact *means* for a council is for its rulebook to say; nothing here knows any
council.

``docs/decide.md`` documents these questions and ``schemas/`` holds their JSON
Schemas, generated from this catalogue (a test keeps them in step).
"""

from __future__ import annotations

from propriety.protocol._questions._model import (
    MEMBER_ROLES,
    OFFICER_ROLES,
    PERSON_KINDS,
    Fact,
    FactValue,
    Question,
)
from propriety.protocol._questions.conduct import (
    CONFLICT,
    DELEGATED,
    PARTY_BRIEFING,
    RESOURCES,
    WARD,
)
from propriety.protocol._questions.conduct_action import CONDUCT_ACTION
from propriety.protocol._questions.correspondence import (
    CORRESPONDENCE,
    INCOMING,
    SIGNATORY_ROLES,
)
from propriety.protocol._questions.documents import DOCUMENT_ACCESS, DOCUMENT_DISPUTE
from propriety.protocol._questions.enquiries import (
    ENQUIRY_ESCALATION,
    ENQUIRY_RESPONSE,
    ENQUIRY_ROUTE,
)
from propriety.protocol._questions.governance import (
    ACTING,
    CONCERN,
    INTERPRETATION,
    REPORT,
    REVIEW,
)
from propriety.protocol._questions.press import PRESS_RELEASE, PRESS_SPEAKER

__all__ = [
    "MEMBER_ROLES",
    "OFFICER_ROLES",
    "PERSON_KINDS",
    "QUESTIONS",
    "SIGNATORY_ROLES",
    "Fact",
    "FactValue",
    "Question",
]

QUESTIONS: dict[str, Question] = {
    q.name: q
    for q in (
        ENQUIRY_ROUTE,
        ENQUIRY_RESPONSE,
        ENQUIRY_ESCALATION,
        DOCUMENT_ACCESS,
        DOCUMENT_DISPUTE,
        CORRESPONDENCE,
        INCOMING,
        PRESS_RELEASE,
        PRESS_SPEAKER,
        CONFLICT,
        PARTY_BRIEFING,
        WARD,
        RESOURCES,
        DELEGATED,
        CONDUCT_ACTION,
        CONCERN,
        REVIEW,
        INTERPRETATION,
        ACTING,
        REPORT,
    )
}
