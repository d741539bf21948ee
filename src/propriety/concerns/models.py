"""Concerns and complaints: "if things go wrong", step by step along the council's route.

A case (``Concern``) asks the rulebook's ``concern.route`` who handles it now
and who next if it is not resolved. Each time it moves on, a new
``ConcernStep`` records the decision for that stage and the people who handle
it (``ConcernHandler``); the handlers of every step, the person who raised it
and (once referred) the Monitoring Officer are the only people who see it.
There is, on purpose, nothing here with which a council could sanction a
member: code-of-conduct complaints go to the principal council's Monitoring
Officer (Localism Act 2011; R (Harvey) v Ledbury TC [2018] EWHC 1151 (Admin)).
"""

from __future__ import annotations

from django.db import models

from propriety.councils.tenancy import CouncilOwned
from propriety.protocol import QUESTIONS

_FACTS = {f.name: f for f in QUESTIONS["concern.route"].facts}

DIRECTION_LABELS = {
    "member_about_officer": "A councillor's concern about an officer",
    "officer_about_member": "An officer's concern about a councillor",
    "disagreement": "A disagreement between a councillor and an officer",
    "grievance": "An officer's grievance",
    "code_of_conduct": "A complaint that a councillor broke the code of conduct",
    "breach_by_officer": "A serious breach of the protocol by an officer",
}
STAGE_LABELS = {
    "new": "Just raised",
    "first": "Not resolved at the first step",
    "second": "Not resolved at the second step",
}
SERIOUSNESS_LABELS = {"minor": "Minor", "serious": "Serious"}
DIRECTIONS = _FACTS["direction"].choices
STAGES = _FACTS["stage"].choices
SERIOUSNESS = _FACTS["seriousness"].choices


class Concern(CouncilOwned):
    """One concern or complaint and where it has got to on the council's route."""

    class Status(models.TextChoices):
        OPEN = "open", "Open"
        RESOLVED = "resolved", "Resolved"
        REFERRED = "referred_to_monitoring_officer", "Referred to the Monitoring Officer"
        CLOSED = "closed", "Closed"

    direction = models.CharField(
        max_length=30, choices=[(d, DIRECTION_LABELS.get(d, d)) for d in DIRECTIONS]
    )
    raised_by = models.ForeignKey(
        "people.Person", on_delete=models.PROTECT, related_name="concerns_raised"
    )
    about = models.ForeignKey(
        "people.Person",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="concerns_about",
        help_text="The person of the council the concern is about (a grievance may name none).",
    )
    summary = models.CharField(max_length=200)
    details = models.TextField()
    seriousness = models.CharField(
        max_length=10,
        choices=[(s, SERIOUSNESS_LABELS.get(s, s)) for s in SERIOUSNESS],
        default="minor",
    )
    subject_is_proper_officer = models.BooleanField(
        default=False, help_text="Derived: the person it is about is the Proper Officer."
    )
    direct_discussion_inappropriate = models.BooleanField(default=False)
    formal_written = models.BooleanField(default=False)
    declared_facts = models.JSONField(
        default=dict,
        blank=True,
        help_text="Answers to the facts the council's rulebook declares for concern.route.",
    )
    stage = models.CharField(
        max_length=10, choices=[(s, STAGE_LABELS.get(s, s)) for s in STAGES], default="new"
    )
    handler_role = models.CharField(
        max_length=40, help_text="The rulebook's role for whoever handles it now."
    )
    route = models.JSONField(
        default=dict, blank=True, help_text="The engine's concern.route decision for this stage."
    )
    status = models.CharField(max_length=40, choices=Status.choices, default=Status.OPEN)
    outcome = models.TextField(blank=True, help_text="How it was resolved or why it was closed.")
    raised_on = models.DateField()
    finished_on = models.DateField(null=True, blank=True)
    referred_on = models.DateField(null=True, blank=True)
    referral = models.JSONField(
        default=dict, blank=True, help_text="The record handed to the Monitoring Officer."
    )
    rulebook_version = models.CharField(max_length=80, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta(CouncilOwned.Meta):
        ordering = ("-raised_on", "-pk")
        indexes = (models.Index(fields=["council", "status"]),)

    def __str__(self) -> str:
        return f"Concern {self.pk}: {self.summary}"

    @property
    def reference(self) -> str:
        return f"CON-{self.pk}"

    @property
    def is_open(self) -> bool:
        return self.status == self.Status.OPEN

    @property
    def direction_label(self) -> str:
        return DIRECTION_LABELS.get(self.direction, self.direction)

    def current_step(self) -> ConcernStep | None:
        return self.steps.order_by("-number").first()


class ConcernStep(CouncilOwned):
    """One step on the route: the stage, the rulebook's decision, and what was done."""

    class Result(models.TextChoices):
        CURRENT = "", "In hand"
        RESOLVED = "resolved", "Resolved"
        MOVED_ON = "moved_on", "Not resolved: taken to the next step"
        REFERRED = "referred", "Handed to the Monitoring Officer"
        CLOSED = "closed", "Closed"

    concern = models.ForeignKey(Concern, on_delete=models.CASCADE, related_name="steps")
    number = models.PositiveSmallIntegerField()
    stage = models.CharField(max_length=10)
    handler_role = models.CharField(max_length=40)
    route = models.JSONField(default=dict, blank=True)
    started_on = models.DateField()
    ended_on = models.DateField(null=True, blank=True)
    done = models.TextField(blank=True, help_text="What the handler did at this step.")
    result = models.CharField(
        max_length=10, choices=Result.choices, default=Result.CURRENT, blank=True
    )
    recorded_by = models.ForeignKey(
        "people.Person", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta(CouncilOwned.Meta):
        ordering = ("concern", "number")
        constraints = (
            models.UniqueConstraint(fields=["concern", "number"], name="concern_step_number"),
        )

    def __str__(self) -> str:
        return f"{self.concern.reference} step {self.number}"


class ConcernHandler(CouncilOwned):
    """A person who handles a step (all members of a body such as the personnel committee)."""

    step = models.ForeignKey(ConcernStep, on_delete=models.CASCADE, related_name="handlers")
    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="+")
    took_part = models.BooleanField(
        default=False, help_text="Recorded as taking part in what was done at this step."
    )

    class Meta(CouncilOwned.Meta):
        ordering = ("step", "pk")
        constraints = (
            models.UniqueConstraint(fields=["step", "person"], name="concern_handler_once"),
        )


class ConcernNote(CouncilOwned):
    """A note added by someone who can see the case."""

    concern = models.ForeignKey(Concern, on_delete=models.CASCADE, related_name="notes")
    author = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="+")
    text = models.TextField()
    added_on = models.DateField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta(CouncilOwned.Meta):
        ordering = ("created_at", "pk")
