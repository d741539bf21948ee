"""What the press pages ask the rulebook, and the facts they work out first.

- The pre-election period comes from the council's recorded elections: a day
  is in it when it falls between an election's notice of election and its
  polling day, both included (the engine's own reading of those facts).
- The drafter's and speaker's roles come from their role assignments.
- The political-content hint is a plain keyword check, shown to the approver
  as a suggestion. It never decides: the drafter's own tick is the fact the
  rulebook is asked about, and the approver judges the text.
"""

from __future__ import annotations

import datetime
import re
from typing import Any

from propriety.councils.declared import current_answers
from propriety.councils.models import Council, PartyGroup
from propriety.councils.protocol import decide
from propriety.people.holders import is_officer
from propriety.people.models import Person
from propriety.people.roles import Role
from propriety.press.models import Election
from propriety.protocol import Decision, UnansweredQuestion

# Most specific first: a Mayor who also chairs the council speaks as the chair,
# because it is the chair the protocols let speak for the council.
_MEMBER_ROLES = (
    (Role.COUNCIL_CHAIR, "council_chair"),
    (Role.COMMITTEE_CHAIR, "committee_chair"),
    (Role.MAYOR, "mayor"),
    (Role.LEADER, "leader"),
)

# Phrases that usually mean a statement takes a political side. The approver
# sees which ones matched; the council's own party group names are added.
POLITICAL_PHRASES = (
    "vote for",
    "vote against",
    "our party",
    "the opposition",
    "opposition councillors",
    "the ruling group",
    "re-elect",
    "elect us",
    "labour",
    "conservative",
    "liberal democrat",
    "green party",
    "reform uk",
    "plaid cymru",
    "manifesto",
    "incompetent administration",
)


def election_on(council: Council, day: datetime.date) -> Election | None:
    """The recorded election whose pre-election period includes ``day``, if any.

    A withdrawn election makes no pre-election period."""
    return (
        Election.objects.for_council(council)
        .filter(notice_of_election__lte=day, polling_day__gte=day, withdrawn_on__isnull=True)
        .order_by("polling_day", "pk")
        .first()
    )


def election_facts(council: Council, day: datetime.date) -> tuple[dict[str, Any], Election | None]:
    election = election_on(council, day)
    if election is None:
        return {"pre_election_period": False}, None
    return {
        "pre_election_period": True,
        "notice_of_election": election.notice_of_election,
        "polling_day": election.polling_day,
    }, election


def member_role(person: Person, day: datetime.date) -> str:
    held = {r.role for r in person.roles_on(day)}
    return next((key for role, key in _MEMBER_ROLES if role in held), "councillor")


def drafter_role(person: Person, day: datetime.date) -> str:
    """``officer`` for anyone holding an officer's role, else their member role."""
    return "officer" if is_officer(person, day) else member_role(person, day)


def may_draft(person: Person, day: datetime.date) -> bool:
    return is_officer(person, day) or person.is_councillor_on(day)


def political_suggestions(council: Council, *texts: str) -> list[str]:
    """The phrases in ``texts`` that suggest political content (case-insensitive, whole words)."""
    text = " ".join(texts).lower()
    groups = [g.name.lower() for g in PartyGroup.objects.for_council(council)]
    found = []
    for phrase in (*groups, *POLITICAL_PHRASES):
        if phrase and re.search(rf"(?<!\w){re.escape(phrase)}(?!\w)", text):
            found.append(phrase)
    return list(dict.fromkeys(found))


def release_facts(release: Any, day: datetime.date) -> tuple[dict[str, Any], Election | None]:
    facts: dict[str, Any] = {
        "drafted_by": release.drafter_role,
        "on_behalf_of_council": release.on_behalf_of_council,
        "about_dispute": release.about_dispute,
        "about_major_planning": release.about_major_planning,
        "about_court": release.about_court,
        "about_individual_complaint": release.about_individual_complaint,
        "political_content": release.political_content,
        "promotes_party_group": release.promotes_party_group,
    }
    extra, election = election_facts(release.council, day)
    answers = current_answers(release.council, "press.release", release.declared_facts or {})
    return {**facts, **extra, **answers}, election


def decide_release(release: Any, day: datetime.date) -> tuple[Decision, Election | None]:
    facts, election = release_facts(release, day)
    return decide(release.council, "press.release", facts, today=day), election


def approver_role_of(decision: Decision) -> str:
    """Who approves: the route's first step, else whom the rulebook refers it to, else the
    Clerk (the officer who issues the council's publicity under its agreed procedures)."""
    if decision.route is not None:
        return decision.route.now
    if decision.outcome == "refer" and decision.refer_to:
        return decision.refer_to
    return "proper_officer"


def decide_media_story(council: Council, day: datetime.date) -> Decision | None:
    """The rulebook's ``ward.notification`` answer for an imminent media story, or None
    where the council's protocol says nothing about it."""
    try:
        return decide(council, "ward.notification", {"event": "media_story"}, today=day)
    except UnansweredQuestion:
        return None
