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

Checkpoints made since 6 December 2026 also sign a digest of the leaves they
cover and the tree's frontier at their size: every event up to the newest of
them is still recomputed and compared with its stored leaf, but the tree is
rebuilt only after it (see ``_check_log``). That accepts only what the full way
accepts, given the signing key is safe: the digest pins every leaf the
checkpoint covers, and the signer worked the frontier out from those same
leaves (checkpointing.py), so carrying the tree on from it gives the tree the
full way builds.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from django.db import connection, transaction

from propriety.audit.checking import ROW_FIELDS, Problem, check_blocks, check_rows
from propriety.audit.checkpoints import CheckpointNote, parse_note
from propriety.audit.merkle import EMPTY_ROOT, Frontier
from propriety.audit.models import AuditEvent, AuditLogHead, Checkpoint
from propriety.audit.reading import blocks, rows
from propriety.councils.models import Council

RETENTION_ACTION = "retention.applied"

__all__ = [
    "ROW_FIELDS",
    "Problem",
    "VerifyResult",
    "blocks",
    "check_blocks",
    "check_rows",
    "rows",
    "verify_council",
]


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
                f"{cps} checkpoint{' agrees' if cps == 1 else 's agree'}."
            )
        return f"{name}: NOT intact. {self.problem}"


def pseudonymised_ids(council: Council) -> set[int]:
    ids: set[int] = set()
    for details in AuditEvent.unscoped.filter(council=council, action=RETENTION_ACTION).values_list(
        "details", flat=True
    ):
        ids.update(int(i) for i in (details or {}).get("event_ids", []))
    return ids


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

    with _one_snapshot():
        outcome = _check_log(council, notes, carry_on=True)
        if not outcome.ok:  # name the first bad event exactly as the full way does
            outcome = _check_log(council, notes, carry_on=False)
    return outcome


@contextmanager
def _one_snapshot() -> Iterator[None]:
    """A transaction in which every read sees the same log, however it is
    read (reading.py reads a block at a time) and whatever is written
    meanwhile, without holding writers up.

    SQLite: a deferred transaction, which reads one snapshot from its first
    read and takes no lock a writer waits for (Django's ``atomic()`` begins
    IMMEDIATE here, see ``database_from_env``, which would hold every writer
    up for as long as verify takes). PostgreSQL: repeatable read, as its
    default lets each statement see what committed before it. Inside a
    transaction already begun, that transaction's reads are used as they are.
    """
    if connection.in_atomic_block:
        yield
        return
    connection.ensure_connection()
    sqlite = connection.vendor == "sqlite"
    db: Any = connection  # transaction_mode is the SQLite backend's own
    mode = getattr(db, "transaction_mode", None)
    if sqlite:
        db.transaction_mode = None  # a plain BEGIN: deferred
    try:
        with transaction.atomic():
            if sqlite:
                db.transaction_mode = mode  # only the BEGIN above reads it
            elif connection.vendor == "postgresql":
                with connection.cursor() as cursor:
                    cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
            yield
    finally:
        if sqlite:
            db.transaction_mode = mode


def _check_log(
    council: Council, notes: list[tuple[str, CheckpointNote]], *, carry_on: bool
) -> VerifyResult:
    """Check the events, then the log head and the checkpoints against them.

    With ``carry_on``, the Merkle tree is not rebuilt up to the newest
    checkpoint that signs its leaf digest and frontier: the leaves up to it are
    checked against the signed digest instead, and the tree is carried on from
    its frontier (it must give the signed root). Checkpoints without those
    lines still need the tree, so it is built up to the largest of them. Only
    a log that checks out is reported this way: on any problem, verify_council
    checks the log again the full way, which names the first bad event.
    """
    result = VerifyResult(council)
    checked = check_blocks(
        council.pk,
        blocks(council),
        allowed_pseudonymised=pseudonymised_ids(council),
        **check_arguments([note for _, note in notes], carry_on=carry_on),
    )
    size, frontier, problem, roots, digests = checked
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
        in_tree = note.tree_size in roots or not note.leaves
        if note.tree_size and in_tree and roots.get(note.tree_size) != note.root_hash:
            result.problem = Problem(
                note.tree_size,
                None,
                f"the log's first {note.tree_size} events do not have the root {label} signed "
                "(rewritten)",
            )
            return result
        if note.leaves and digests.get(note.tree_size, b"").hex() != note.leaves:
            result.problem = Problem(
                note.tree_size,
                None,
                f"the log's first {note.tree_size} events are not the ones {label} signed "
                "(their leaf digest differs: rewritten)",
            )
            return result
        if note.leaves and not _frontier_gives_root(note):
            result.problem = Problem(
                note.tree_size, None, f"{label} is damaged: its frontier does not give its root"
            )
            return result
        result.checkpoints_checked.append(note.tree_size)
    return result


def check_arguments(notes: list[CheckpointNote], *, carry_on: bool) -> dict[str, Any]:
    """What :func:`check_rows` is asked for, given the checkpoints (see ``_check_log``)."""
    resume, tree_upto = None, 0
    if carry_on:
        tree_upto = max((n.tree_size for n in notes if not n.leaves), default=0)
        newest = max(
            (n for n in notes if n.leaves and _frontier_gives_root(n)),
            key=lambda n: n.tree_size,
            default=None,
        )
        if newest is not None and newest.tree_size > tree_upto:
            resume = Frontier(newest.tree_size, [bytes.fromhex(h) for h in newest.frontier])
    return {
        "want_roots": {n.tree_size for n in notes if resume is None or not n.leaves},
        "want_digests": {n.tree_size for n in notes if n.leaves},
        "resume": resume,
        "tree_upto": tree_upto,
    }


def _frontier_gives_root(note: CheckpointNote) -> bool:
    try:  # the frontier of n leaves has a hash for each bit set in n
        frontier = Frontier(note.tree_size, [bytes.fromhex(h) for h in note.frontier])
    except ValueError:
        return False
    return frontier.root().hex() == note.root_hash
