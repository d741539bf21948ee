"""The council's document register."""

from __future__ import annotations

import uuid
from pathlib import PurePath
from typing import Any

from django.core.files.storage import Storage, storages
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


def document_storage() -> Storage:
    """Where documents' files are kept: the ``documents`` storage (settings.STORAGES).

    A file system folder under the data directory by default, or S3-compatible
    storage by setting (docs/operations.md). Never served from a public URL:
    files are read back only by the download view, after the access check.
    """
    return storages["documents"]


def document_file_path(document: Document, filename: str) -> str:
    """A path that names no one: the council's id and a random name, keeping the extension."""
    suffix = PurePath(filename).suffix.lower()[:10]
    return f"council-{document.council_id}/{uuid.uuid4().hex}{suffix}"


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
    dated = models.DateField(null=True, blank=True, help_text="The date the document bears.")
    contains_personal_data = models.BooleanField(
        default=False, help_text="It holds personal information about third parties."
    )
    summary = models.TextField(blank=True)
    body = models.TextField(blank=True)
    # The uploaded file, if any: stored under a random name, read back only
    # through the access check (documents/files.py).
    file = models.FileField(
        upload_to=document_file_path, storage=document_storage, blank=True, max_length=300
    )
    file_name = models.CharField(max_length=255, blank=True, help_text="The name it was sent as.")
    file_size = models.PositiveBigIntegerField(null=True, blank=True)
    file_sha256 = models.CharField(max_length=64, blank=True)
    file_content_type = models.CharField(max_length=100, blank=True)
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


class AccessRequest(CouncilOwned):
    """A member asks to see a document, saying why (need to know).

    The rulebook (``document.access``) allows, refuses, or leaves the decision
    to an officer with a recommendation; where it leaves it to an officer, that
    officer's determination and reasons are recorded here.
    """

    class Status(models.TextChoices):
        AWAITING_DECISION = "awaiting_decision", "Waiting for a decision"
        RELEASED = "released", "Released"
        REFUSED = "refused", "Refused"
        WITHDRAWN = "withdrawn", "Withdrawn"

    # What the member asks to see: a document of the register, or (where the rulebook
    # opens it on need to know) a piece of correspondence. Exactly one of the two.
    document = models.ForeignKey(
        Document,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="access_requests",
    )
    correspondence = models.ForeignKey(
        "correspondence.Correspondence",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="access_requests",
    )
    member = models.ForeignKey(
        "people.Person", on_delete=models.PROTECT, related_name="access_requests"
    )
    purpose = models.TextField(help_text="What the member will use the document for.")
    justification = models.TextField(
        blank=True, help_text="Why the member needs to know, in specific terms."
    )
    third_party_name = models.CharField(
        max_length=200, blank=True, help_text="The constituent or other person asked for, if any."
    )
    member_interest = models.BooleanField(
        default=False, help_text="The member has a code-of-conduct interest in the subject."
    )
    data_protection_risk = models.BooleanField(
        default=False,
        help_text="The deciding officer's finding that release is likely to breach data protection law.",
    )
    requested_on = models.DateField()
    status = models.CharField(
        max_length=20, choices=Status.choices, default=Status.AWAITING_DECISION
    )
    decider_role = models.CharField(
        max_length=40, blank=True, help_text="The rulebook's role for whoever decides."
    )
    decider = models.ForeignKey(
        "people.Person",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="access_requests_to_decide",
    )
    # The engine's document.access decision when the request was made.
    declared_facts = models.JSONField(
        default=dict,
        blank=True,
        help_text="Answers to the facts the council's rulebook declares for document.access.",
    )
    recommendation = models.JSONField(default=dict, blank=True)
    rulebook_version = models.CharField(max_length=80, blank=True)
    determined_by = models.ForeignKey(
        "people.Person", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    determined_on = models.DateField(null=True, blank=True)
    reasons = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta(CouncilOwned.Meta):
        ordering = ("-requested_on", "-pk")
        # The clock's reminders: requests awaiting a decision, across every council.
        indexes = (models.Index(fields=["status"], name="access_request_status"),)
        constraints = (
            models.CheckConstraint(
                condition=(
                    models.Q(document__isnull=False, correspondence__isnull=True)
                    | models.Q(document__isnull=True, correspondence__isnull=False)
                ),
                name="access_request_one_target",
            ),
        )

    def __str__(self) -> str:
        return f"Access request {self.pk}: {self.target_reference}"

    @property
    def reference(self) -> str:
        return f"DAR-{self.pk}"

    @property
    def target(self) -> Any:
        """The document or the correspondence asked for."""
        return self.document if self.document_id is not None else self.correspondence

    @property
    def target_reference(self) -> str:
        return str(getattr(self.target, "reference", ""))

    @property
    def target_title(self) -> str:
        if self.document_id is not None and self.document is not None:
            return self.document.title
        return "Correspondence" if self.correspondence_id is not None else ""


class AccessDispute(CouncilOwned):
    """A refused member disputes the refusal; it follows the rulebook's route
    (``document.dispute``): e.g. the Monitoring Officer, then the Audit and
    Standards Committee with the Monitoring Officer's report; or the Town
    Clerk, whose decision is final."""

    class Stage(models.TextChoices):
        RAISED = "raised", "Raised"
        ADVISED = "advised", "Taken further after advice"

    class Status(models.TextChoices):
        OPEN = "open", "Open"
        REFUSAL_UPHELD = "refusal_upheld", "Refusal upheld"
        ACCESS_GRANTED = "access_granted", "Access granted"

    request = models.OneToOneField(AccessRequest, on_delete=models.PROTECT, related_name="dispute")
    grounds = models.TextField()
    raised_on = models.DateField()
    stage = models.CharField(max_length=20, choices=Stage.choices, default=Stage.RAISED)
    handler_role = models.CharField(max_length=40)
    route = models.JSONField(default=dict, blank=True, help_text="The engine's decision now.")
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.OPEN)
    reasons = models.TextField(blank=True)
    report = models.TextField(
        blank=True, help_text="A report the protocol requires at this stage (e.g. the MO's)."
    )
    decided_by = models.ForeignKey(
        "people.Person", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    decided_on = models.DateField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta(CouncilOwned.Meta):
        ordering = ("-raised_on", "-pk")

    def __str__(self) -> str:
        return f"Dispute over access request {self.request_id}"

    @property
    def next_roles(self) -> list[str]:
        route = self.route.get("route") or {}
        return [step["role"] for step in route.get("next", [])]

    @property
    def can_go_further(self) -> bool:
        return self.status == self.Status.REFUSAL_UPHELD and bool(self.next_roles)
