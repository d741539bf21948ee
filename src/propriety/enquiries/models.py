"""Members' enquiries: a councillor asks, the Clerk triages, an officer answers."""

from __future__ import annotations

import datetime
from typing import Any

from django.db import models

from propriety.councils.models import Ward
from propriety.councils.tenancy import CouncilOwned
from propriety.protocol import QUESTIONS, Pause

# The engine's own domains (enquiry.route), so the web and the rulebooks agree.
_ROUTE_FACTS = {f.name: f for f in QUESTIONS["enquiry.route"].facts}

KIND_LABELS = {
    "information": "Information, an explanation or advice",
    "factual": "A purely factual question",
    "instruction": "Asking an officer to do something",
    "consumables": "Consumables provided for members' use",
    "report": "A written report for the council",
    "financial": "Starting a payment or contract",
}
ADDRESSED_LABELS = {
    "proper_officer": "The Clerk (Proper Officer)",
    "chief_executive": "The Chief Executive",
    "chief_officer": "A Chief Officer",
    "service_manager": "The manager of the service concerned",
    "other_officer": "Another officer",
}
KINDS = _ROUTE_FACTS["kind"].choices
ADDRESSED = _ROUTE_FACTS["addressed_to"].choices


def enquiry_reference(pk: int) -> str:
    """How an enquiry is referred to: "ENQ-42"."""
    return f"ENQ-{pk}"


