"""Check a council's log: every event's hashes, numbering, order and checkpoints.

``verify_council`` re-reads the council's events in sequence order and
recomputes each one's personal hash, leaf and tree head. The first event that
does not match is named, with what is wrong with it:

- **edited**: its content no longer hashes to its leaf (or its personal data to
  its personal hash);
- **deleted**: a number is missing from the sequence;
- **inserted**: an event the log head does not count, or one whose leaf and tree
  head do not follow from those before it;
- **reordered**: numbers swapped (each number is inside the hashed entry) or
  ids that no longer rise with the numbers;
- **tail cut**: fewer events than the log head, a stored checkpoint or a
  checkpoint file (kept away from the server) says there were.

A pseudonymised event (retention) has no personal data left to hash: it must be
named in a ``retention.applied`` event, and its leaf still verifies.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any, cast

from django.db import connection
from django.db.models import TextField
from django.db.models.functions import Cast

from propriety.audit import log
from propriety.audit.checkpoints import CheckpointNote, parse_note
from propriety.audit.merkle import EMPTY_ROOT, Frontier
from propriety.audit.models import AuditEvent, AuditLogHead, Checkpoint
from propriety.councils.models import Council

RETENTION_ACTION = "retention.applied"

ROW_FIELDS = (
    "pk",
    "seq",
    "actor_id",
    "action",
    "object_type",
    "object_id",
    "occurred_at",
    "citations",
    "rulebook",
    "rulebook_version",
    "personal_hash",
    "personal_salt",
    "object_repr",
    "details",
    "leaf_hash",
    "root_hash",
)


@dataclass
class Problem:
    seq: int
    event_id: int | None
    says: str

    def __str__(self) -> str:
        which = (
            f"event #{self.event_id} (number {self.seq})"
            if self.event_id
            else (f"event number {self.seq}")
        )
        return f"First bad event: {which}: {self.says}"


@dataclass
class VerifyResult:
    council: Council
    size: int = 0
    root: str = EMPTY_ROOT.hex()
    problem: Problem | None = None
    checkpoints_checked: list[int] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.problem is None

    def summary(self) -> str:
        name = self.council.name
        if self.problem is None:
            cps = len(self.checkpoints_checked)
            return (
                f"{name}: intact. {self.size} events, root {self.root[:16]}…; "
                f"{cps} checkpoint{'s' if cps != 1 else ''} agree."
            )
        return f"{name}: NOT intact. {self.problem}"


def rows(council: Council) -> Iterator[tuple[Any, ...]]:
    """The council's events as :data:`ROW_FIELDS`, the JSON columns as canonical text.

    On SQLite the stored text is already canonical (the columns' encoder wrote
    it), so it is read and hashed as is, and the time is read as its stored
    text too; PostgreSQL keeps JSON as ``jsonb``, whose text form is its own,
    so there it is parsed and written canonically.
    """
    sqlite = connection.vendor == "sqlite"
    as_text = dict(JSON_AS_TEXT)
    if sqlite:
        as_text["occurred_at"] = "occurred_at_text"
    events = (
        AuditEvent.unscoped.filter(council=council)
        .order_by("seq")
        .annotate(
            citations_text=Cast("citations", TextField()),
            details_text=Cast("details", TextField()),
            occurred_at_text=Cast("occurred_at", TextField()),
        )
        .values_list(*(as_text.get(f, f) for f in ROW_FIELDS))
        .iterator(chunk_size=4000)
    )
    if sqlite:
        return cast(Iterator[tuple[Any, ...]], events)
    return (_canonicalised(row) for row in events)


JSON_AS_TEXT = {"citations": "citations_text", "details": "details_text"}
_CITATIONS, _DETAILS = ROW_FIELDS.index("citations"), ROW_FIELDS.index("details")


def _canonicalised(row: tuple[Any, ...]) -> tuple[Any, ...]:
    out = list(row)
    for i in (_CITATIONS, _DETAILS):
        out[i] = log.canonical_json(json.loads(out[i]))
    return tuple(out)


def pseudonymised_ids(council: Council) -> set[int]:
    ids: set[int] = set()
    for details in AuditEvent.unscoped.filter(council=council, action=RETENTION_ACTION).values_list(
        "details", flat=True
    ):
        ids.update(int(i) for i in (details or {}).get("event_ids", []))
    return ids


def check_rows(
    council_id: int,
    events: Iterable[tuple[Any, ...]],
    *,
    allowed_pseudonymised: set[int] | frozenset[int] = frozenset(),
    want_roots: set[int] | frozenset[int] = frozenset(),
) -> tuple[int, Frontier, Problem | None, dict[int, str]]:
    """The hashing pass over rows as :data:`ROW_FIELDS` gives them (no database).

    Returns the number of good events, the frontier after them, the first
    problem, and the tree roots at the sizes in ``want_roots``.
    """
    frontier = Frontier()
    roots: dict[int, str] = {}
    expected = 1
    last_pk = 0
    last_root = EMPTY_ROOT.hex()
    entry = log.entry_bytes
    sha256 = hashlib.sha256
    personal = log.personal_bytes

    def bad(problem: Problem) -> tuple[int, Frontier, Problem | None, dict[int, str]]:
        return expected - 1, frontier, problem, roots

    for (
        pk,
        seq,
        actor_id,
        action,
        object_type,
        object_id,
        occurred_at,
        citations,
        rulebook,
        rulebook_version,
        personal_hash,
        salt,
        object_repr,
        details,
        stored_leaf,
        stored_root,
    ) in events:
        if seq != expected:
            if seq > expected:
                says = (
                    f"numbers {expected}–{seq - 1} are missing before it (deleted)"
                    if seq > expected + 1
                    else f"number {expected} is missing before it (deleted)"
                )
                return bad(Problem(expected, None, says))
            return bad(Problem(seq, pk, "its number is repeated"))
        if pk <= last_pk:
            return bad(Problem(seq, pk, "it was written before the event it follows (reordered)"))
        if salt:
            if sha256(personal(salt, object_repr, details)).hexdigest() != personal_hash:
                return bad(Problem(seq, pk, "its description or details were changed (edited)"))
        elif pk not in allowed_pseudonymised:
            return bad(Problem(seq, pk, "its personal data was removed outside retention (edited)"))
        # leaf_hash(), inlined: this is the hot loop.
        leaf = sha256(
            b"\x00"
            + entry(
                council_id,
                seq,
                actor_id,
                action,
                object_type,
                object_id,
                occurred_at,
                citations,
                rulebook,
                rulebook_version,
                personal_hash,
            )
        ).digest()
        if leaf.hex() != stored_leaf:
            return bad(
                Problem(
                    seq,
                    pk,
                    "its content does not match its leaf hash (edited, inserted or reordered)",
                )
            )
        frontier.append(leaf)
        if seq in want_roots:
            roots[seq] = frontier.root().hex()
        last_root = stored_root
        last_pk = pk
        expected += 1
    if frontier.size and frontier.root().hex() != last_root:
        problem = Problem(
            frontier.size,
            last_pk,
            "the tree head it stores does not follow from the events before it "
            "(the log was rewritten)",
        )
        return frontier.size, frontier, problem, roots
    return expected - 1, frontier, None, roots


def verify_council(
    council: Council, *, checkpoint_files: Iterable[CheckpointNote | str] = ()
) -> VerifyResult:
    """Check ``council``'s log against itself, its stored checkpoints and any given ones."""
    from propriety.audit.checkpoints import check_signature

    result = VerifyResult(council)
    notes: list[tuple[str, CheckpointNote]] = []
    for cp in Checkpoint.unscoped.filter(council=council).order_by("tree_size", "pk"):
        notes.append((f"stored checkpoint #{cp.pk}", parse_note(cp.note)))
    for given in checkpoint_files:
        note = parse_note(given) if isinstance(given, str) else given
        if note.origin != council.slug:
            continue
        notes.append((f"the checkpoint file of {note.made_at}", note))
    for label, note in notes:
        if not check_signature(note):
            result.problem = Problem(
                note.tree_size, None, f"{label} is not signed by this installation's key"
            )
            return result

    size, frontier, problem, roots = check_rows(
        council.pk,
        rows(council),
        allowed_pseudonymised=pseudonymised_ids(council),
        want_roots={n.tree_size for _, n in notes},
    )
    result.size = size
    result.root = frontier.root().hex()
    if problem is not None:
        result.problem = problem
        return result

    head = AuditLogHead.unscoped.filter(council=council).first()
    if head is None and size:
        result.problem = Problem(size, None, "the council's log head is missing (deleted)")
        return result
    head_size = head.size if head else 0
    if head_size > size:
        result.problem = Problem(
            size + 1,
            None,
            f"the log head counts {head_size} events but only {size} are left (tail cut)",
        )
        return result
    if head_size < size:
        extra = AuditEvent.unscoped.filter(council=council, seq=head_size + 1).first()
        result.problem = Problem(
            head_size + 1,
            extra.pk if extra else None,
            f"the log head counts only {head_size} events (inserted after the end)",
        )
        return result
    if head is not None and head.root_hash != result.root:
        result.problem = Problem(size, None, "the log head's root does not match the events")
        return result

    for label, note in notes:
        if note.tree_size > size:
            result.problem = Problem(
                size + 1,
                None,
                f"{label} covers {note.tree_size} events but the log has {size}: "
                f"numbers {size + 1}–{note.tree_size} are gone (tail cut)",
            )
            return result
        if note.tree_size and roots.get(note.tree_size) != note.root_hash:
            result.problem = Problem(
                note.tree_size,
                None,
                f"the log's first {note.tree_size} events do not have the root {label} signed "
                "(rewritten)",
            )
            return result
        result.checkpoints_checked.append(note.tree_size)
    return result
