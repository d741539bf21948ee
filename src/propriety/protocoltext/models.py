"""Questions about how the protocol applies, asked of whoever the rulebook names."""

from __future__ import annotations

from django.db import models

from propriety.councils.tenancy import CouncilOwned


class ClauseQuestion(CouncilOwned):
    """A member's or officer's question on applying or interpreting the protocol."""

    class Status(models.TextChoices):
        OPEN = "open", "Waiting for an answer"
        ANSWERED = "answered", "Answered"

    asked_by = models.ForeignKey(
        "people.Person", on_delete=models.PROTECT, related_name="clause_questions"
    )
    clause = models.CharField(max_length=80, blank=True, help_text="The clause asked about.")
    question = models.TextField()
    asked_on = models.DateField()
    answerer_role = models.CharField(max_length=60)
    decision = models.JSONField(default=dict, blank=True)
    rulebook_version = models.CharField(max_length=80, blank=True)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.OPEN)
    answer = models.TextField(blank=True)
    answered_by = models.ForeignKey(
        "people.Person", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    answered_on = models.DateField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta(CouncilOwned.Meta):
        ordering = ("-asked_on", "-pk")

    def __str__(self) -> str:
        return f"{self.reference}: {self.question[:60]}"

    @property
    def reference(self) -> str:
        return f"PQ-{self.pk}"