class Enquiry(CouncilOwned):
    """A member's enquiry, on their own behalf or for a named constituent."""

    class Status(models.TextChoices):
        WITH_CLERK = "with_clerk", "With the Clerk to allocate"
        ALLOCATED = "allocated", "With an officer"
        AWAITING_MEMBER = "awaiting_member", "Waiting for the councillor to clarify"
        ANSWERED = "answered", "Answered"
        CLOSED = "closed", "Closed"
        WITHDRAWN = "withdrawn", "Withdrawn"

    class Priority(models.TextChoices):
        NOT_SET = "", "Not set yet"
        LOW = "low", "Low"
        NORMAL = "normal", "Normal"
        HIGH = "high", "High"
        URGENT = "urgent", "Urgent"

    OPEN_STATUSES = (Status.WITH_CLERK, Status.ALLOCATED, Status.AWAITING_MEMBER)

    member = models.ForeignKey(
        "people.Person", on_delete=models.PROTECT, related_name="enquiries_made"
    )
    subject = models.CharField(max_length=200)
    body = models.TextField()
    kind = models.CharField(max_length=20, choices=[(k, KIND_LABELS.get(k, k)) for k in KINDS])
    addressed_to = models.CharField(
        max_length=20, choices=[(k, ADDRESSED_LABELS.get(k, k)) for k in ADDRESSED]
    )
    addressed_officer = models.ForeignKey(
        "people.Person",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text="The officer the member wrote to, if they named one.",
    )
    constituent_name = models.CharField(
        max_length=200, blank=True, help_text="The constituent the enquiry is made for, if any."
    )
    ward = models.ForeignKey(
        Ward, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    asks_for_priority = models.BooleanField(default=False)
    via_formal_decision = models.BooleanField(default=False)

    status = models.CharField(max_length=20, choices=Status.choices, default=Status.WITH_CLERK)
    priority = models.CharField(
        max_length=10, choices=Priority.choices, default=Priority.NOT_SET, blank=True
    )
    officer = models.ForeignKey(
        "people.Person",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="enquiries_allocated",
    )
    handler_role = models.CharField(
        max_length=40, help_text="The rulebook's role for whoever has the enquiry now."
    )

    received_on = models.DateField()
    acknowledged_on = models.DateField(null=True, blank=True)
    acknowledge_due = models.DateField()
    respond_due = models.DateField()
    answered_on = models.DateField(null=True, blank=True)
    answer = models.TextField(blank=True)
    follow_up_until = models.DateField(null=True, blank=True)
    member_satisfied = models.BooleanField(null=True, blank=True)
    member_feedback = models.TextField(blank=True)
    clarification_question = models.TextField(blank=True)
    # [{"start": "2027-01-04", "end": "2027-01-06" | null}, ...]
    pauses = models.JSONField(default=list, blank=True)
    escalation_level = models.PositiveSmallIntegerField(
        default=0, help_text="0: on time; 1: handler reminded; 2 and up: escalated up the route."
    )
    last_escalated_on = models.DateField(null=True, blank=True)

    agreement = models.ForeignKey(
        "enquiries.DirectContactAgreement",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="enquiries",
        help_text="The Clerk's agreement for direct contact the member used, if any.",
    )

    route = models.JSONField(
        default=dict, blank=True, help_text="The engine's enquiry.route decision at submission."
    )
    rulebook_version = models.CharField(max_length=80, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta(CouncilOwned.Meta):
        ordering = ("-received_on", "-pk")
        verbose_name_plural = "enquiries"
        indexes = (
            models.Index(fields=["council", "status", "respond_due"]),
            # The clock's work across every council, found without walking each council's
            # cases: overdue enquiries, and answered ones past their follow-up window.
            models.Index(fields=["status", "respond_due"], name="enquiry_status_due"),
            # Answered and still waiting for the member's word: only those rows, however
            # many answered enquiries the member was satisfied with accumulate.
            models.Index(
                fields=["follow_up_until"],
                condition=models.Q(status="answered", member_satisfied__isnull=True),
                name="enquiry_follow_up_waiting",
            ),
            # The list's finished cases, newest first, read only as far as the page.
            models.Index(fields=["council", "received_on", "id"], name="enquiry_council_received"),
        )

    def __str__(self) -> str:
        return f"Enquiry {self.pk}: {self.subject}"

    @property
    def reference(self) -> str:
        return enquiry_reference(self.pk)

    @property
    def is_open(self) -> bool:
        return self.status in self.OPEN_STATUSES

    def pause_list(self) -> list[Pause]:
        return [
            Pause(
                datetime.date.fromisoformat(p["start"]),
                datetime.date.fromisoformat(p["end"]) if p.get("end") else None,
            )
            for p in self.pauses
        ]

    @staticmethod
    def pause_json(pauses: list[Pause]) -> list[dict[str, Any]]:
        return [
            {"start": p.start.isoformat(), "end": p.end.isoformat() if p.end else None}
            for p in pauses
        ]


class DirectContactAgreement(CouncilOwned):
    """The Proper Officer's agreement that members may go direct to an officer on a matter.

    The national model (Some general principles ¶2) and acses-town (§4.6) send
    members' approaches through the Proper Officer unless the Proper Officer
    has agreed direct contact with another officer on a matter; while an
    agreement is current, an enquiry made under it reaches the engine with
    ``direct_contact_agreed`` true.
    """

    officer = models.ForeignKey(
        "people.Person",
        on_delete=models.PROTECT,
        related_name="direct_contact_agreements",
        help_text="The officer members may contact direct.",
    )
    matter = models.CharField(max_length=200, help_text="The matter the agreement covers.")
    member = models.ForeignKey(
        "people.Person",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text="The one member it is for; empty for every member.",
    )
    starts_on = models.DateField()
    ends_on = models.DateField(
        null=True, blank=True, help_text="The last day it runs, if it runs to a date."
    )
    instructions_approved = models.BooleanField(
        default=False,
        help_text="The Clerk also expressly approves members' instructions to this officer on "
        "this matter (national model Some general principles ¶2), which direct contact alone "
        "does not allow.",
    )
    agreed_by = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="+")
    ended_on = models.DateField(
        null=True, blank=True, help_text="The day the Clerk ended it early, if they did."
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta(CouncilOwned.Meta):
        ordering = ("-starts_on", "-pk")

    def __str__(self) -> str:
        return f"{self.reference}: {self.matter}"

    @property
    def reference(self) -> str:
        return f"DCA-{self.pk}"

    def is_current(self, day: datetime.date) -> bool:
        """In force on ``day``: started, not past its end, not ended by the Clerk."""
        return (
            self.starts_on <= day
            and (self.ends_on is None or day <= self.ends_on)
            and (self.ended_on is None or day < self.ended_on)
        )

    def applies_to(self, member_id: int) -> bool:
        return self.member_id is None or self.member_id == member_id

    def state(self, day: datetime.date) -> str:
        """Current, ended, expired or not started yet, in plain English."""
        if self.ended_on is not None and self.ended_on <= day:
            return "Ended"
        if self.ends_on is not None and self.ends_on < day:
            return "Expired"
        if self.starts_on > day:
            return "Not started yet"
        return "Current"
