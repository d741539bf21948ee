"""Councils: the tenants. Every other row belongs to one (see tenancy.py)."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models.functions import Lower

from propriety.councils.audit_context import require_recording
from propriety.councils.tenancy import AuditedQuerySet, CouncilOwned
from propriety.protocol import rulebook_names

TAKEN_ADDRESS = "Another council on this installation uses that address."


class Council(models.Model):
    class Kind(models.TextChoices):
        PARISH = "parish", "Parish council"
        TOWN = "town", "Town council"
        PRINCIPAL = "principal", "Principal council (district, borough, unitary or county)"

    class Nation(models.TextChoices):
        ENGLAND = "england", "England"
        WALES = "wales", "Wales"
        SCOTLAND = "scotland", "Scotland"
        NORTHERN_IRELAND = "northern_ireland", "Northern Ireland"

    name = models.CharField(max_length=200, unique=True)
    slug = models.SlugField(max_length=80, unique=True)
    kind = models.CharField(max_length=20, choices=Kind.choices)
    nation = models.CharField(max_length=20, choices=Nation.choices, default=Nation.ENGLAND)
    rulebook = models.CharField(
        max_length=80, help_text="Id of the council's rulebook in rulebooks/, e.g. acses-town."
    )
    principal_council_name = models.CharField(
        max_length=200,
        blank=True,
        help_text="The principal council whose Monitoring Officer receives code-of-conduct "
        "complaints (Localism Act 2011). Blank for a principal council itself.",
    )
    # Clocks for members' enquiries. Blank: the rulebook's own setting applies.
    acknowledge_working_days = models.PositiveSmallIntegerField(
        null=True,
        blank=True,
        help_text="Working days to acknowledge a member's enquiry; blank for the rulebook's.",
    )
    respond_working_days = models.PositiveSmallIntegerField(
        null=True,
        blank=True,
        help_text="Working days to answer a member's enquiry; blank for the rulebook's.",
    )
    follow_up_working_days = models.PositiveSmallIntegerField(
        default=10,
        help_text="Working days an answered enquiry stays open for the member's follow-up.",
    )
    enquiries_address = models.EmailField(
        blank=True,
        help_text="Where members email enquiries, e.g. enquiries@kestrelford.example; replies "
        "about a case come back to it with a tag (enquiries+enq-12-…@…). Blank: no mail in.",
    )
    require_two_factor = models.BooleanField(
        default=False,
        help_text="Whether the Clerk and the Monitoring Officer must sign in with a code from "
        "an authenticator app as well as their password.",
    )
    # The principal council's Monitoring Officer as this council knows them: a
    # person of this council holding the monitoring_officer role. Blank: whoever
    # holds that role answers for it (people/holders.py).
    monitoring_officer = models.ForeignKey(
        "people.Person",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text="The Monitoring Officer who receives this council's code-of-conduct "
        "complaints; a person holding the Monitoring Officer role.",
    )
    # The committee that holds the council to its protocol (an audit, standards or
    # governance committee): its current members read the governance report and the
    # oversight pages (audit/access.py). Chosen by the Clerk; blank: none.
    governance_committee = models.ForeignKey(
        "councils.Committee",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text="The council's governance (audit and standards) committee, whose members "
        "read the governance report and the oversight pages.",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = AuditedQuerySet.as_manager()

    class Meta:
        ordering = ("name",)
        constraints = (
            # Mail in is matched to its council by this address (mail/receive.py), so two
            # councils may not share one, whatever its case; many may have none ("").
            models.UniqueConstraint(
                Lower("enquiries_address"),
                condition=~models.Q(enquiries_address=""),
                name="council_enquiries_address_unique",
                violation_error_message=TAKEN_ADDRESS,
            ),
        )

    def __str__(self) -> str:
        return self.name

    def save(self, *args: Any, **kwargs: Any) -> None:
        require_recording(type(self), "save()", self.pk)
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        require_recording(type(self), "delete()", self.pk)
        return super().delete(*args, **kwargs)

    def clock_settings(self) -> dict[str, int]:
        """The council's own clock settings, to pass to the engine over the rulebook's."""
        chosen = {
            "acknowledge_working_days": self.acknowledge_working_days,
            "respond_working_days": self.respond_working_days,
        }
        return {k: v for k, v in chosen.items() if v is not None}

    def clean(self) -> None:
        known = rulebook_names()
        # An empty list means no rulebook has been written yet (early in the
        # project, or a checkout without rulebooks/): nothing to check against.
        if known and self.rulebook not in known:
            raise ValidationError(
                {
                    "rulebook": f"There is no rulebook {self.rulebook!r} in rulebooks/. "
                    f"Known rulebooks: {', '.join(known)}."
                }
            )


class Committee(CouncilOwned):
    """A committee (or sub-committee, panel, working group) of the council."""

    name = models.CharField(max_length=200)
    closed_on = models.DateField(
        null=True, blank=True, help_text="Its last day; blank while it still exists."
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta(CouncilOwned.Meta):
        ordering = ("name",)
        constraints = (
            models.UniqueConstraint(fields=["council", "name"], name="committee_unique_name"),
        )

    def __str__(self) -> str:
        return self.name


class Ward(CouncilOwned):
    """An electoral ward of the council (002 and 003 give ward members rights)."""

    name = models.CharField(max_length=200)
    closed_on = models.DateField(
        null=True, blank=True, help_text="Its last day; blank while it still exists."
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta(CouncilOwned.Meta):
        ordering = ("name",)
        constraints = (
            models.UniqueConstraint(fields=["council", "name"], name="ward_unique_name"),
        )

    def __str__(self) -> str:
        return f"{self.name} ward"


class PartyGroup(CouncilOwned):
    """A political group of councillors (003 §9 briefings; 002 support rules)."""

    name = models.CharField(max_length=200)
    closed_on = models.DateField(
        null=True, blank=True, help_text="Its last day; blank while it still exists."
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta(CouncilOwned.Meta):
        ordering = ("name",)
        constraints = (
            models.UniqueConstraint(fields=["council", "name"], name="party_group_unique_name"),
        )

    def __str__(self) -> str:
        return self.name


class RulebookAdoption(CouncilOwned):
    """The council's rulebook from a day on: its history of protocols, one row per change.

    The rulebook id and version in force on any day is the latest row whose
    ``in_force_from`` is on or before it (``councils.rulebooks.in_force_on``).
    A council whose rulebook has never changed has no rows: its rulebook has
    been in force since it was created.
    """

    rulebook = models.CharField(max_length=80)
    version = models.CharField(max_length=80, blank=True)
    in_force_from = models.DateField()
    reasons = models.TextField(blank=True)
    recorded_by = models.ForeignKey(
        "people.Person", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta(CouncilOwned.Meta):
        ordering = ("in_force_from", "pk")

    def __str__(self) -> str:
        version = f" (version {self.version})" if self.version else ""
        return f"{self.rulebook}{version} from {self.in_force_from.isoformat()}"
