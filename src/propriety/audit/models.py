"""The audit trail: one append-only event per action."""

from __future__ import annotations

from typing import Any

from django.db import models
from django.utils import timezone

from propriety.audit.canonical import CanonicalJSONEncoder
from propriety.councils.tenancy import (
    CouncilOwned,
    CouncilOwnedQuerySet,
    ScopedManager,
    UnscopedManager,
)


class AppendOnlyError(RuntimeError):
    """An audit event was changed or deleted after it was written."""


class AuditEventQuerySet(CouncilOwnedQuerySet):
    def update(self, **kwargs: Any) -> int:
        raise AppendOnlyError("Audit events are append-only: record a new event instead.")

    def delete(self) -> tuple[int, dict[str, int]]:
        raise AppendOnlyError("Audit events are append-only and are never deleted.")

    def bulk_update(self, *args: Any, **kwargs: Any) -> int:
        raise AppendOnlyError("Audit events are append-only: record a new event instead.")


class AuditEventManager(ScopedManager):
    _queryset_class = AuditEventQuerySet


class UnscopedAuditEventManager(UnscopedManager):
    _queryset_class = AuditEventQuerySet


class AuditEvent(CouncilOwned):
    """What happened, who did it, to what, and the clauses behind it.

    Written only by :func:`propriety.audit.recording.recording`, in the same
    transaction as the change it describes. Never updated or deleted.
    """

    actor = models.ForeignKey(
        "people.Person",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text="Blank for system work (demo loading, scheduled jobs).",
    )
    action = models.CharField(max_length=100, help_text='e.g. "document.created"')
    object_type = models.CharField(
        max_length=100, blank=True, help_text='e.g. "documents.document"'
    )
    object_id = models.CharField(max_length=64, blank=True)
    object_repr = models.CharField(max_length=200, blank=True)
    # Set by the log before the leaf is hashed (auto_now_add would overwrite it).
    occurred_at = models.DateTimeField(default=timezone.now, db_index=True)
    citations = models.JSONField(
        default=list,
        encoder=CanonicalJSONEncoder,
        blank=True,
        help_text='Clauses behind the action, e.g. [{"rulebook": "acses-town", "clause": "§10.3(b)"}]',
    )
    rulebook = models.CharField(max_length=80, blank=True)
    rulebook_version = models.CharField(max_length=80, blank=True)
    details = models.JSONField(default=dict, blank=True, encoder=CanonicalJSONEncoder)

    # The council's log (see log.py): a gapless sequence per council, the
    # RFC 6962 leaf hash of the event's canonical serialisation, and the tree
    # root once this event was appended. Personal data (object_repr, details)
    # sits outside the leaf: the leaf commits to its salted hash, so retention
    # can pseudonymise it (clearing the salt) and the log still verifies.
    seq = models.PositiveBigIntegerField(help_text="1, 2, 3... within the council's log.")
    leaf_hash = models.CharField(max_length=64)
    root_hash = models.CharField(max_length=64)
    personal_hash = models.CharField(max_length=64)
    personal_salt = models.CharField(max_length=32, blank=True)
    pseudonymised_at = models.DateTimeField(null=True, blank=True)

    objects = AuditEventManager()  # type: ignore[misc]
    unscoped = UnscopedAuditEventManager()  # type: ignore[misc]

    class Meta(CouncilOwned.Meta):
        ordering = ("occurred_at", "pk")
        indexes = (
            models.Index(fields=["council", "object_type", "object_id"]),
            # A council's latest events, without walking every council's.
            models.Index(fields=["council", "occurred_at"], name="audit_event_council_time"),
        )
        constraints = (
            models.UniqueConstraint(fields=["council", "seq"], name="audit_event_council_seq"),
        )

    def __str__(self) -> str:
        return f"{self.action} {self.object_repr}".strip()

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None:
            raise AppendOnlyError("Audit events are append-only: record a new event instead.")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise AppendOnlyError("Audit events are append-only and are never deleted.")


class AuditLogHead(CouncilOwned):
    """The tip of one council's log: its size, root and frontier.

    Appending locks this row (``SELECT ... FOR UPDATE`` on PostgreSQL; SQLite's
    IMMEDIATE transactions already admit one writer), so two writers to the same
    council queue and never fork the log or leave a gap; writers to different
    councils do not wait for each other.
    """

    size = models.PositiveBigIntegerField(default=0)
    root_hash = models.CharField(max_length=64)
    frontier = models.JSONField(default=list, help_text="Hex roots of the perfect subtrees.")
    signed_size = models.PositiveBigIntegerField(
        null=True,
        blank=True,
        help_text="The size the latest checkpoint signed (blank: never signed), set with it.",
    )

    class Meta(CouncilOwned.Meta):
        constraints = (models.UniqueConstraint(fields=["council"], name="audit_log_head_council"),)

    def __str__(self) -> str:
        return f"log of council #{self.council_id} at {self.size}"


class Checkpoint(CouncilOwned):
    """A signed tree head: the council's log had ``tree_size`` events with this root.

    ``note`` is the signed text as downloaded (see checkpoints.py); the
    Monitoring Officer keeps copies and checks them offline.
    """

    tree_size = models.PositiveBigIntegerField()
    root_hash = models.CharField(max_length=64)
    made_at = models.DateTimeField()
    key_id = models.CharField(max_length=16)
    note = models.TextField()
    made_by = models.ForeignKey(
        "people.Person",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text="Blank when made on the schedule.",
    )

    class Meta(CouncilOwned.Meta):
        ordering = ("-tree_size", "-pk")

    def __str__(self) -> str:
        return f"checkpoint at {self.tree_size}"
