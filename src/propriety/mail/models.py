"""Mail that arrived for a council: every message is kept, landed in a case or quarantined."""

from __future__ import annotations

import os
from pathlib import Path
from typing import ClassVar

from django.conf import settings
from django.core.files.storage import FileSystemStorage, Storage
from django.db import models

from propriety.councils.tenancy import CouncilOwned


class AttachmentStorage(FileSystemStorage):
    """Attachments live under the data directory (read when used, so a test or a moved
    data directory is followed), never under a public URL: they are served only by
    the access-checked download view."""

    @property
    def base_location(self) -> str:
        return str(Path(settings.DATA_DIR) / "mail-attachments")

    @property
    def location(self) -> str:
        return os.path.abspath(self.base_location)


def attachment_storage() -> Storage:
    return AttachmentStorage()


class InboundMessage(CouncilOwned):
    """One message received for a council, whatever became of it."""

    class Via(models.TextChoices):
        PIPE = "pipe", "Mail server (pipe)"
        SMTP = "smtp", "SMTP receiver"
        IMAP = "imap", "IMAP mailbox"

    class Status(models.TextChoices):
        FILED = "filed", "Filed to a case"
        ENQUIRY = "enquiry", "Became an enquiry"
        REFUSED = "refused", "Refused by the protocol (the sender was told)"
        QUARANTINED = "quarantined", "In quarantine"
        DISCARDED = "discarded", "Discarded"

    class Landing(models.TextChoices):
        NONE = "", "—"
        ENQUIRY = "enquiry", "a new enquiry"
        CLARIFICATION = "clarification", "the councillor's clarification"
        ANSWER = "answer", "the officer's answer"
        FEEDBACK = "feedback", "the councillor's follow-up"
        NOTE = "note", "a message on the case"

    OPEN_STATUSES: ClassVar[tuple[str, ...]] = (Status.QUARANTINED,)

    received_at = models.DateTimeField(auto_now_add=True)
    via = models.CharField(max_length=10, choices=Via.choices)
    message_id = models.CharField(max_length=255, blank=True)
    sha256 = models.CharField(max_length=64, help_text="SHA-256 of the message as received.")
    sender = models.CharField(max_length=254, blank=True)
    sender_name = models.CharField(max_length=200, blank=True)
    recipients = models.JSONField(default=list)
    subject = models.CharField(max_length=255, blank=True)
    text = models.TextField(blank=True)
    html_only = models.BooleanField(default=False)
    raw = models.BinaryField(help_text="The message as received (headers only when oversize).")
    raw_size = models.PositiveIntegerField()
    authenticated = models.BooleanField(
        default=False, help_text="The relay's Authentication-Results vouched for the sender."
    )
    automatic = models.CharField(max_length=200, blank=True)
    status = models.CharField(max_length=12, choices=Status.choices)
    landing = models.CharField(max_length=14, choices=Landing.choices, blank=True)
    reason = models.TextField(blank=True, help_text="Why it is in quarantine, or was discarded.")
    person = models.ForeignKey(
        "people.Person",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text="The council's person whose address it came from, if any.",
    )
    enquiry = models.ForeignKey(
        "enquiries.Enquiry",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="inbound_messages",
    )
    handled_by = models.ForeignKey(
        "people.Person", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    handled_at = models.DateTimeField(null=True, blank=True)

    class Meta(CouncilOwned.Meta):
        ordering = ("-received_at", "-pk")
        constraints = (
            models.UniqueConstraint(fields=["council", "sha256"], name="inbound_message_once"),
        )
        indexes = (models.Index(fields=["council", "status", "received_at"]),)

    def __str__(self) -> str:
        return f"Message {self.reference}: {self.subject or '(no subject)'}"

    @property
    def reference(self) -> str:
        return f"MSG-{self.pk}"


class InboundAttachment(CouncilOwned):
    """A file that came with a message, stored as a file of the case it landed in."""

    message = models.ForeignKey(
        InboundMessage, on_delete=models.PROTECT, related_name="attachments"
    )
    enquiry = models.ForeignKey(
        "enquiries.Enquiry",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="attachments",
    )
    filename = models.CharField(max_length=200)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()
    sha256 = models.CharField(max_length=64)
    file = models.FileField(storage=attachment_storage, upload_to="%Y/%m/", max_length=300)

    class Meta(CouncilOwned.Meta):
        ordering = ("pk",)

    def __str__(self) -> str:
        return self.filename


class MailboxState(models.Model):
    """How far ``propriety mail poll`` has read one IMAP mailbox (not a council's data)."""

    server = models.CharField(max_length=255)
    username = models.CharField(max_length=255)
    mailbox = models.CharField(max_length=255)
    uidvalidity = models.BigIntegerField(default=0)
    last_uid = models.BigIntegerField(default=0)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = (
            models.UniqueConstraint(
                fields=["server", "username", "mailbox"], name="mailbox_state_once"
            ),
        )

    def __str__(self) -> str:
        return f"{self.username}@{self.server}/{self.mailbox}"
