"""A "Can I…?" question a member or officer chose to keep: what they planned to do, and
what the council's protocol said about it (conduct.action), with its clauses.

Nothing is stored when someone only asks: a question is kept only when the person
who asked chooses to keep it, and only they see it.
"""

from __future__ import annotations

from django.db import models

from propriety.councils.tenancy import CouncilOwned
from propriety.protocol import format_date

ACTION_LABELS = {
    "criticise": "Criticise someone's conduct, capability or performance",
    "raise_personal_matter": "Raise a personal or employment matter (mine or a colleague's)",
    "relay_discussion": "Pass on what a party group or a private meeting discussed",
    "cite_private_advice": "Quote or cite an officer's private briefing or advice",
    "disclose_confidential": "Disclose information given in confidence",
    "pressure": "Press an officer over their advice, report or recommendation",
    "other": "Something else",
}
FORUM_LABELS = {
    "private": "In private, with the person or their manager",
    "procedure": "Through the council's procedure (complaints, grievance, disciplinary)",
    "with_member": "With a councillor",
    "council_meeting": "At a meeting of the council or a committee",
    "public_meeting": "At another public meeting",
    "media": "To the press, radio or television",
    "social_media": "On social media",
    "party_group": "In a party group",
}
CONCERNING_LABELS = {
    "officer": "A member of staff",
    "member": "A councillor",
    "party_group": "A party group",
    "council": "The council as a body",
}


class ConductQuestion(CouncilOwned):
    """One kept "Can I…?" question and the protocol's answer when it was asked."""

    asked_by = models.ForeignKey(
        "people.Person", on_delete=models.PROTECT, related_name="conduct_questions"
    )
    asked_on = models.DateField()
    actor = models.CharField(max_length=20, help_text="member or officer, from who asked.")
    action = models.CharField(max_length=40, choices=list(ACTION_LABELS.items()))
    forum = models.CharField(max_length=40, choices=list(FORUM_LABELS.items()))
    concerning = models.CharField(max_length=40, choices=list(CONCERNING_LABELS.items()))
    plan = models.TextField(blank=True, help_text="What they planned to do, in their words.")
    declared_facts = models.JSONField(
        default=dict,
        blank=True,
        help_text="Answers to the facts the council's rulebook declares for conduct.action.",
    )
    decision = models.JSONField(
        default=dict, blank=True, help_text="The engine's conduct.action decision (summary_of)."
    )
    rulebook_version = models.CharField(max_length=200, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ("-asked_on", "-pk")

    def __str__(self) -> str:
        return f"Can I… ({self.get_action_display()}) {format_date(self.asked_on)}"
