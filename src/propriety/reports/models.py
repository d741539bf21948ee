"""Written report requests and acting Proper Officer arrangements."""

from __future__ import annotations

from django.db import models

from propriety.councils.tenancy import CouncilOwned

BODY_LABELS = {
    "council": "The full council",
    "committee": "A committee",
    "member_alone": "Only me",
}


class ReportRequest(CouncilOwned):
    class Status(models.TextChoices):
        ACCEPTED = "accepted", "Being prepared"
        REFERRED = "referred", "Waiting for the Proper Officer's decision"
        REFUSED = "refused", "Refused under the protocol"
        DECLINED = "declined", "Declined"
        PROVIDED = "provided", "Report provided"

    requested_by = models.ForeignKey(
        "people.Person", on_delete=models.PROTECT, related_name="report_requests"
    )
    requested_on = models.DateField()
    subject = models.CharField(max_length=200)
    for_body = models.CharField(max_length=20, choices=list(BODY_LABELS.items()))
    details = models.TextField(blank=True)
    status = models.CharField(max_length=20, choices=Status.choices)
    decision = models.JSONField(default=dict, blank=True)
    handler_role = models.CharField(max_length=60, default="proper_officer")
    report = models.TextField(blank=True)
    recommendation = models.TextField(blank=True)
    reasons = models.TextField(blank=True)
    responded_by = models.ForeignKey(
        "people.Person", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    responded_on = models.DateField(null=True, blank=True)
    rulebook_version = models.CharField(max_length=80, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta(CouncilOwned.Meta):
        ordering = ("-requested_on", "-pk")

    def __str__(self) -> str:
        return f"{self.reference}: {self.subject}"

    @property
    def reference(self) -> str:
        return f"WR-{self.pk}"


class ActingArrangement(CouncilOwned):
    """A councillor acting as the Proper Officer (e.g. during a vacancy)."""

    councillor = models.ForeignKey(
        "people.Person", on_delete=models.PROTECT, related_name="acting_arrangements"
    )
    starts_on = models.DateField()
    ends_on = models.DateField(null=True, blank=True)
    reason = models.CharField(max_length=200)
    paid = models.BooleanField(default=False)
    short_term = models.BooleanField(default=True)
    capacity_clear = models.BooleanField(default=False)
    allowed = models.BooleanField(default=False)
    decision = models.JSONField(default=dict, blank=True)
    recorded_by = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="+")
    recorded_on = models.DateField()
    rulebook_version = models.CharField(max_length=80, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta(CouncilOwned.Meta):
        ordering = ("-starts_on", "-pk")

    def __str__(self) -> str:
        return f"{self.reference}: {self.councillor}"

    @property
    def reference(self) -> str:
        return f"AP-{self.pk}"
