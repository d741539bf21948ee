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
from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING, Any, cast

from propriety.audit.canonical import CanonicalJSONEncoder
from propriety.audit.merkle import EMPTY_ROOT, Frontier, leaf_hash

if TYPE_CHECKING:
    from propriety.audit.models import AuditEvent, AuditLogHead
    from propriety.councils.models import Council

ENTRY_VERSION = "propriety-audit/1"


# One encoder, built once.
_canonical = CanonicalJSONEncoder().encode
# How canonical JSON writes a string (the C function json uses with ensure_ascii=False).
_string: Callable[[str], str] = json.encoder.encode_basestring
_sha256 = hashlib.sha256
_UTC = datetime.UTC


def canonical_json(value: Any) -> str:
    return _canonical(value)


def canonical_time(when: datetime.datetime | str) -> str:
    """``2027-01-11T07:15:00.000000Z``: UTC, always with microseconds.

    Also takes SQLite's stored text (``2027-01-11 07:15:00[.ffffff]``, UTC),
    which verify reads as is: ten times faster than formatting a datetime.
    """
    if isinstance(when, str):
        if len(when) == 19:
            when += ".000000"
        return f"{when[:10]}T{when[11:]}Z"
    if when.tzinfo is not _UTC:
        when = when.astimezone(_UTC)
    return when.isoformat(timespec="microseconds")[:-6] + "Z"


_names: dict[str, str] = {}


def _name(value: str) -> str:
    """``_string`` for the few values that repeat on every event (actions, kinds, rulebooks)."""
    quoted = _names.get(value)
    if quoted is None:
        quoted = _string(value)
        if len(_names) < 4096:
            _names[value] = quoted
    return quoted


def personal_bytes(salt: str, object_repr: str, details_json: str) -> bytes:
    """The personal part: the salt, then ``[object_repr, details]`` as canonical JSON."""
    return f"{salt}\n[{_string(object_repr)},{details_json}]".encode()


def personal_hash(salt: str, object_repr: str, details_json: str) -> str:
    return _sha256(personal_bytes(salt, object_repr, details_json)).hexdigest()


def entry_bytes(
    council_id: int,
    seq: int,
    actor_id: int | str | None,
    action: str,
    object_type: str,
    object_id: str,
    occurred_at: datetime.datetime | str,
    citations_json: str,
    rulebook: str,
    rulebook_version: str,
    personal: str,
) -> bytes:
    """The event's entry: a canonical JSON array of its non-personal fields.

    Written out by hand because it is the hot loop of verify; it is exactly
    ``canonical_json([ENTRY_VERSION, council_id, seq, actor_id, action, ...])``
    (tests/web/test_audit_log.py checks so).
    """
    n = _name
    actor = "null" if actor_id is None else actor_id
    return (
        f'["{ENTRY_VERSION}",{council_id},{seq},{actor},{n(action)},{n(object_type)},'
        f'{_string(object_id)},"{canonical_time(occurred_at)}",{citations_json},{n(rulebook)},'
        f'{n(rulebook_version)},"{personal}"]'
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
        _canonical(event.citations),
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
    event.personal_hash = personal_hash(
        event.personal_salt, event.object_repr, _canonical(event.details)
    )
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
