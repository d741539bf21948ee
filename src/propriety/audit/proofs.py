"""Inclusion and consistency proofs for ``propriety audit prove``."""

from __future__ import annotations

from typing import Any

from propriety.audit.merkle import (
    consistency_proof,
    inclusion_proof,
    tree_root,
    verify_consistency,
    verify_inclusion,
)
from propriety.audit.models import AuditEvent, AuditLogHead


class ProofError(ValueError):
    pass


def proofs_for(event_id: int, size: int | None = None) -> dict[str, Any]:
    """Prove event ``event_id`` is in its council's tree of ``size`` events (now by default),
    and that the tree when the event was written is a prefix of that tree."""
    event = AuditEvent.unscoped.filter(pk=event_id).first()
    if event is None:
        raise ProofError(f"there is no event #{event_id}.")
    head = AuditLogHead.unscoped.get(council_id=event.council_id)
    size = head.size if size is None else size
    if not event.seq <= size <= head.size:
        raise ProofError(f"choose a size from {event.seq} to {head.size}.")
    leaves = [
        bytes.fromhex(h)
        for h in AuditEvent.unscoped.filter(council_id=event.council_id, seq__lte=size)
        .order_by("seq")
        .values_list("leaf_hash", flat=True)
    ]
    if len(leaves) != size:
        raise ProofError("the log has gaps: run `propriety audit verify` first.")
    root = tree_root(leaves)
    leaf = bytes.fromhex(event.leaf_hash)
    index = event.seq - 1
    path = inclusion_proof(index, leaves)
    old_root = bytes.fromhex(event.root_hash)
    consistency = consistency_proof(event.seq, leaves)
    return {
        "event_id": event.pk,
        "council": event.council.slug,
        "tree_size": size,
        "root_hash": root.hex(),
        "inclusion": {
            "leaf_index": index,
            "leaf_hash": leaf.hex(),
            "audit_path": [h.hex() for h in path],
            "verified": verify_inclusion(index, size, leaf, path, root),
        },
        "consistency": {
            "first_size": event.seq,
            "first_root": old_root.hex(),
            "second_size": size,
            "proof": [h.hex() for h in consistency],
            "verified": verify_consistency(event.seq, size, old_root, root, consistency),
        },
    }
