"""Press and media: the election timetable, press releases, the spokesperson
register, media contacts and media interest."""

from __future__ import annotations

import datetime

from django.db import models

from propriety.councils.models import Ward
from propriety.councils.tenancy import CouncilOwned
from propriety.protocol import QUESTIONS, format_date

# The engine's own domains, so the web and the rulebooks agree.
_RELEASE_FACTS = {f.name: f for f in QUESTIONS["press.release"].facts}
_SPEAKER_FACTS = {f.name: f for f in QUESTIONS["press.spokesperson"].facts}
DRAFTER_ROLES = _RELEASE_FACTS["drafted_by"].choices
SPEAKER_ROLES = _SPEAKER_FACTS["speaker_role"].choices
CAPACITIES = _SPEAKER_FACTS["capacity"].choices

DRAFTER_LABELS = {
    "officer": "An officer",
    "councillor": "A councillor",
    "council_chair": "The chair of the council",
    "committee_chair": "A committee chair",
    "mayor": "The Mayor",
    "leader": "The Leader of the council",
}
CAPACITY_LABELS = {
    "unstated": "I have not said",
    "council": "On behalf of the council",
    "ward_member": "As a ward member",
    "personal": "In a personal capacity",
    "party_group": "For a party group",
    "candidate": "As a candidate",
}
TOPIC_LABELS = {
    "about_dispute": "It clarifies the council's position on a dispute",
    "about_major_planning": "It concerns a major planning development",
    "about_court": "It concerns court proceedings",
    "about_individual_complaint": "It concerns an individual's complaint",
}


