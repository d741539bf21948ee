"""Keep the SQLite search index in step with the casework (see search.py)."""

from __future__ import annotations

from typing import Any

from django.db.models.signals import post_delete, post_save

from propriety.workspace.search import BY_MODEL, index_object, unindex_object


def _saved(
    sender: Any,
    instance: Any,
    raw: bool = False,
    update_fields: frozenset[str] | None = None,
    **kwargs: Any,
) -> None:
    if raw:
        return
    # A save that names its fields and touches none of the indexed text (a chase
    # stamping its level and day) leaves the entry as it was: two statements saved.
    if update_fields is not None and update_fields.isdisjoint(BY_MODEL[sender].fields):
        return
    index_object(instance)


def _deleted(sender: Any, instance: Any, **kwargs: Any) -> None:
    unindex_object(instance)


def connect() -> None:
    for model in BY_MODEL:
        post_save.connect(_saved, sender=model, dispatch_uid=f"workspace-index-{model.__name__}")
        post_delete.connect(
            _deleted, sender=model, dispatch_uid=f"workspace-unindex-{model.__name__}"
        )
