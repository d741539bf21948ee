"""Correspondence: a letter or email checked against the council's protocol before it goes.

A draft keeps who wrote it, whose name it goes out in, its recipients (To, Cc,
Bcc: people of the council or outside parties), its text and the facts the
rulebook's ``correspondence.check`` needs. The last check is stored with the
rulebook version that made it; recording it as sent keeps that check.
"""

from __future__ import annotations

from typing import Any

from django.db import models

from propriety.councils.tenancy import CouncilOwned
from propriety.protocol import QUESTIONS

CAPACITY_LABELS = {
    "officer": "An officer",
    "councillor": "A councillor",
    "council_chair": "The chair of the council",
    "mayor": "The Mayor",
    "committee_chair": "A committee chair",
}
# The engine's own list of signatory roles (correspondence.check), so both agree.
_ROLE_FACT = QUESTIONS["correspondence.check"].fact("signatory_role")
CAPACITIES: tuple[str, ...] = tuple(_ROLE_FACT.choices) if _ROLE_FACT else tuple(CAPACITY_LABELS)

# The boolean facts of correspondence.check a draft records, with the words the pages use.
FLAG_LABELS = {
    "official": "It is an official letter or email on behalf of the council",
    "creates_obligations": "It creates obligations for the council (for example, an order or a contract)",
    "gives_instructions": "It gives instructions on behalf of the council",
    "exceptional": "It is an exceptional case (for example, representations to a Government minister)",
    "marked_confidential": "It is marked confidential",
    "author_consents_to_copy": "The author has said it may be copied, or agrees to a copy",
    "original_councillor_told": "The original councillor has been told it was copied",
    "writing_as_ward_member": "A member writes individually, as ward member",
    "states_ward_capacity": "The text says the member writes as ward member",
}
FLAGS = tuple(FLAG_LABELS)


