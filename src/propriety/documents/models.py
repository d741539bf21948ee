"""The council's document register."""

from __future__ import annotations

from django.db import models

from propriety.councils.models import Committee
from propriety.councils.tenancy import CouncilOwned


class Classification(models.TextChoices):
    PUBLIC = "public", "Public"
    COMMITTEE = "committee", "Committee business"
    EXEMPT = "exempt", "Exempt information (Schedule 12A)"
    CONFIDENTIAL = "confidential", "Confidential"
    PERSONAL_DATA = "personal_data", "Contains third-party personal data"


class ExemptCategory(models.IntegerChoices):
    """Local Government Act 1972, Schedule 12A, Part 1: descriptions of exempt information."""

    INDIVIDUAL = 1, "Paragraph 1: information relating to any individual"
    IDENTITY = 2, "Paragraph 2: information likely to reveal the identity of an individual"
    FINANCIAL = (
        3,
        (
            "Paragraph 3: information relating to the financial or business affairs of any "
            "particular person (including the authority holding that information)"
        ),
    )
    LABOUR_RELATIONS = (
        4,
        (
            "Paragraph 4: information relating to consultations or negotiations on a labour "
            "relations matter between the authority and its employees or office holders"
        ),
    )
    LEGAL_PRIVILEGE = (
        5,
        (
            "Paragraph 5: information in respect of which a claim to legal professional "
            "privilege could be maintained in legal proceedings"
        ),
    )
    NOTICES_AND_ORDERS = (
        6,
        (
            "Paragraph 6: information revealing that the authority proposes to give a notice "
            "imposing requirements on a person, or to make an order or direction"
        ),
    )
    CRIME = (
        7,
        (
            "Paragraph 7: information relating to action taken or to be taken in connection "
            "with the prevention, investigation or prosecution of crime"
        ),
    )


class Document(CouncilOwned):
    """A paper the council holds: an agenda item, a report, a letter, minutes."""

    title = models.CharField(max_length=300)
    reference = models.CharField(max_length=80, help_text="The council's own reference.")
    classification = models.CharField(max_length=20, choices=Classification.choices)
    exempt_category = models.PositiveSmallIntegerField(
        choices=ExemptCategory.choices,
        null=True,
        blank=True,
        help_text="Required for exempt information, and only then.",
    )
    committee = models.ForeignKey(
        Committee,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="documents",
        help_text="The committee whose business this is, if any.",
    )
    meeting_date = models.DateField(null=True, blank=True)
    summary = models.TextField(blank=True)
    body = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta(CouncilOwned.Meta):
        ordering = ("-meeting_date", "reference")
        constraints = (
            models.UniqueConstraint(
                fields=["council", "reference"], name="document_unique_reference"
            ),
            models.CheckConstraint(
                condition=(
                    models.Q(classification="exempt", exempt_category__isnull=False)
                    | (~models.Q(classification="exempt") & models.Q(exempt_category__isnull=True))
                ),
                name="document_exempt_category_iff_exempt",
            ),
        )

    def __str__(self) -> str:
        return f"{self.reference}: {self.title}"
