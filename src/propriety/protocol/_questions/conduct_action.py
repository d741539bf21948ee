"""Conduct outside a request: something a member or officer plans to do (who does
what, in which forum, concerning whom), so a rule on how people behave can refuse
citing its clause rather than appear only as guidance on some other answer."""

from __future__ import annotations

from propriety.protocol._questions._model import Question, e

ACTORS = ("member", "officer")
ACTIONS = (
    "criticise",
    "raise_personal_matter",
    "relay_discussion",
    "cite_private_advice",
    "disclose_confidential",
    "pressure",
    "other",
)
FORUMS = (
    "private",
    "procedure",
    "with_member",
    "council_meeting",
    "public_meeting",
    "media",
    "social_media",
    "party_group",
)
CONCERNING = ("officer", "member", "party_group", "council")

CONDUCT_ACTION = Question(
    name="conduct.action",
    summary=(
        "May I do this? Something a member or officer plans to do outside a request: who "
        "does what, in which forum, concerning whom."
    ),
    facts=(
        e(
            "actor",
            "Who plans to do it: member (a councillor, including a chair, the Mayor or the "
            "Leader); officer (any member of staff, the Clerk included).",
            ACTORS,
        ),
        e(
            "action",
            "What they plan to do: criticise (criticise someone's conduct, capability or "
            "performance); raise_personal_matter (raise a personal or employment matter, their "
            "own or a colleague's); relay_discussion (pass on what a party group or a private "
            "meeting discussed); cite_private_advice (quote or cite an officer's private "
            "briefing or advice); disclose_confidential (disclose information given in "
            "confidence); pressure (press an officer over their advice, report or "
            "recommendation); other.",
            ACTIONS,
        ),
        e(
            "forum",
            "Where: private (in private, with the person or their manager); procedure "
            "(through the council's agreed procedure: complaints, grievance, disciplinary); "
            "with_member (raised with a councillor); council_meeting (a meeting of the council "
            "or a committee); public_meeting (any other public meeting); media; social_media; "
            "party_group (a party group's meeting or members).",
            FORUMS,
        ),
        e(
            "concerning",
            "Whom it concerns: officer (a member of staff); member (a councillor); party_group "
            "(a party group); council (the council as a body).",
            CONCERNING,
        ),
    ),
    example={
        "actor": "member",
        "action": "criticise",
        "forum": "social_media",
        "concerning": "officer",
    },
)