class Correspondence(CouncilOwned):
    """One letter or email, as drafted and (once recorded) as sent."""

    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        SENT = "sent", "Sent"

    class Source(models.TextChoices):
        TYPED = "typed", "Typed or pasted"
        EML = "eml", "Uploaded email (.eml)"

    drafted_by = models.ForeignKey(
        "people.Person", on_delete=models.PROTECT, related_name="correspondence_drafted"
    )
    sender = models.ForeignKey(
        "people.Person",
        on_delete=models.PROTECT,
        related_name="correspondence_sent",
        help_text="The author: whoever it is from (an officer may draft for a member).",
    )
    signatory = models.ForeignKey(
        "people.Person",
        on_delete=models.PROTECT,
        related_name="+",
        help_text="Whose name it goes out in.",
    )
    signatory_capacity = models.CharField(
        max_length=20, choices=[(k, CAPACITY_LABELS[k]) for k in CAPACITIES]
    )
    subject = models.CharField(max_length=300)
    body = models.TextField()
    source = models.CharField(max_length=10, choices=Source.choices, default=Source.TYPED)

    official = models.BooleanField(default=False)
    creates_obligations = models.BooleanField(default=False)
    gives_instructions = models.BooleanField(default=False)
    exceptional = models.BooleanField(default=False)
    marked_confidential = models.BooleanField(default=False)
    author_consents_to_copy = models.BooleanField(default=False)
    original_councillor_told = models.BooleanField(default=False)
    writing_as_ward_member = models.BooleanField(default=False)
    states_ward_capacity = models.BooleanField(default=False)

    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT)
    declared_facts = models.JSONField(
        default=dict,
        blank=True,
        help_text="Answers to the facts the council's rulebook declares for correspondence.check.",
    )
    # The last check: summary_of(decision) plus "problems", "footer_lines", "missing_footer_names".
    check_result = models.JSONField(default=dict, blank=True)
    checked_on = models.DateField(null=True, blank=True)
    rulebook_version = models.CharField(max_length=80, blank=True)
    sent_on = models.DateField(null=True, blank=True)
    sent_by = models.ForeignKey(
        "people.Person", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    # The problems (provision names) the person recording it as sent acknowledged.
    acknowledged_problems = models.JSONField(default=list, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta(CouncilOwned.Meta):
        ordering = ("-created_at", "-pk")
        verbose_name_plural = "correspondence"

    def __str__(self) -> str:
        return f"Correspondence {self.pk}: {self.subject}"

    @property
    def reference(self) -> str:
        return f"COR-{self.pk}"

    @property
    def is_draft(self) -> bool:
        return self.status == self.Status.DRAFT

    @property
    def problems(self) -> list[dict[str, Any]]:
        return list(self.check_result.get("problems", []))

    def flags(self) -> dict[str, bool]:
        return {name: bool(getattr(self, name)) for name in FLAGS}

    def answers(self) -> dict[str, Any]:
        """The declared facts' answers the council's rulebook still declares."""
        from propriety.councils.declared import current_answers

        return current_answers(self.council, "correspondence.check", self.declared_facts or {})


class Recipient(CouncilOwned):
    """Someone a piece of correspondence is addressed or copied to."""

    class Line(models.TextChoices):
        TO = "to", "To"
        CC = "cc", "Cc"
        BCC = "bcc", "Bcc"

    class Kind(models.TextChoices):
        COUNCILLOR = "councillor", "Councillor"
        OFFICER = "officer", "Officer"
        COMPLAINANT = "complainant", "Complainant"
        THIRD_PARTY = "third_party", "Third party"
        MEMBER_OF_PUBLIC = "member_of_public", "Member of the public"
        OTHER = "other", "Other"

    OUTSIDE_KINDS = ("complainant", "third_party", "member_of_public", "other")

    correspondence = models.ForeignKey(
        Correspondence, on_delete=models.CASCADE, related_name="recipients"
    )
    line = models.CharField(max_length=3, choices=Line.choices)
    person = models.ForeignKey(
        "people.Person",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="correspondence_received",
        help_text="A person of the council; empty for an outside party.",
    )
    name = models.CharField(max_length=200)
    email = models.EmailField(blank=True)
    kind = models.CharField(max_length=20, choices=Kind.choices)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta(CouncilOwned.Meta):
        ordering = ("correspondence", "position", "pk")

    def __str__(self) -> str:
        return f"{self.get_line_display()}: {self.name}"


# --- incoming correspondence to the council (correspondence.incoming) -------------------

_INCOMING = QUESTIONS["correspondence.incoming"]
_ADDRESSED = _INCOMING.fact("addressed_to")
ADDRESSED_TO_LABELS = {
    "council": "The council or the Clerk",
    "member": "A councillor",
    "officer": "Another officer",
}
ADDRESSED_TO: tuple[str, ...] = tuple(_ADDRESSED.choices) if _ADDRESSED else ("council",)
# The question's yes/no facts a letter records, with the words the pages use.
INCOMING_FLAG_LABELS = {
    "anonymous": "It gives no name or no address to reply to",
    "vexatious": "It is vexatious: it has no serious purpose, or is meant to disrupt or annoy",
    "abusive": "It is abusive, threatening or offensive towards a councillor or an officer",
    "repeated": "It repeats a matter the council has already answered in full",
    "about_staff": "It is about a named member of staff",
}
INCOMING_FLAGS = tuple(INCOMING_FLAG_LABELS)
assert {f.name for f in _INCOMING.facts} == {*INCOMING_FLAGS, "addressed_to"}


class IncomingLetter(CouncilOwned):
    """A letter or email the council received, what its protocol says is done with it
    (``correspondence.incoming``), and what was done."""

    class Status(models.TextChoices):
        OPEN = "open", "To be dealt with"
        REFERRED = "referred", "Waiting for a decision"
        DEALT_WITH = "dealt_with", "Dealt with"

    class Medium(models.TextChoices):
        LETTER = "letter", "Letter"
        EMAIL = "email", "Email"
        OTHER = "other", "Another way (for example, a note or a form)"

    class Action(models.TextChoices):
        ANSWERED = "answered", "Answered"
        NOT_ANSWERED = "not_answered", "Not answered"
        PASSED_ON = "passed_on", "Passed on to someone else"
        OTHER = "other", "Something else"

    received_on = models.DateField()
    medium = models.CharField(max_length=10, choices=Medium.choices, default=Medium.LETTER)
    sender = models.CharField(
        max_length=200, blank=True, help_text="Who it is from; blank when it gives no name."
    )
    summary = models.CharField(max_length=200)
    addressed_to = models.CharField(
        max_length=20, choices=[(a, ADDRESSED_TO_LABELS.get(a, a)) for a in ADDRESSED_TO]
    )
    anonymous = models.BooleanField(default=False)
    vexatious = models.BooleanField(default=False)
    abusive = models.BooleanField(default=False)
    repeated = models.BooleanField(default=False)
    about_staff = models.BooleanField(default=False)
    declared_facts = models.JSONField(
        default=dict,
        blank=True,
        help_text="Answers to the facts the council's rulebook declares for "
        "correspondence.incoming.",
    )
    recorded_by = models.ForeignKey(
        "people.Person", on_delete=models.PROTECT, related_name="incoming_recorded"
    )
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.OPEN)
    decision = models.JSONField(default=dict, blank=True)
    handler_role = models.CharField(
        max_length=60, help_text="The rulebook role that deals with it or decides."
    )
    action = models.CharField(max_length=20, choices=Action.choices, blank=True)
    reasons = models.TextField(blank=True, help_text="What was done with it, and why.")
    dealt_with_by = models.ForeignKey(
        "people.Person", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    dealt_with_on = models.DateField(null=True, blank=True)
    rulebook_version = models.CharField(max_length=80, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta(CouncilOwned.Meta):
        ordering = ("-received_on", "-pk")
        indexes = (models.Index(fields=["council", "status"]),)

    def __str__(self) -> str:
        return f"{self.reference}: {self.summary}"

    @property
    def reference(self) -> str:
        return f"IN-{self.pk}"

    @property
    def flags(self) -> list[str]:
        """What was recorded about it, in the pages' words."""
        return [label for name, label in INCOMING_FLAG_LABELS.items() if getattr(self, name)]
