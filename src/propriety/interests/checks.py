"""Checking the register wherever a decision involves a related person.

The register holds who declared what; the rulebook's ``relationship.conflict``
says what follows. These functions find the declarations that bear on a
decision and ask the rulebook, so panels, concerns and access requests all
check the same way. A warning is shown only to someone who may see the
declaration behind it (the declarer, the Clerk, the Monitoring Officer).
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterable
from typing import Any

from django.db.models import Q

from propriety.councils.models import Council
from propriety.councils.protocol import answers, decide, not_answered, summary_of
from propriety.interests.access import can_see_declaration
from propriety.interests.models import Declaration, Panel
from propriety.people.models import Person
from propriety.protocol import rulebook

QUESTION = "relationship.conflict"
_SEVERITY = {"refuse": 3, "refer": 2, "not_answered": 1, "allow": 0}


def current(council: Council, day: datetime.date) -> Any:
    return (
        Declaration.objects.for_council(council)
        .filter(starts_on__lte=day)
        .filter(Q(ends_on__isnull=True) | Q(ends_on__gte=day))
        .select_related("declarer", "related_person")
    )


def between(a: Person, b: Person, day: datetime.date) -> list[Declaration]:
    """The current declarations linking two people of the council, either way round."""
    if a.pk == b.pk:
        return []
    return list(
        current(a.council, day).filter(
            Q(declarer=a, related_person=b) | Q(declarer=b, related_person=a)
        )
    )


def _mentions(name: str, text: str) -> bool:
    name = " ".join(name.casefold().split())
    return bool(name) and re.search(rf"(?<!\w){re.escape(name)}(?!\w)", text.casefold()) is not None


def naming(person: Person, text: str, day: datetime.date) -> list[Declaration]:
    """The person's current declarations with an outsider whom ``text`` names."""
    return [
        d
        for d in current(person.council, day).filter(declarer=person, related_person__isnull=True)
        if _mentions(d.related_name, text)
    ]


def ask(
    council: Council,
    *,
    context: str,
    relationship: str,
    day: datetime.date,
    canvassing: bool = False,
    information_advantage: bool = False,
) -> dict[str, Any]:
    """The rulebook's answer as a case keeps it, or what the page shows where it has none."""
    if not answers(council, QUESTION):
        return not_answered(council, QUESTION)
    facts = {
        "context": context,
        "relationship": relationship,
        "canvassing": canvassing,
        "information_advantage": information_advantage,
    }
    return summary_of(decide(council, QUESTION, facts, today=day))


def worst(answers_: Iterable[dict[str, Any]]) -> dict[str, Any]:
    """Of several answers, the one that restricts most (refuse, then refer, then allow)."""
    return max(answers_, key=lambda a: _SEVERITY.get(str(a.get("outcome")), 0))


def for_panel_seat(
    panel: Panel,
    member: Person,
    *,
    canvassing: bool,
    information_advantage: bool,
    day: datetime.date,
) -> tuple[dict[str, Any], list[Declaration]]:
    """The answer for seating ``member`` on ``panel``, and the declarations behind it:
    those linking the member with the officer it is about, or with a candidate."""
    found: list[Declaration] = []
    if panel.subject is not None:
        found += between(member, panel.subject, day)
    for name in panel.candidate_names():
        found += naming(member, name, day)
        found += [
            d
            for d in current(panel.council, day).filter(related_person=member)
            if _mentions(name, d.declarer.full_name)
        ]
    relationships = {d.relationship for d in found} or {"none"}
    answer = worst(
        ask(
            panel.council,
            context=panel.context,
            relationship=r,
            canvassing=canvassing,
            information_advantage=information_advantage,
            day=day,
        )
        for r in sorted(relationships)
    )
    return answer, list({d.pk: d for d in found}.values())


# --- hooks for other apps' case pages -------------------------------------------------------


def _warning(viewer: Person, d: Declaration, text: str, answer: dict[str, Any]) -> dict[str, Any]:
    return {"declaration": d, "text": text, "decision": answer}


def relationship_warnings(
    viewer: Person, pairs: Iterable[tuple[Person, Person, str]], day: datetime.date
) -> list[dict[str, Any]]:
    """Warnings for (decider, party, what the decider does) pairs linked by a declaration
    the viewer may see, each with the rulebook's relationship.conflict answer."""
    warnings: list[dict[str, Any]] = []
    seen: set[int] = set()
    for decider, party, role in pairs:
        for d in between(decider, party, day):
            if d.pk in seen or not can_see_declaration(viewer, d):
                continue
            seen.add(d.pk)
            answer = ask(viewer.council, context="decision", relationship=d.relationship, day=day)
            text = (
                f"{decider.full_name} {role}, and {d.declarer.full_name} has declared "
                f"{d.describe()} ({d.reference})."
            )
            warnings.append(_warning(viewer, d, text, answer))
    return warnings


def concern_warnings(viewer: Person, concern: Any, day: datetime.date) -> list[dict[str, Any]]:
    """A concern about, or handled by, a related person: each current handler against the
    person who raised it and the person it is about."""
    from propriety.concerns.access import handlers_of

    parties = [p for p in (concern.raised_by, concern.about) if p is not None]
    return relationship_warnings(
        viewer,
        ((h, p, "handles this concern") for h in handlers_of(concern) for p in parties),
        day,
    )


def _interest_clauses(request: Any, day: datetime.date) -> dict[str, Any]:
    """The document.access answer with the member's interest, keeping the clauses of the
    provisions that turn on it (none where the rulebook has no such provision)."""
    from propriety.documents.requests import access_facts

    council = request.council
    if request.document is None:
        return {"citations": []}
    facts = access_facts(
        request.member,
        request.document,
        purpose=request.purpose,
        justification=request.justification,
        third_party_name=request.third_party_name,
        member_interest=True,
        data_protection_risk=request.data_protection_risk,
        day=day,
    )
    uses = {p.name for p in rulebook(council.rulebook).provisions if "member_interest" in p.when}
    decision = decide(council, "document.access", facts, today=day)
    answer = summary_of(decision)
    answer["citations"] = [c for c in answer["citations"] if c.get("provision") in uses]
    return answer


def access_request_warnings(
    viewer: Person, request: Any, day: datetime.date
) -> list[dict[str, Any]]:
    """An access request on a matter the member declared an interest in (the document or
    correspondence names the outsider), and a decider related to the member."""
    text = " ".join(
        str(x)
        for x in (
            request.target_title,
            getattr(request.target, "summary", ""),
            getattr(request.target, "subject", ""),
            request.purpose,
            request.third_party_name,
        )
        if x
    )
    warnings: list[dict[str, Any]] = []
    for d in naming(request.member, text, day):
        if not can_see_declaration(viewer, d):
            continue
        answer = _interest_clauses(request, day)
        if not answer["citations"]:
            answer = ask(request.council, context="decision", relationship=d.relationship, day=day)
        text_ = (
            f"{request.member.full_name} has declared {d.describe()} ({d.reference}), and "
            "this request concerns it."
        )
        warnings.append(_warning(viewer, d, text_, answer))
    if request.decider is not None:
        warnings += relationship_warnings(
            viewer, [(request.decider, request.member, "decides this request")], day
        )
    return warnings
