"""The register of relationships and interests, and the panels it is checked against.

A member or officer declares a close personal relationship or an interest
(``Declaration``): with a person of the council or a named outsider, its
nature, and from when to when (acses-town §4.3–§4.4; the other protocols'
familiarity and private-interest principles). A declaration is seen by the
declarer, the Clerk and the Monitoring Officer only.

A ``Panel`` (appointment, pay, discipline, grievance) has members seated one
by one (``PanelSeat``); each seat asks the rulebook's ``relationship.conflict``
with what the register holds, and a conflicted member is refused the seat
citing the clause.
"""

from __future__ import annotations

import datetime

from django.db import models

from propriety.councils.tenancy import CouncilOwned

# What a declaration can say, and the relationship.conflict value each one asks with.
NATURES = {
    "relative": ("A relative (family, by marriage or partnership)", "relative"),
    "close_friend": ("A close friend", "close_friend"),
    "personal": ("Another close personal relationship", "disclosed_personal"),
    "business": ("A business connection", "business"),
    "interest": ("A private interest (a body, company, property or matter)", "business"),
}


class Declaration(CouncilOwned):
    """One declared relationship or interest, current from ``starts_on`` until it ends."""

    declarer = models.ForeignKey(
        "people.Person", on_delete=models.PROTECT, related_name="declarations"
    )
    related_person = models.ForeignKey(
        "people.Person",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="declared_by_others",
        help_text="The person of the council it is with, if any.",
    )
    related_name = models.CharField(
        max_length=200,
        blank=True,
        help_text="The outsider (person, body, company or matter) it is with, if not a person "
        "of the council.",
    )
    nature = models.CharField(max_length=20, choices=[(k, v[0]) for k, v in NATURES.items()])
    details = models.TextField(blank=True)
    starts_on = models.DateField()
    ends_on = models.DateField(null=True, blank=True, help_text="The last day it held.")
    declared_on = models.DateField()
    decision = models.JSONField(
        default=dict, blank=True, help_text="The rulebook's relationship.conflict answer."
    )
    rulebook_version = models.CharField(max_length=80, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta(CouncilOwned.Meta):
        ordering = ("-declared_on", "-pk")
        constraints = (
            models.CheckConstraint(
                condition=(
                    models.Q(related_person__isnull=False, related_name="")
                    | (models.Q(related_person__isnull=True) & ~models.Q(related_name=""))
                ),
                name="declaration_with_one_party",
            ),
        )

    def __str__(self) -> str:
        return f"Declaration {self.pk}: {self.declarer} and {self.with_whom}"

    @property
    def reference(self) -> str:
        return f"DEC-{self.pk}"

    @property
    def with_whom(self) -> str:
        return self.related_person.full_name if self.related_person else self.related_name

    @property
    def nature_label(self) -> str:
        return NATURES.get(self.nature, (self.nature, ""))[0]

    def describe(self) -> str:
        """What was declared, as a sentence ends: "that Lucy Marsh is a relative"."""
        who = self.with_whom
        return {
            "relative": f"that {who} is a relative",
            "close_friend": f"that {who} is a close friend",
            "personal": f"a close personal relationship with {who}",
            "business": f"a business connection with {who}",
            "interest": f"a private interest in {who}",
        }.get(self.nature, f"a relationship with {who}")

    @property
    def relationship(self) -> str:
        """The value of relationship.conflict's ``relationship`` fact it stands for."""
        return NATURES.get(self.nature, ("", "business"))[1]

    def is_current(self, day: datetime.date) -> bool:
        return self.starts_on <= day and (self.ends_on is None or self.ends_on >= day)


class Panel(CouncilOwned):
    """A panel of members taking a decision that involves a person: an appointment, pay,
    discipline or a grievance."""

    class Kind(models.TextChoices):
        APPOINTMENT = "appointment", "Appointment"
        PAY = "pay", "Pay"
        DISCIPLINE = "discipline", "Discipline"
        GRIEVANCE = "grievance", "Grievance"

    class Status(models.TextChoices):
        OPEN = "open", "Open"
        CLOSED = "closed", "Closed"

    kind = models.CharField(max_length=20, choices=Kind.choices)
    title = models.CharField(max_length=200)
    subject = models.ForeignKey(
        "people.Person",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="panels_about",
        help_text="The officer the decision is about (pay, discipline, grievance).",
    )
    candidates = models.TextField(
        blank=True, help_text="For an appointment: the candidates' names, one a line."
    )
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.OPEN)
    formed_on = models.DateField()
    closed_on = models.DateField(null=True, blank=True)
    outcome = models.TextField(blank=True)
    formed_by = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta(CouncilOwned.Meta):
        ordering = ("-formed_on", "-pk")

    def __str__(self) -> str:
        return f"Panel {self.pk}: {self.title}"

    @property
    def reference(self) -> str:
        return f"PAN-{self.pk}"

    @property
    def context(self) -> str:
        """relationship.conflict's ``context``: appointing, or a decision affecting an officer."""
        return "appointment" if self.kind == self.Kind.APPOINTMENT else "decision"

    def candidate_names(self) -> list[str]:
        return [line.strip() for line in self.candidates.splitlines() if line.strip()]


class PanelSeat(CouncilOwned):
    """A member considered for a seat on a panel: seated, or refused citing the clause."""

    class Status(models.TextChoices):
        SEATED = "seated", "Seated"
        REFUSED = "refused", "Refused a seat"

    panel = models.ForeignKey(Panel, on_delete=models.CASCADE, related_name="seats")
    member = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="+")
    status = models.CharField(max_length=10, choices=Status.choices)
    canvassing = models.BooleanField(default=False)
    information_advantage = models.BooleanField(default=False)
    declarations = models.JSONField(
        default=list, blank=True, help_text="The ids of the declarations the check found."
    )
    decision = models.JSONField(default=dict, blank=True)
    reasons = models.TextField(
        blank=True, help_text="The Clerk's reasons, where the protocol left it to the Clerk."
    )
    considered_on = models.DateField()
    considered_by = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="+")

    class Meta(CouncilOwned.Meta):
        ordering = ("panel", "pk")
        constraints = (models.UniqueConstraint(fields=["panel", "member"], name="panel_seat_once"),)

    def __str__(self) -> str:
        return f"{self.panel.reference}: {self.member}"
