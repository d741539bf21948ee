"""Each council's append-only log of audit events (RFC 6962 style).

An event's *entry* is a canonical serialisation of what it records, minus its
personal data: council, sequence number, actor, action, object, time,
clauses, rulebook, and the salted hash of its personal part (the object's
description and the details). The leaf hash is ``SHA-256(0x00 || entry)``;
the council's tree over its leaves in sequence order has a root, stored on each
event (the tree head once it was appended) and on the council's
:class:`~propriety.audit.models.AuditLogHead`, and signed in checkpoints.

Retention pseudonymises personal data by replacing it and clearing its salt:
the entry still commits to the old personal hash, so the log verifies, and the
old data cannot be recovered from the hash by guessing names.
"""

from __future__ import annotations

import datetime
import hashlib
import json
import secrets
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any, cast

from propriety.audit.merkle import EMPTY_ROOT, Frontier, leaf_hash

if TYPE_CHECKING:
    from propriety.audit.models import AuditEvent, AuditLogHead
    from propriety.councils.models import Council

ENTRY_VERSION = "propriety-audit/1"

# Canonical JSON: sorted keys, no spaces, UTF-8 (one encoder, built once).
_canonical = json.JSONEncoder(
    sort_keys=True, separators=(",", ":"), ensure_ascii=False, allow_nan=False
).encode
_sha256 = hashlib.sha256
_UTC = datetime.UTC


def canonical_time(when: datetime.datetime) -> str:
    if when.tzinfo is not _UTC:
        when = when.astimezone(_UTC)
    return when.strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def personal_bytes(salt: str, object_repr: str, details: Any) -> bytes:
    return f"{salt}\n{_canonical([object_repr, details])}".encode()


def personal_hash(salt: str, object_repr: str, details: Any) -> str:
    return _sha256(personal_bytes(salt, object_repr, details)).hexdigest()


def entry_bytes(
    council_id: int,
    seq: int,
    actor_id: int | None,
    action: str,
    object_type: str,
    object_id: str,
    occurred_at: datetime.datetime,
    citations: Any,
    rulebook: str,
    rulebook_version: str,
    personal: str,
) -> bytes:
    return _canonical(
        [
            ENTRY_VERSION,
            council_id,
            seq,
            actor_id,
            action,
            object_type,
            object_id,
            canonical_time(occurred_at),
            citations,
            rulebook,
            rulebook_version,
            personal,
        ]
    ).encode()


def event_entry(event: AuditEvent) -> bytes:
    return entry_bytes(
        event.council_id,
        event.seq,
        event.actor_id,
        event.action,
        event.object_type,
        event.object_id,
        event.occurred_at,
        event.citations,
        event.rulebook,
        event.rulebook_version,
        event.personal_hash,
    )


def new_salt() -> str:
    return secrets.token_hex(16)


def frontier_of(head: AuditLogHead) -> Frontier:
    return Frontier(head.size, [bytes.fromhex(h) for h in head.frontier])


def seal(event: AuditEvent, head: AuditLogHead) -> None:
    """Give ``event`` the next number in ``head``'s log and its hashes; advance ``head``.

    The caller holds the head's lock and saves both in one transaction.
    """
    event.seq = head.size + 1
    event.personal_salt = new_salt()
    event.personal_hash = personal_hash(event.personal_salt, event.object_repr, event.details)
    leaf = leaf_hash(event_entry(event))
    frontier = frontier_of(head)
    frontier.append(leaf)
    root = frontier.root().hex()
    event.leaf_hash = leaf.hex()
    event.root_hash = root
    head.size = frontier.size
    head.frontier = [h.hex() for h in frontier.hashes]
    head.root_hash = root


def locked_head(council: Council) -> AuditLogHead:
    """The council's log head, locked until the transaction ends (made if new)."""
    from propriety.audit.models import AuditLogHead

    head, _ = AuditLogHead.unscoped.select_for_update().get_or_create(
        council=council, defaults={"root_hash": EMPTY_ROOT.hex(), "frontier": []}
    )
    return cast("AuditLogHead", head)


def roots_of(leaves: Sequence[bytes]) -> list[bytes]:
    """The tree head after each leaf (the ``root_hash`` each event stores)."""
    frontier = Frontier()
    roots = []
    for leaf in leaves:
        frontier.append(leaf)
        roots.append(frontier.root())
    return roots


def normalised_json(value: Any) -> Any:
    """``value`` as it reads back from a JSON column (tuples become lists...)."""
    return json.loads(_canonical(value))


def details_of(mapping: Mapping[str, Any] | None) -> dict[str, Any]:
    return cast(dict[str, Any], normalised_json(dict(mapping or {})))
