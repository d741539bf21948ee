"""Press and media: approving a release, and who may speak for the council."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from propriety.protocol._questions._model import FactValue, Question, b, d, derived_bool, e

# --- press ---------------------------------------------------------------------


def _derive_election(facts: dict[str, FactValue], as_of: dt.date) -> None:
    notice, polling = facts.get("notice_of_election"), facts.get("polling_day")
    if notice and polling:
        facts["pre_election_period"] = bool(notice <= as_of <= polling)
    # Written out rather than any(...) over the names: this runs on every press decision.
    get = facts.get
    facts["sensitive_topic"] = bool(
        get("about_dispute")
        or get("about_major_planning")
        or get("about_court")
        or get("about_individual_complaint")
    )


def _derive_period(facts: dict[str, FactValue], as_of: dt.date) -> None:
    notice, polling = facts.get("notice_of_election"), facts.get("polling_day")
    if notice and polling:
        facts["pre_election_period"] = bool(notice <= as_of <= polling)


def _derive_election_for(
    wanted: frozenset[str],
) -> Callable[[dict[str, FactValue], dt.date], None]:
    """sensitive_topic only where a rulebook reads it (a truth test of four facts cannot
    fail). The pre-election period is always worked out: it sets a fact that is also
    given, and fails where the dates cannot be compared."""
    return _derive_election if "sensitive_topic" in wanted else _derive_period


PRESS_RELEASE = Question(
    name="press.release",
    summary="Who must approve this press release or media statement, and may it go?",
    facts=(
        e(
            "drafted_by",
            "Who drafted it.",
            ("officer", "councillor", "council_chair", "committee_chair", "mayor", "leader"),
        ),
        b(
            "on_behalf_of_council",
            "It is issued on behalf of the council (not in a member's own name).",
            True,
        ),
        b("about_dispute", "It clarifies the council's position on a dispute."),
        b("about_major_planning", "It concerns a major planning development."),
        b("about_court", "It concerns court proceedings."),
        b("about_individual_complaint", "It concerns an individual's complaint."),
        b("political_content", "It expresses a political opinion, comment or statement."),
        b("promotes_party_group", "It promotes a party or party group."),
        b("pre_election_period", "It would be issued in the pre-election period."),
        d(
            "notice_of_election",
            "Date of the notice of election (with polling_day, sets pre_election_period).",
        ),
        d("polling_day", "Polling day."),
    ),
    derived=(
        derived_bool(
            "sensitive_topic",
            "About a dispute, major planning, court proceedings or an individual's complaint.",
        ),
    ),
    derive=_derive_election,
    derive_for=_derive_election_for,
    example={"drafted_by": "officer", "about_dispute": True},
)

PRESS_SPEAKER = Question(
    name="press.spokesperson",
    summary="May this person speak to the media, in what capacity, and what must they do?",
    facts=(
        e(
            "speaker_role",
            "Who is speaking.",
            ("councillor", "council_chair", "committee_chair", "mayor", "leader", "officer"),
        ),
        e(
            "capacity",
            "The capacity they speak in.",
            ("unstated", "council", "ward_member", "personal", "party_group", "candidate"),
        ),
        b(
            "appointed_by_council",
            "The council has agreed (by resolution) that this person is a spokesperson.",
        ),
        b("officer_authorised", "The officer has been authorised to respond to the media."),
        b("political_comment", "The statement makes a political opinion, comment or statement."),
        b(
            "pre_election_period",
            "It is the pre-election period (run-up to local or national elections).",
        ),
        d("notice_of_election", "Date of the notice of election."),
        d("polling_day", "Polling day."),
    ),
    derived=(derived_bool("sensitive_topic", "Unused for this question; always false."),),
    derive=_derive_election,
    derive_for=_derive_election_for,
    example={"speaker_role": "councillor", "capacity": "council"},
)
