"""Making checkpoints: on demand (the oversight page, the command) and on the schedule.

``propriety tick`` calls :func:`make_due_checkpoints`: a council gets a new
checkpoint when its log has grown since the last one by anything other than
that checkpoint's own event, so ticking again changes nothing.
"""

from __future__ import annotations

from itertools import islice

from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone

from propriety.audit import log
from propriety.audit.checkpoints import CheckpointError, check_signature, parse_note, sign_note
from propriety.audit.merkle import LEAF_CHAIN_BLOCK, Frontier, LeafChain
from propriety.audit.models import AuditEvent, AuditLogHead, Checkpoint
from propriety.audit.recording import recording
from propriety.councils.models import Council
from propriety.people.models import Person

CHECKPOINT_ACTION = "audit.checkpoint_made"


def do_make_checkpoint(council: Council, *, acting_user: Person | None) -> Checkpoint:
    """Sign the council's log as it stands; the signing is itself the next event."""
    with recording(council=council, actor=acting_user, action=CHECKPOINT_ACTION) as rec:
        head = log.locked_head(council)
        worked_out = leaves_and_frontier(council, head.size)
        if worked_out is not None and worked_out[2].root().hex() == head.root_hash:
            digest, chain, frontier = worked_out
            note = sign_note(
                council.slug,
                head.size,
                head.root_hash,
                timezone.now(),
                leaves=digest.hex(),
                chain=chain.hex(),
                frontier=tuple(h.hex() for h in frontier.hashes),
            )
        else:  # the stored leaves do not make the head: sign what it says, as before
            note = sign_note(council.slug, head.size, head.root_hash, timezone.now())
        checkpoint = Checkpoint(
            council=council,
            tree_size=head.size,
            root_hash=head.root_hash,
            made_at=timezone.now(),
            key_id=note.key_id,
            note=note.text,
            made_by=acting_user,
        )
        checkpoint.save()
        # Kept on the head for the schedule (one indexed comparison finds grown logs);
        # recording writes only the head's size, root and frontier, so this stays.
        AuditLogHead.unscoped.filter(pk=head.pk).update(signed_size=head.size)
        rec.obj = checkpoint
        rec.details = {
            "says": f"The audit log was signed at {head.size} events.",
            "tree_size": head.size,
            "root_hash": head.root_hash,
        }
    return checkpoint


def leaves_and_frontier(council: Council, size: int) -> tuple[bytes, bytes, Frontier] | None:
    """The leaf digest, last whole link of the leaf chain and frontier at ``size``,
    worked out from the stored leaves (None if they are not numbered 1 to ``size``).

    Carries on from the newest earlier checkpoint that has them and whose
    signature checks, so a scheduled checkpoint reads only the leaves since the
    last one (and at most a link before it); the first reads them all.
    """
    frontier, chain = Frontier(), LeafChain()
    earlier = Checkpoint.unscoped.filter(council=council, tree_size__lte=size).order_by(
        "-tree_size", "-pk"
    )
    for text in earlier.values_list("note", flat=True)[:5]:
        try:
            note = parse_note(text)
        except CheckpointError:
            continue
        if note.leaves and note.origin == council.slug and check_signature(note):
            frontier = Frontier(note.tree_size, [bytes.fromhex(h) for h in note.frontier])
            start = note.tree_size - note.tree_size % LEAF_CHAIN_BLOCK
            chain = LeafChain(start, bytes.fromhex(note.chain))
            break
    stored = (
        AuditEvent.unscoped.filter(council=council, seq__gt=chain.size, seq__lte=size)
        .order_by("seq")
        .values_list("seq", "leaf_hash")
        .iterator(chunk_size=4096)
    )
    expected, skip = chain.size + 1, frontier.size - chain.size  # leaves the frontier has
    while rows := list(islice(stored, 4096)):
        seqs = [seq for seq, _ in rows]
        if seqs != list(range(expected, expected + len(rows))):
            return None
        try:
            leaves = bytes.fromhex("".join(leaf for _, leaf in rows))
        except ValueError:
            return None
        if len(leaves) != 32 * len(rows):
            return None
        chain.extend(leaves)
        for i in range(32 * max(0, skip), len(leaves), 32):
            frontier.append(leaves[i : i + 32])
        skip -= len(rows)
        expected += len(rows)
    if expected != size + 1:
        return None
    return chain.digest(), chain.chain, frontier


def checkpoint_due(council: Council) -> bool:
    head = AuditLogHead.unscoped.filter(council=council).first()
    if head is None or head.size == 0:
        return False
    # The last checkpoint's own event is the one event it cannot cover.
    return head.signed_size is None or head.size > head.signed_size + 1


def _maybe_due() -> list[Council]:
    """The councils whose log has grown since its last checkpoint, found in one query
    on the log heads alone (``propriety tick`` runs this every time, so it must not
    read each council's checkpoints: the head keeps the size last signed)."""
    heads = (
        AuditLogHead.unscoped.filter(size__gt=0)
        .filter(Q(signed_size__isnull=True) | Q(size__gt=F("signed_size") + 1))
        .select_related("council")
        .order_by("council_id")
    )
    return [head.council for head in heads]


def make_due_checkpoints() -> list[Checkpoint]:
    made = []
    for council in _maybe_due():
        with transaction.atomic():
            # Asked again with the log head locked: of two runs at once, the second
            # waits here and then finds the log already signed.
            log.locked_head(council)
            if checkpoint_due(council):
                made.append(do_make_checkpoint(council, acting_user=None))
    return made


def scheduled_checkpoints() -> str:
    """The schedule's run (from ``propriety tick``): sign every log that has grown."""
    made = make_due_checkpoints()
    if not made:
        return "Audit checkpoints: every council's log is already signed."
    return f"Audit checkpoints: signed {len(made)} council log{'s' if len(made) != 1 else ''}."
