"""The register of member–officer correspondence: what a member can ask to see.

A member cannot ask for correspondence they cannot name, so where the council's
rulebook opens member–officer correspondence to other councillors on need to
know (part5-district §10.1: the check's decision has the effect
``open_on_need_to_know``, as in opening.py), the register
lists the council's sent member–officer correspondence with only its reference,
the day it was sent, its subject line and the parties' names (never the text,
never anyone on the Bcc line, never an outside party), each with a way into the
access-request flow.

Whether the rulebook opens it is asked the same way the access-request flow
asks it: ``correspondence.check`` on member–officer correspondence copied
openly to another councillor, with the "CC councillor" line at its foot, the
author's consent not given and the original councillor not told. Where the
effect is stated, it is open; otherwise the check's refusal (acses-town §12.1,
the national model's "Correspondence ¶1") is the clause that keeps it closed,
and the register lists nothing.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from django.db.models import Prefetch

from propriety.correspondence.access import correspondence_visible_to
from propriety.correspondence.check import (
    Addressee,
    facts_for,
    handles_correspondence,
    run_check,
)
from propriety.correspondence.models import Correspondence, Recipient
from propriety.correspondence.opening import opening_citations, opens_on_need_to_know
from propriety.documents.models import AccessRequest
from propriety.protocol import Decision

if TYPE_CHECKING:
    from propriety.councils.models import Council
    from propriety.people.models import Person

_MEMBER = "A councillor"
_OTHER_MEMBER = "Another councillor"


@dataclass(frozen=True)
class Citation:
    clause: str
    says: str


@dataclass
class RegisterRule:
    """Whether the council's protocol opens member–officer correspondence, and why."""

    opens: bool
    explanation: str
    citations: list[Citation] = field(default_factory=list)
    rulebook: str = ""

    @property
    def clauses(self) -> list[str]:
        return list(dict.fromkeys(c.clause for c in self.citations))


@dataclass
class RegisterEntry:
    letter: Correspondence
    parties: list[str]
    # "open" (the person can already see it), "ask" (a serving member may ask), or "".
    may: str
    # The person's latest request to see it, if they have asked.
    asked: AccessRequest | None = None


def _question_facts() -> dict[str, object]:
    """Member–officer correspondence copied openly to another councillor, footer and all."""
    return {
        "author": {"name": _MEMBER, "kind": "councillor"},
        "signatory": {"name": _MEMBER, "role": "councillor"},
        "to": [{"name": "An officer", "kind": "officer"}],
        "cc": [{"name": _OTHER_MEMBER, "kind": "councillor"}],
        "bcc": [],
        "body": f"CC councillor {_OTHER_MEMBER}",
        "author_consents_to_copy": False,
        "original_councillor_told": False,
    }


def register_rule(council: Council, day: datetime.date) -> RegisterRule:
    """What the council's rulebook says about showing other members its correspondence."""
    if not handles_correspondence(council):
        return RegisterRule(
            opens=False,
            explanation=f"{council.name}'s protocol has no rules on correspondence, so no "
            "clause opens correspondence between members and officers to other members.",
        )
    result = run_check(council, _question_facts(), day)
    decision: Decision = result.decision
    if opens_on_need_to_know(decision):
        opening = opening_citations(decision)
        return RegisterRule(
            opens=True,
            explanation=" ".join(dict.fromkeys(c.says for c in opening)),
            citations=[Citation(c.clause, c.says) for c in opening],
            rulebook=decision.rulebook,
        )
    if result.problems:
        cited = [c for p in result.problems for c in p["citations"]]
        explanation = " ".join(dict.fromkeys(str(p["explanation"]) for p in result.problems))
    else:
        cited = [{"clause": c.clause, "says": c.says} for c in decision.citations]
        explanation = decision.explanation
    seen = dict.fromkeys((c["clause"], c["says"]) for c in cited)
    return RegisterRule(
        opens=False,
        explanation=explanation,
        citations=[Citation(clause, says) for clause, says in seen],
        rulebook=decision.rulebook,
    )


def _is_member_officer(letter: Correspondence, day: datetime.date) -> bool:
    """The letter's own check (on ``day``) cites the provision that opens it."""
    facts = facts_for(
        sender=letter.sender,
        signatory=letter.signatory,
        signatory_capacity=letter.signatory_capacity,
        body=letter.body,
        addressees=[
            Addressee(r.line, r.name, r.kind, r.email, r.person) for r in letter.recipients.all()
        ],
        flags=letter.flags(),
        day=day,
        declared=letter.answers(),
    )
    return opens_on_need_to_know(run_check(letter.council, facts, day).decision)


def _parties(letter: Correspondence) -> list[str]:
    """The author and the council's people on the To and Cc lines (never Bcc, never outsiders)."""
    names = [letter.sender.full_name]
    for r in letter.recipients.all():
        if r.person_id is not None and r.line in (Recipient.Line.TO, Recipient.Line.CC):
            names.append(r.name)
    return list(dict.fromkeys(names))


def register_for(person: Person, day: datetime.date) -> tuple[RegisterRule, list[RegisterEntry]]:
    """The rule, and (where it opens correspondence) the entries ``person`` may see listed."""
    rule = register_rule(person.council, day)
    if not rule.opens:
        return rule, []
    letters = (
        Correspondence.objects.for_council(person.council)
        .filter(status=Correspondence.Status.SENT)
        .select_related("sender", "signatory", "council")
        .prefetch_related(
            Prefetch(
                "recipients",
                queryset=Recipient.objects.for_council(person.council)
                .select_related("person")
                .order_by("position", "pk"),
            )
        )
        .order_by("-sent_on", "-pk")
    )
    visible = set(correspondence_visible_to(person, day).values_list("pk", flat=True))
    member = person.is_councillor_on(day)
    asked: dict[int, AccessRequest] = {}
    for made in (
        AccessRequest.objects.for_council(person.council)
        .filter(member=person, correspondence__isnull=False)
        .order_by("requested_on", "pk")
    ):
        asked[made.correspondence_id] = made
    entries = []
    for letter in letters:
        if not _is_member_officer(letter, day):
            continue
        may = "open" if letter.pk in visible else ("ask" if member else "")
        entries.append(RegisterEntry(letter, _parties(letter), may, asked.get(letter.pk)))
    return rule, entries
