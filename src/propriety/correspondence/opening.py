"""Whether a council's protocol opens a piece of correspondence to another member.

A member asks through the same access-request flow as for documents
(documents.requests.do_request_access with a Correspondence); this module is
what ``recommend`` asks for such a request. The rulebook decides, in two steps:

1. ``correspondence.check`` on the letter as if it were copied openly to the
   asking member (a "CC councillor X" line added, the author's consent as
   recorded on the letter, the original councillor not yet told). Where the
   council's rulebook opens officer–councillor correspondence to other
   councillors who need to know (part5-district §10.1: a provision states the
   effect ``open_on_need_to_know``), the request is then decided as a
   request to see a committee document (``document.access``; classification
   "confidential" when the letter is marked confidential): need to know,
   decided by the officer the rulebook names. The opening clause is cited too.
2. Otherwise the check's own decision stands. Where it refuses the copy
   (acses-town §12.1: the author has not stated or agreed that it be copied;
   the national model's "Correspondence ¶1": copies to other councillors are
   exceptional and the original councillor must be told), the request is
   refused citing that clause. Where it allows the copy (acses-town §12.1 with
   the author's consent recorded), it is released.
"""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING, Any

from propriety.correspondence.check import (
    OPENS_ON_NEED_TO_KNOW,
    Addressee,
    facts_for,
    kind_of,
    with_footer,
)
from propriety.correspondence.models import Correspondence
from propriety.councils.protocol import decide
from propriety.protocol import Citation, Decision

if TYPE_CHECKING:
    from propriety.documents.models import AccessRequest
    from propriety.people.models import Person


def copy_decision(letter: Correspondence, member: Person, day: datetime.date) -> Decision:
    """``correspondence.check`` for an open copy of ``letter`` to ``member``."""
    from propriety.correspondence.actions import addressees_of

    addressees = [a for a in addressees_of(letter) if a.line != "bcc"]
    addressees.append(Addressee("cc", member.full_name, kind_of(member, day), member.email, member))
    flags = {
        "author_consents_to_copy": letter.author_consents_to_copy,
        "original_councillor_told": False,
    }
    facts = facts_for(
        sender=letter.sender,
        signatory=letter.signatory,
        signatory_capacity=letter.signatory_capacity,
        body=with_footer(letter.body, f"CC councillor {member.full_name}"),
        addressees=addressees,
        flags=flags,
        day=day,
        declared=letter.answers(),
    )
    return decide(letter.council, "correspondence.check", facts, today=day)


def opens_on_need_to_know(decision: Decision) -> bool:
    return OPENS_ON_NEED_TO_KNOW in decision.effects


def opening_citations(decision: Decision) -> tuple[Citation, ...]:
    """The citations of the provisions that open the correspondence."""
    return decision.effects.get(OPENS_ON_NEED_TO_KNOW, ())


class _Opened(Decision):
    """The ``document.access`` decision, citing the clause that opens the correspondence first."""

    __slots__ = ("_opening",)

    def __init__(self, access: Decision, opening: tuple[Citation, ...], why: str) -> None:
        for name in Decision.__slots__:
            setattr(self, name, getattr(access, name))
        self._opening = opening
        self.explanation = f"{why} {access.explanation}".strip()

    @property
    def citations(self) -> tuple[Citation, ...]:
        return self._opening + tuple(super().citations)


def access_facts(
    letter: Correspondence,
    *,
    purpose: str,
    justification: str,
    third_party_name: str,
    member_interest: bool,
    data_protection_risk: bool,
) -> dict[str, Any]:
    """The facts ``document.access`` takes for correspondence opened on need to know."""
    return {
        "classification": "confidential" if letter.marked_confidential else "committee",
        "exempt_category": "none",
        "contains_personal_data": False,
        "on_owning_committee": False,
        "meeting_business": False,
        "on_exempt_agenda": False,
        "purpose_stated": bool(purpose.strip()),
        "justification_given": bool(justification.strip()),
        "member_interest": member_interest,
        "data_protection_risk": data_protection_risk,
        "on_behalf_of_third_party": bool(third_party_name.strip()),
        "in_public_domain": False,
    }


class _Refused(Decision):
    """A copy the check would allow only once put right, read as a refusal of the request.

    The steps that put a copy right (tell the original councillor, add the CC line) are
    for an officer who decides, exceptionally, to copy it (national model Correspondence
    ¶1); they do not open it to a member who asks to see it."""

    __slots__ = ()

    def __init__(self, check: Decision) -> None:
        for name in Decision.__slots__:
            setattr(self, name, getattr(check, name))

    @property
    def outcome(self) -> str:
        return "refuse"


def recommend_opening(request: AccessRequest, day: datetime.date, **override: Any) -> Decision:
    """What the rulebook says about a member's request to see correspondence."""
    letter = request.correspondence
    assert letter is not None
    check = copy_decision(letter, request.member, day)
    if not opens_on_need_to_know(check):
        return _Refused(check) if check.outcome == "put_right" else check
    values: dict[str, Any] = {
        "purpose": request.purpose,
        "justification": request.justification,
        "third_party_name": request.third_party_name,
        "member_interest": request.member_interest,
        "data_protection_risk": request.data_protection_risk,
        **override,
    }
    access = decide(request.council, "document.access", access_facts(letter, **values), today=day)
    opening = opening_citations(check)
    why = " ".join(dict.fromkeys(c.says for c in opening))
    return _Opened(access, opening, why)
