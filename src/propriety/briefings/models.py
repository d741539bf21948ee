"""Party groups' requests for briefings, and the log of briefings given (acses-town §8).

A group asks; the rulebook's ``party_group.briefing`` refuses what the protocol
bars (party business, non-members present, support services), obliges the Clerk
to brief a second group on a matter already briefed to another, and otherwise
leaves it to the Clerk. The log keeps the matter, the advice, the officers
present and the attendees. Each group's record is seen by its own members, the
officers present and the Clerk only: never by another group.
"""

from __future__ import annotations

from django.db import models

from propriety.councils.tenancy import CouncilOwned


class Briefing(CouncilOwned):
    class Status(models.TextChoices):
        REQUESTED = "requested", "Waiting for the Clerk"
        REFUSED = "refused", "Refused under the protocol"
        DECLINED = "declined", "Declined by the Clerk"
        AGREED = "agreed", "Agreed"
        GIVEN = "given", "Briefing given"

    class Matter(models.TextChoices):
        COUNCIL_BUSINESS = "council_business", "Council business"
        PARTY_BUSINESS = "party_business", "Party business"

    group = models.ForeignKey(
        "councils.PartyGroup", on_delete=models.PROTECT, related_name="briefings"
    )
    requested_by = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="+")
    matter = models.CharField(max_length=200, help_text="What the group wants advice on.")
    matter_kind = models.CharField(
        max_length=20, choices=Matter.choices, default=Matter.COUNCIL_BUSINESS
    )
    details = models.TextField(blank=True)
    meeting_on = models.DateField(null=True, blank=True)
    non_members_present = models.BooleanField(
        default=False, help_text="People who are not councillors will be at the meeting."
    )
    support_services = models.BooleanField(
        default=False, help_text="The group also asks for support services (printing, typing...)."
    )
    relay_requested = models.BooleanField(
        default=False, help_text="The group asks for its discussion to be passed on."
    )
    same_matter_as = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text="An earlier briefing to another group on the same matter (the Clerk's view).",
    )
    requested_on = models.DateField()
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.REQUESTED)
    decision = models.JSONField(default=dict, blank=True)
    rulebook_version = models.CharField(max_length=80, blank=True)
    decided_by = models.ForeignKey(
        "people.Person", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    decided_on = models.DateField(null=True, blank=True)
    reasons = models.TextField(blank=True)
    given_on = models.DateField(null=True, blank=True)
    advice = models.TextField(blank=True, help_text="The facts and professional advice given.")
    discussion = models.TextField(
        blank=True, help_text="The group's discussion, kept confidential to the group."
    )
    officers_present = models.JSONField(default=list, blank=True)
    attendees = models.JSONField(default=list, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta(CouncilOwned.Meta):
        ordering = ("-requested_on", "-pk")

    def __str__(self) -> str:
        return f"Briefing {self.pk}: {self.matter}"

    @property
    def reference(self) -> str:
        return f"BRF-{self.pk}"
