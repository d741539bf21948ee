"""Requests to use council resources, and their decisions."""

from __future__ import annotations

from django.db import models

from propriety.councils.tenancy import CouncilOwned
from propriety.protocol import QUESTIONS

KIND_LABELS = {
    "printing": "Printing or copying",
    "room": "A room or council premises",
    "equipment": "Equipment",
    "consumables": "Stationery or other consumables",
    "staff_time": "Staff time or support",
}
PURPOSE_LABELS = {
    "council_business": "Council business (my work as a councillor of this council)",
    "party_political": "Business of a political party",
    "party_meeting": "A ward or constituency party-political meeting",
    "campaigning": "Campaigning",
    "electioneering": "Electioneering",
    "private": "Private purposes or personal correspondence",
    "non_council_capacity": "An event or body I attend other than as a councillor",
    "other_authority": "My work as a councillor of another authority",
}
_PURPOSE = QUESTIONS["resources.use"].fact("purpose")
assert _PURPOSE is not None and set(PURPOSE_LABELS) == set(_PURPOSE.choices)


class ResourceRequest(CouncilOwned):
    class Status(models.TextChoices):
        ALLOWED = "allowed", "Allowed"
        REFUSED = "refused", "Refused"
        REFERRED = "referred", "Waiting for a decision"

    kind = models.CharField(max_length=20, choices=list(KIND_LABELS.items()))
    purpose = models.CharField(max_length=30, choices=list(PURPOSE_LABELS.items()))
    description = models.TextField()
    needed_on = models.DateField(null=True, blank=True)
    commercial_discussion = models.BooleanField(default=False)
    officers_present = models.BooleanField(default=False)
    officer = models.ForeignKey(
        "people.Person",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="resource_requests_asked",
        help_text="The officer whose time or help is asked for, if any.",
    )
    requested_by = models.ForeignKey(
        "people.Person", on_delete=models.PROTECT, related_name="resource_requests"
    )
    requested_on = models.DateField()
    status = models.CharField(max_length=20, choices=Status.choices)
    decision = models.JSONField(default=dict, blank=True)
    decider_role = models.CharField(max_length=60, blank=True)
    decided_by = models.ForeignKey(
        "people.Person", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    decided_on = models.DateField(null=True, blank=True)
    reasons = models.TextField(blank=True)
    rulebook_version = models.CharField(max_length=80, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta(CouncilOwned.Meta):
        ordering = ("-requested_on", "-pk")

    def __str__(self) -> str:
        return f"{self.reference}: {self.get_kind_display()}"

    @property
    def reference(self) -> str:
        return f"CR-{self.pk}"