class Election(CouncilOwned):
    """An election to the council: the pre-election period runs from the notice
    of election to polling day, both days included (the engine's press facts)."""

    title = models.CharField(max_length=200)
    notice_of_election = models.DateField()
    polling_day = models.DateField()
    recorded_by = models.ForeignKey(
        "people.Person", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    # A withdrawn election (recorded in error, or countermanded) stays on the timetable,
    # marked withdrawn, and no longer makes a pre-election period.
    withdrawn_on = models.DateField(null=True, blank=True)
    withdrawn_by = models.ForeignKey(
        "people.Person", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    withdrawal_reason = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta(CouncilOwned.Meta):
        ordering = ("-polling_day", "-pk")
        constraints = (
            models.CheckConstraint(
                condition=models.Q(polling_day__gte=models.F("notice_of_election")),
                name="election_polling_after_notice",
            ),
        )

    def __str__(self) -> str:
        return f"{self.title} (polling day {format_date(self.polling_day)})"

    @property
    def reference(self) -> str:
        return f"ELE-{self.pk}"

    @property
    def is_withdrawn(self) -> bool:
        return self.withdrawn_on is not None

    def in_period_on(self, day: datetime.date) -> bool:
        """Whether ``day`` falls in its pre-election period (never, once withdrawn)."""
        return not self.is_withdrawn and self.notice_of_election <= day <= self.polling_day


class PressRelease(CouncilOwned):
    """A press release or media statement, from draft to publication."""

    class Kind(models.TextChoices):
        RELEASE = "release", "Press release"
        STATEMENT = "statement", "Media statement"

    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        AWAITING_APPROVAL = "awaiting_approval", "Waiting for approval"
        APPROVED = "approved", "Approved"
        RETURNED = "returned", "Sent back to the drafter"
        PUBLISHED = "published", "Published"
        BLOCKED = "blocked", "Blocked by the protocol"
        WITHDRAWN = "withdrawn", "Withdrawn by the drafter"

    # A blocked release is the drafter's again: they change it and submit it again (the
    # protocol is asked afresh), or withdraw it.
    EDITABLE = (Status.DRAFT, Status.RETURNED, Status.BLOCKED)
    WITHDRAWABLE = (
        Status.DRAFT,
        Status.RETURNED,
        Status.BLOCKED,
        Status.AWAITING_APPROVAL,
        Status.APPROVED,
    )

    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.RELEASE)
    title = models.CharField(max_length=200)
    body = models.TextField()
    drafted_by = models.ForeignKey(
        "people.Person", on_delete=models.PROTECT, related_name="press_releases_drafted"
    )
    drafter_role = models.CharField(
        max_length=20,
        choices=[(k, DRAFTER_LABELS.get(k, k)) for k in DRAFTER_ROLES],
        help_text="Worked out from the drafter's roles when it was drafted.",
    )
    on_behalf_of_council = models.BooleanField(default=True)
    about_dispute = models.BooleanField(default=False)
    about_major_planning = models.BooleanField(default=False)
    about_court = models.BooleanField(default=False)
    about_individual_complaint = models.BooleanField(default=False)
    political_content = models.BooleanField(
        default=False, help_text="The drafter says it expresses a political opinion."
    )
    promotes_party_group = models.BooleanField(default=False)
    declared_facts = models.JSONField(
        default=dict,
        blank=True,
        help_text="Answers to the facts the council's rulebook declares for press.release.",
    )
    political_suggestions = models.JSONField(
        default=list,
        blank=True,
        help_text="Words that suggest political content (a hint for the approver, never a ruling).",
    )

    status = models.CharField(max_length=20, choices=Status.choices, default=Status.DRAFT)
    approver_role = models.CharField(
        max_length=40, blank=True, help_text="The rulebook's role for whoever approves it."
    )
    decision = models.JSONField(
        default=dict, blank=True, help_text="The engine's press.release decision, last asked."
    )
    pre_election = models.BooleanField(
        default=False, help_text="The decision was made in a pre-election period."
    )
    election = models.ForeignKey(
        Election, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    submitted_on = models.DateField(null=True, blank=True)
    decided_by = models.ForeignKey(
        "people.Person", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    decided_on = models.DateField(null=True, blank=True)
    reasons = models.TextField(blank=True)
    published_on = models.DateField(null=True, blank=True)
    published_by = models.ForeignKey(
        "people.Person", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    rulebook_version = models.CharField(max_length=80, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta(CouncilOwned.Meta):
        ordering = ("-created_at", "-pk")
        indexes = (models.Index(fields=["council", "status"]),)

    def __str__(self) -> str:
        return f"Press release {self.pk}: {self.title}"

    @property
    def reference(self) -> str:
        return f"PR-{self.pk}"

    @property
    def is_editable(self) -> bool:
        return self.status in self.EDITABLE

    def topics(self) -> list[str]:
        return [label for field, label in TOPIC_LABELS.items() if getattr(self, field)]


class Spokesperson(CouncilOwned):
    """A register entry beyond the chairs: a member the council has appointed by
    resolution, or an officer authorised to answer the media."""

    class Basis(models.TextChoices):
        RESOLUTION = "resolution", "Appointed by council resolution"
        AUTHORISATION = "authorisation", "Officer authorised to answer the media"

    person = models.ForeignKey(
        "people.Person", on_delete=models.PROTECT, related_name="spokesperson_entries"
    )
    basis = models.CharField(max_length=20, choices=Basis.choices, default=Basis.RESOLUTION)
    resolution_reference = models.CharField(
        max_length=100, help_text="The minute or resolution number, e.g. “FC 2026/41”."
    )
    resolved_on = models.DateField()
    scope = models.CharField(
        max_length=300, blank=True, help_text="The topics they speak on; blank for any."
    )
    ends_on = models.DateField(
        null=True, blank=True, help_text="The day it was ended: it no longer counts from then."
    )
    end_reason = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta(CouncilOwned.Meta):
        ordering = ("-resolved_on", "-pk")
        verbose_name_plural = "spokespeople"

    def __str__(self) -> str:
        return f"Spokesperson {self.pk}: {self.person}"

    @property
    def reference(self) -> str:
        return f"SPK-{self.pk}"

    def is_current_on(self, day: datetime.date) -> bool:
        return self.resolved_on <= day and (self.ends_on is None or day < self.ends_on)


class MediaContact(CouncilOwned):
    """Someone speaks (or means to speak) to the media, in a stated capacity."""

    person = models.ForeignKey(
        "people.Person", on_delete=models.PROTECT, related_name="media_contacts"
    )
    speaker_role = models.CharField(max_length=20)
    capacity = models.CharField(
        max_length=20, choices=[(k, CAPACITY_LABELS.get(k, k)) for k in CAPACITIES]
    )
    outlet = models.CharField(max_length=200, help_text="The newspaper, station or journalist.")
    topic = models.CharField(max_length=300)
    political_comment = models.BooleanField(default=False)
    contact_on = models.DateField()
    decision = models.JSONField(default=dict, blank=True)
    pre_election = models.BooleanField(default=False)
    recorded_by = models.ForeignKey(
        "people.Person", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    rulebook_version = models.CharField(max_length=80, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta(CouncilOwned.Meta):
        ordering = ("-contact_on", "-pk")

    def __str__(self) -> str:
        return f"Media contact {self.pk}: {self.topic}"

    @property
    def reference(self) -> str:
        return f"MC-{self.pk}"


class MediaInterest(CouncilOwned):
    """An officer's record that the media are interested in a matter, and who was told."""

    matter = models.CharField(max_length=200)
    details = models.TextField(blank=True)
    outlet = models.CharField(max_length=200, blank=True)
    ward = models.ForeignKey(
        Ward, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    recorded_by = models.ForeignKey(
        "people.Person", on_delete=models.PROTECT, related_name="media_interest_recorded"
    )
    recorded_on = models.DateField()
    decision = models.JSONField(
        default=dict, blank=True, help_text="The engine's ward.notification (media story) answer."
    )
    members_told = models.ManyToManyField(
        "people.Person", blank=True, related_name="media_interest_told"
    )
    rulebook_version = models.CharField(max_length=80, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta(CouncilOwned.Meta):
        ordering = ("-recorded_on", "-pk")
        verbose_name_plural = "media interest"

    def __str__(self) -> str:
        return f"Media interest {self.pk}: {self.matter}"

    @property
    def reference(self) -> str:
        return f"MI-{self.pk}"
