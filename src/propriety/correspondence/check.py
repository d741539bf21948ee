"""Asking the council's rulebook whether a piece of correspondence may go as drafted.

One question, ``correspondence.check``: the engine works out from the people
and the text whether it is member–officer correspondence, whether another
councillor is copied (openly or blind), whether the "CC councillor X" footer
is there, and whose name it goes out in. This module turns a draft into the
engine's facts and the decision into a list of problems, each with the
provision's own explanation and clauses, so a page can list every problem
rather than only the decision's headline.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from propriety.councils.models import Council
from propriety.councils.protocol import checked_facts, decide_checked, role_title, summary_of
from propriety.people.holders import is_officer
from propriety.people.models import Person
from propriety.people.roles import Role
from propriety.protocol import QUESTIONS, Decision, rulebook, validate_facts

QUESTION = "correspondence.check"
# The effect of correspondence.check (a catalogue name, like a fact) that a rulebook states
# where its protocol opens member–officer correspondence to other councillors who need to
# know (part5-district §10.1). A check with it is what opens the letter.
OPENS_ON_NEED_TO_KNOW = "open_on_need_to_know"
_OUTSIDE = ("complainant", "third_party", "member_of_public", "other")


@dataclass(frozen=True)
class Addressee:
    """A recipient as the check sees it: on which line, who, of what kind."""

    line: str  # "to" | "cc" | "bcc"
    name: str
    kind: str
    email: str = ""
    person: Person | None = None


@dataclass
class CheckResult:
    decision: Decision
    problems: list[dict[str, Any]] = field(default_factory=list)
    notes: list[dict[str, Any]] = field(default_factory=list)
    footer_lines: str = ""
    missing_footer_names: str = ""
    declared: list[dict[str, Any]] = field(default_factory=list)

    @property
    def outcome(self) -> str:
        """allow, refuse, refer, or put_right: it may go once each problem's steps are done."""
        return self.decision.outcome

    def stored(self) -> dict[str, Any]:
        """What a draft keeps of its last check."""
        return {
            **summary_of(self.decision, self.declared or None),
            "problems": self.problems,
            "notes": self.notes,
            "footer_lines": self.footer_lines,
            "missing_footer_names": self.missing_footer_names,
        }


def handles_correspondence(council: Council) -> bool:
    """Whether the council's rulebook answers ``correspondence.check`` (all five seed rulebooks do; a new one may not)."""
    return QUESTION in rulebook(council.rulebook).questions


def kind_of(person: Person, day: datetime.date) -> str:
    """A person of the council as the engine sees them: a councillor, or an officer."""
    return "councillor" if person.is_councillor_on(day) else "officer"


def default_capacity(person: Person, day: datetime.date) -> str:
    """The capacity a person signs in, from the roles they hold (most specific first)."""
    if not person.is_councillor_on(day):
        return "officer"
    held = {r.role for r in person.roles_on(day)}
    for role, capacity in (
        (Role.MAYOR, "mayor"),
        (Role.COUNCIL_CHAIR, "council_chair"),
        (Role.COMMITTEE_CHAIR, "committee_chair"),
    ):
        if role in held:
            return capacity
    return "councillor"


def can_be_party(person: Person, day: datetime.date) -> bool:
    return person.is_councillor_on(day) or is_officer(person, day)


def facts_for(
    *,
    sender: Person,
    signatory: Person,
    signatory_capacity: str,
    body: str,
    addressees: Iterable[Addressee],
    flags: Mapping[str, bool],
    day: datetime.date,
    declared: Mapping[str, Any] | None = None,
) -> dict[str, Any]:
    """The facts ``correspondence.check`` takes, from a draft (``declared``: answers to the
    facts the council's rulebook declares for it)."""
    lines: dict[str, list[dict[str, str]]] = {"to": [], "cc": [], "bcc": []}
    for a in addressees:
        # The engine knows no "other": anyone outside the council who is not a complainant
        # or a member of the public is, for the protocol, a third party.
        kind = "third_party" if a.kind == "other" else a.kind
        lines[a.line].append({"name": a.name, "kind": kind})
    return {
        "author": {"name": sender.full_name, "kind": kind_of(sender, day)},
        "signatory": {"name": signatory.full_name, "role": signatory_capacity},
        **lines,
        "body": body,
        **{name: bool(value) for name, value in flags.items()},
        **(declared or {}),
    }


def derived_facts(
    facts: Mapping[str, Any],
    day: datetime.date,
    council: Council | None = None,
    *,
    checked: bool = False,
) -> dict[str, Any]:
    """The facts with what the engine works out from them (footer_lines, ...).
    ``checked``: the facts have already passed ``validate_facts`` for the council's
    rulebook (as ``run_check``'s have), so they are not checked again."""
    book = rulebook(council.rulebook) if council is not None else None
    question = book.question(QUESTION) if book is not None else QUESTIONS[QUESTION]
    full: dict[str, Any] = {f.name: f.default for f in question.all_facts}
    full.update(facts if checked else validate_facts(QUESTION, dict(facts), book))
    if question.derive is not None:
        question.derive(full, day)
    return full


class _Safe(dict[str, Any]):
    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


def run_check(council: Council, facts: Mapping[str, Any], day: datetime.date) -> CheckResult:
    """Ask the rulebook; list each problem (a refusing or referring provision) with its clauses."""
    # The draft's facts are checked once, and the decision and the problems' texts are made
    # from the same checked facts (before, each checked them again).
    checked = checked_facts(council, QUESTION, dict(facts))
    decision = decide_checked(council, QUESTION, checked, today=day)
    full = _Safe(derived_facts(checked, day, council, checked=True))
    book = rulebook(council.rulebook)
    provisions = {p.name: p for p in book.provisions if p.question == QUESTION}
    cited: dict[str, list[dict[str, str]]] = {}
    for c in decision.citations:
        cited.setdefault(c.provision, []).append({"clause": c.clause, "says": c.says})
    obligations = {i: (t, list(cl)) for i, t, cl in decision.obligations}
    result = CheckResult(
        decision,
        footer_lines=str(full.get("footer_lines") or ""),
        missing_footer_names=str(full.get("missing_footer_names") or ""),
    )
    for name, citations in cited.items():
        provision = provisions.get(name)
        if provision is None:  # pragma: no cover - every citation comes from a provision
            continue
        entry = {
            "id": name,
            "explanation": provision.explain.format_map(full),
            "citations": citations,
            "obligations": [
                {"id": o.id, "text": obligations[o.id][0], "clauses": obligations[o.id][1]}
                for o in provision.obligations
                if o.id in obligations
            ],
            "footer_fix": "footer_missing" in provision.when and bool(result.footer_lines),
            # A refusal its obligations put right (the rulebook's put_right: true).
            "severity": "put_right" if provision.put_right else provision.outcome or "note",
        }
        if provision.outcome == "refuse" or (
            provision.outcome == "refer" and not provision.default
        ):
            if provision.outcome == "refer" and provision.refer_to:
                title = role_title(council, provision.refer_to)
                first = title.split(" ", 1)[0].lower()
                entry["ask"] = title if first in ("the", "a", "an") else f"the {title}"
            result.problems.append(entry)
        else:
            result.notes.append(entry)
    return result


def with_footer(body: str, footer_lines: str) -> str:
    """The text with the missing "CC councillor X" lines at its foot."""
    if not footer_lines:
        return body
    return body.rstrip() + "\n\n" + footer_lines
