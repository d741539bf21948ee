"""Tenancy: every council-owned row is reached through its council.

One mechanism: models holding a council's data inherit :class:`CouncilOwned`.
Their default manager ``objects`` refuses plain querysets
(``Document.objects.all()`` raises :class:`UnscopedQueryError`) and offers
``for_council(council)``; system code that truly needs every council's rows
(migrations, demo loading, the sign-in lookup) says so with ``unscoped``,
which is easy to grep for.

Reverse related managers (``committee.memberships.all()``) stay allowed: the
parent object was itself fetched through a scoped query, so its children
belong to the same council.

Writes (``save``, ``delete`` and queryset ``update``/``delete``/``bulk_*``)
must happen inside an audit recording: see :mod:`propriety.audit.recording`.
"""

from __future__ import annotations

import contextvars
from collections.abc import Collection, Iterable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any, ClassVar, Self, cast

from django.db import models

from propriety.councils.audit_context import require_recording

if TYPE_CHECKING:
    from propriety.councils.models import Council


class UnscopedQueryError(RuntimeError):
    """A council-owned model was queried without saying which council."""


_system_reads: contextvars.ContextVar[bool] = contextvars.ContextVar(
    "propriety_tenancy_system_reads", default=False
)


@contextmanager
def system_reads() -> Iterator[None]:
    """Let Django's own machinery read through the scoped manager.

    Model validation (unique fields and constraints) queries
    ``_default_manager`` for the exact keys being checked; those reads are
    about uniqueness, not about showing anyone another council's data.
    """
    token = _system_reads.set(True)
    try:
        yield
    finally:
        _system_reads.reset(token)


class AuditedQuerySet(models.QuerySet[Any]):
    """Querysets whose bulk writes need an audit recording."""

    def update(self, **kwargs: Any) -> int:
        require_recording(self.model, "QuerySet.update()")
        return super().update(**kwargs)

    def delete(self) -> tuple[int, dict[str, int]]:
        require_recording(self.model, "QuerySet.delete()")
        return super().delete()

    def bulk_create(self, objs: Iterable[Any], *args: Any, **kwargs: Any) -> list[Any]:
        require_recording(self.model, "QuerySet.bulk_create()")
        return super().bulk_create(objs, *args, **kwargs)

    def bulk_update(
        self, objs: Iterable[Any], fields: Iterable[str], batch_size: int | None = None
    ) -> int:
        require_recording(self.model, "QuerySet.bulk_update()")
        return super().bulk_update(objs, fields, batch_size=batch_size)


class CouncilOwnedQuerySet(AuditedQuerySet):
    def for_council(self, council: Council) -> Self:
        return self.filter(council=council)


class ScopedManager(models.Manager[Any]):
    """The default manager: ``for_council(council)`` or nothing."""

    _queryset_class = CouncilOwnedQuerySet

    def for_council(self, council: Council) -> CouncilOwnedQuerySet:
        if council is None or getattr(council, "pk", None) is None:
            raise UnscopedQueryError(
                f"{self.model.__name__}.objects.for_council() needs a saved council, "
                f"got {council!r}."
            )
        qs = cast(CouncilOwnedQuerySet, super().get_queryset())
        return qs.filter(council=council)

    def get_queryset(self) -> CouncilOwnedQuerySet:
        # Django builds reverse related managers (committee.memberships) as a
        # subclass of this manager with ``instance`` and ``core_filters`` set;
        # the parent was already scoped, so its children may be listed.
        if (hasattr(self, "core_filters") and hasattr(self, "instance")) or _system_reads.get():
            return cast(CouncilOwnedQuerySet, super().get_queryset())
        name = self.model.__name__
        raise UnscopedQueryError(
            f"{name} rows belong to a council: use {name}.objects.for_council(council). "
            f"System code that really needs every council's rows uses {name}.unscoped."
        )


class UnscopedManager(models.Manager[Any]):
    """Every council's rows. For system code only: migrations, demo loading, sign-in."""

    _queryset_class = CouncilOwnedQuerySet

    def get_queryset(self) -> CouncilOwnedQuerySet:
        return cast(CouncilOwnedQuerySet, super().get_queryset())


class CouncilOwned(models.Model):
    """Abstract base for every model holding one council's data."""

    council = models.ForeignKey(
        "councils.Council", on_delete=models.PROTECT, related_name="+", editable=False
    )

    objects: ClassVar[ScopedManager] = ScopedManager()
    unscoped: ClassVar[UnscopedManager] = UnscopedManager()

    class Meta:
        abstract = True
        # FK traversal (document.committee) and refresh_from_db go through the
        # base manager: the row is already known, so no scoping is needed.
        base_manager_name = "unscoped"

    def save(self, *args: Any, **kwargs: Any) -> None:
        require_recording(type(self), "save()", self.council_id)
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        require_recording(type(self), "delete()", self.council_id)
        return super().delete(*args, **kwargs)

    def validate_unique(self, exclude: Collection[str] | None = None) -> None:
        with system_reads():
            super().validate_unique(exclude)

    def validate_constraints(self, exclude: Collection[str] | None = None) -> None:
        with system_reads():
            super().validate_constraints(exclude)
