"""Action delegated to a named officer "in consultation with the chair" (acses-town §7.4).

A committee authorises a named officer to act between meetings after consulting
its chair. The officer records whom they consulted, what the chair said and
their own decision; the rulebook's ``delegated.action`` says who may take it
(the officer, never the chair).
"""

from __future__ import annotations

from django.db import models

from propriety.councils.tenancy import CouncilOwned


class DelegatedAction(CouncilOwned):
    class Status(models.TextChoices):
        AWAITING = "awaiting", "Waiting for the officer's decision"
        DECIDED = "decided", "Decided by the officer"

    committee = models.ForeignKey(
        "councils.Committee", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    resolution_reference = models.CharField(
        max_length=80, help_text="The resolution that authorised the officer, e.g. `PL 2026/31`."
    )
    matter = models.CharField(max_length=200)
    details = models.TextField(blank=True)
    officer = models.ForeignKey(
        "people.Person",
        on_delete=models.PROTECT,
        related_name="delegated_actions",
        help_text="The named officer, who takes the action.",
    )
    chair = models.ForeignKey(
        "people.Person",
        on_delete=models.PROTECT,
        related_name="+",
        help_text="The chair to be consulted.",
    )
    authorised_on = models.DateField()
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.AWAITING)
    consulted_on = models.DateField(null=True, blank=True)
    chair_view = models.TextField(blank=True, help_text="What the chair said when consulted.")
    pressure_applied = models.BooleanField(default=False)
    decision_text = models.TextField(blank=True, help_text="The officer's own decision.")
    decided_on = models.DateField(null=True, blank=True)
    decision = models.JSONField(default=dict, blank=True)
    rulebook_version = models.CharField(max_length=80, blank=True)
    recorded_by = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta(CouncilOwned.Meta):
        ordering = ("-authorised_on", "-pk")

    def __str__(self) -> str:
        return f"Delegated action {self.pk}: {self.matter}"

    @property
    def reference(self) -> str:
        return f"DEL-{self.pk}"
