"""Ward notices: what was recorded, what the protocol said, and who was told."""

from __future__ import annotations

from django.db import models

from propriety.councils.models import Ward
from propriety.councils.tenancy import CouncilOwned
from propriety.protocol import QUESTIONS

# The engine's own events; media stories are recorded as media interest (press app).
EVENT_LABELS = {
    "council_public_meeting": "A public meeting the council holds on a local issue",
    "consultation": "A consultation on a local issue",
    "policy_development": "Policy being developed that affects a ward",
    "sensitive_operational_matter": "A significant or sensitive operational matter",
    "officer_visit": "An officer’s visit in a ward",
    "member_public_meeting": "A member’s own public meeting about the council’s work",
    "premises_visit": "A member’s visit to council premises",
    "ward_surgery_support": "A member asking for staff at their ward surgery",
}
_ENGINE_EVENTS = QUESTIONS["ward.notification"].fact("event")
assert _ENGINE_EVENTS is not None and set(EVENT_LABELS) <= set(_ENGINE_EVENTS.choices)
OFFICER_EVENTS = (
    "council_public_meeting",
    "consultation",
    "policy_development",
    "sensitive_operational_matter",
    "officer_visit",
)
MEMBER_EVENTS = ("member_public_meeting", "premises_visit", "ward_surgery_support")


class WardNotice(CouncilOwned):
    class Outcome(models.TextChoices):
        ALLOWED = "allow", "Goes ahead"
        REFUSED = "refuse", "Refused under the protocol"
        REFERRED = "refer", "Referred for a decision"

    event = models.CharField(max_length=40, choices=list(EVENT_LABELS.items()))
    title = models.CharField(max_length=200)
    details = models.TextField(blank=True)
    takes_place_on = models.DateField()
    wards = models.ManyToManyField(Ward, related_name="+")
    party_political = models.BooleanField(default=False)
    # An officer's visit: the officer who visits (the one recording it, or another officer
    # the Clerk records it for).
    visiting_officer = models.ForeignKey(
        "people.Person", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    recorded_by = models.ForeignKey(
        "people.Person", on_delete=models.PROTECT, related_name="ward_notices_recorded"
    )
    recorded_on = models.DateField()
    outcome = models.CharField(max_length=10, choices=Outcome.choices)
    election = models.ForeignKey(
        "press.Election", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    decision = models.JSONField(default=dict, blank=True)
    # Where the rulebook refers it to a person (Part 5 §2.4: the relevant Chief Officer),
    # that person records the decision with reasons.
    decider_role = models.CharField(max_length=60, blank=True)
    decided_by = models.ForeignKey(
        "people.Person", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    decided_on = models.DateField(null=True, blank=True)
    decided_allow = models.BooleanField(null=True, blank=True)
    reasons = models.TextField(blank=True)
    members_told = models.ManyToManyField(
        "people.Person", blank=True, related_name="ward_notices_told"
    )
    rulebook_version = models.CharField(max_length=80, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta(CouncilOwned.Meta):
        ordering = ("-recorded_on", "-pk")

    def __str__(self) -> str:
        return f"{self.reference}: {self.title}"

    @property
    def reference(self) -> str:
        return f"WN-{self.pk}"

    @property
    def told_late(self) -> bool:
        """Recorded after it began: the protocol asks for notice at the outset."""
        return self.recorded_on > self.takes_place_on
