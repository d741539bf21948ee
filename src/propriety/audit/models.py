"""The audit trail: one append-only event per action."""

from __future__ import annotations

from typing import Any

from django.db import models
from django.utils import timezone

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
    # Set by recording() (now, or the action's day while loading the demo: see backdated()).
    occurred_at = models.DateTimeField(default=timezone.now, db_index=True)
    citations = models.JSONField(
        default=list,
        blank=True,
        help_text='Clauses behind the action, e.g. [{"rulebook": "acses-town", "clause": "§10.3(b)"}]',
    )
    rulebook = models.CharField(max_length=80, blank=True)
    rulebook_version = models.CharField(max_length=80, blank=True)
    details = models.JSONField(default=dict, blank=True)

    objects = AuditEventManager()  # type: ignore[misc]
    unscoped = UnscopedAuditEventManager()  # type: ignore[misc]

    class Meta(CouncilOwned.Meta):
        ordering = ("occurred_at", "pk")
        indexes = (models.Index(fields=["council", "object_type", "object_id"]),)

    def __str__(self) -> str:
        return f"{self.action} {self.object_repr}".strip()

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None:
            raise AppendOnlyError("Audit events are append-only: record a new event instead.")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise AppendOnlyError("Audit events are append-only and are never deleted.")
