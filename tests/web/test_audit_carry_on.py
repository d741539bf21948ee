"""Checkpoints that sign their leaves and frontier, and verify carrying on from them.

A checkpoint made since 6 December 2026 also signs a digest of every leaf it
covers (``merkle.LeafChain``) and the Merkle frontier at its size. Verify then
checks the events up to the newest such checkpoint against the digest instead
of rebuilding the tree over them, and carries the tree on from its frontier.
These tests check the signed values are right, that verify takes that way on an
intact log, and that tampering before or after the checkpoint, and checkpoints
with a wrong digest or frontier, are still caught, the first bad event named as
the full way names it. Runs on SQLite and, with DATABASE_URL, on PostgreSQL.
"""

from __future__ import annotations

import dataclasses
import hashlib
from typing import Any

import pytest
from django.db import transaction

from propriety.audit import checkpointing, verify
from propriety.audit.checkpointing import do_make_checkpoint
from propriety.audit.checkpoints import CheckpointError, check_signature, parse_note, sign_note
from propriety.audit.merkle import CHAIN_START, LEAF_CHAIN_BLOCK, Frontier, LeafChain
from propriety.audit.models import AuditEvent, AuditLogHead, Checkpoint
from propriety.audit.recording import recording
from propriety.councils.models import Council

from .audit_helpers import audit_key_file, council_with_log, event_at, sql
from .test_audit_tamper import verify as verify_cli

__all__ = ["audit_key_file"]

pytestmark = pytest.mark.django_db


def _leaves(council: Council) -> list[bytes]:
    hexes = (
        AuditEvent.objects.for_council(council).order_by("seq").values_list("leaf_hash", flat=True)
    )
    return [bytes.fromhex(h) for h in hexes]


def _from_scratch(leaves: list[bytes]) -> tuple[bytes, bytes, Frontier]:
    """The leaf digest, last whole link and frontier, by the definitions."""
    link = CHAIN_START
    whole = len(leaves) - len(leaves) % LEAF_CHAIN_BLOCK
    for start in range(0, whole, LEAF_CHAIN_BLOCK):
        link = hashlib.sha256(link + b"".join(leaves[start : start + LEAF_CHAIN_BLOCK])).digest()
    frontier = Frontier()
    for leaf in leaves:
        frontier.append(leaf)
    return hashlib.sha256(link + b"".join(leaves[whole:])).digest(), link, frontier


@pytest.fixture
def council() -> Council:
    council = council_with_log(10)
    do_make_checkpoint(council, acting_user=None)
    council_with_log_more(council, 4)
    do_make_checkpoint(council, acting_user=None)  # the newest: verify carries on from it
    council_with_log_more(council, 3)
    return council


def council_with_log_more(council: Council, events: int) -> None:
    for n in range(events):
        with recording(council=council, actor=None, action="test.more", details={"n": n}):
            pass


def _newest(council: Council) -> Checkpoint:
    return Checkpoint.objects.for_council(council).order_by("-tree_size").first()  # type: ignore[return-value]


def test_a_checkpoint_signs_the_digest_of_its_leaves_and_its_frontier(council: Council) -> None:
    for checkpoint in Checkpoint.objects.for_council(council):
        note = parse_note(checkpoint.note)
        digest, link, frontier = _from_scratch(_leaves(council)[: note.tree_size])
        assert (note.leaves, note.chain) == (digest.hex(), link.hex())
        assert note.frontier == tuple(h.hex() for h in frontier.hashes)
        assert frontier.root().hex() == note.root_hash == checkpoint.root_hash
        assert check_signature(note)
        assert parse_note(note.text) == note


def test_the_leaf_chain_carries_on_across_links_as_from_scratch() -> None:
    leaves = [hashlib.sha256(str(i).encode()).digest() for i in range(3 * LEAF_CHAIN_BLOCK + 5)]
    b = LEAF_CHAIN_BLOCK
    for size in (0, 1, b - 1, b, b + 1, 2 * b, 3 * b - 7, len(leaves)):
        digest, link, _ = _from_scratch(leaves[:size])
        one_go, out = LeafChain(), {}
        one_go.extend(b"".join(leaves[:size]), {size}, out)
        assert (one_go.digest(), one_go.chain) == (digest, link), size
        if size:
            assert out[size] == digest, size
        # Carried on from a signed link, as the next checkpoint does.
        start = size - size % LEAF_CHAIN_BLOCK
        carried = LeafChain(start, link)
        carried.extend(b"".join(leaves[start : len(leaves)]))
        assert carried.digest() == _from_scratch(leaves)[0], size
    with pytest.raises(ValueError):
        LeafChain(5, CHAIN_START)


def test_the_next_checkpoint_reads_only_the_leaves_since_the_last(
    council: Council, monkeypatch: pytest.MonkeyPatch
) -> None:
    newest = parse_note(_newest(council).note)
    size = AuditLogHead.objects.for_council(council).get().size
    digest, link, frontier = _from_scratch(_leaves(council))
    worked_out = checkpointing.leaves_and_frontier(council, size)
    assert worked_out is not None
    assert (worked_out[0], worked_out[1], worked_out[2].hashes) == (digest, link, frontier.hashes)
    # It started from the newest checkpoint: with its frontier spoilt, the result is too.
    spoilt = dataclasses.replace(newest, frontier=tuple("00" * 32 for _ in newest.frontier))
    monkeypatch.setattr(checkpointing, "parse_note", lambda text: spoilt)
    monkeypatch.setattr(checkpointing, "check_signature", lambda note: True)
    carried = checkpointing.leaves_and_frontier(council, size)
    assert carried is not None and carried[2].hashes != frontier.hashes


def test_verify_carries_on_from_the_newest_checkpoint(
    council: Council, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls: list[dict[str, Any]] = []
    real = verify.check_blocks

    def spy(*args: Any, **kwargs: Any) -> Any:
        calls.append(kwargs)
        return real(*args, **kwargs)

    monkeypatch.setattr(verify, "check_blocks", spy)
    result = verify.verify_council(council)
    assert result.ok, result.summary()
    newest = parse_note(_newest(council).note)
    assert len(calls) == 1
    assert calls[0]["resume"].size == newest.tree_size
    assert calls[0]["tree_upto"] == 0 and calls[0]["want_roots"] == set()
    assert result.checkpoints_checked == sorted(
        c.tree_size for c in Checkpoint.objects.for_council(council)
    )


def _tamper_and_compare(council: Council, seq: int, statement: str, *params: Any) -> str:
    """Tamper, then check verify says exactly what the full way says."""
    target = event_at(council, seq)
    sql(statement, [*params, target.pk])
    code, out = verify_cli(council)
    assert code == 1, out
    full = verify._check_log(council, _notes(council), carry_on=False)
    assert not full.ok and str(full.problem) in out
    return out


def _notes(council: Council) -> list[tuple[str, Any]]:
    return [
        (f"stored checkpoint #{cp.pk}", parse_note(cp.note))
        for cp in Checkpoint.objects.for_council(council).order_by("tree_size", "pk")
    ]


@pytest.mark.parametrize("where", ["before", "after"])
def test_an_edit_before_or_after_the_newest_checkpoint_is_named(
    council: Council, where: str
) -> None:
    seq = 3 if where == "before" else parse_note(_newest(council).note).tree_size + 2
    pk = event_at(council, seq).pk
    out = _tamper_and_compare(
        council, seq, "UPDATE {events} SET object_id = %s WHERE id = %s", "forged"
    )
    assert f"event #{pk} (number {seq})" in out and "edited" in out


@pytest.mark.parametrize("where", ["before", "after"])
def test_a_delete_or_reorder_either_side_of_the_checkpoint_is_named(
    council: Council, where: str
) -> None:
    newest = parse_note(_newest(council).note).tree_size
    seq = 4 if where == "before" else newest + 1
    sql("DELETE FROM {events} WHERE council_id = %s AND seq = %s", [council.pk, seq])
    code, out = verify_cli(council)
    assert code == 1 and f"event number {seq}" in out and "deleted" in out


def test_reordered_events_after_the_checkpoint_are_named(council: Council) -> None:
    newest = parse_note(_newest(council).note).tree_size
    a, b = event_at(council, newest + 1), event_at(council, newest + 2)
    sql("UPDATE {events} SET seq = 999999 WHERE id = %s", [a.pk])
    sql("UPDATE {events} SET seq = %s WHERE id = %s", [newest + 1, b.pk])
    sql("UPDATE {events} SET seq = %s WHERE id = %s", [newest + 2, a.pk])
    code, out = verify_cli(council)
    assert code == 1 and f"event #{b.pk} (number {newest + 1})" in out


def _rewrite_leaf(council: Council, seq: int) -> None:
    """What a careful intruder does: edit an event and store its new hashes."""
    from propriety.audit import log

    event = event_at(council, seq)
    event.object_id = "forged"
    leaf = hashlib.sha256(b"\x00" + log.event_entry(event)).hexdigest()
    sql("UPDATE {events} SET object_id = 'forged', leaf_hash = %s WHERE id = %s", [leaf, event.pk])


def test_an_event_rewritten_with_its_leaf_before_the_checkpoint_is_caught(
    council: Council,
) -> None:
    _rewrite_leaf(council, 5)
    code, out = verify_cli(council)
    assert code == 1, out
    assert "rewritten" in out
    full = verify._check_log(council, _notes(council), carry_on=False)
    assert str(full.problem) in out


def test_a_stored_leaf_hash_changed_alone_is_named(council: Council) -> None:
    target = event_at(council, 6)
    sql("UPDATE {events} SET leaf_hash = %s WHERE id = %s", ["ab" * 32, target.pk])
    code, out = verify_cli(council)
    assert code == 1 and f"event #{target.pk} (number 6)" in out


def _store_note(council: Council, note_text: str) -> None:
    """Put a checkpoint row in behind the ORM, as an intruder (or a bad signer) would."""
    newest = _newest(council)
    sql(
        "INSERT INTO audit_checkpoint (council_id, tree_size, root_hash, made_at, key_id, note) "
        "SELECT council_id, tree_size, root_hash, made_at, key_id, %s FROM audit_checkpoint "
        "WHERE id = %s",
        [note_text, newest.pk],
    )


def test_an_edited_leaf_digest_or_frontier_is_not_signed(council: Council) -> None:
    note = parse_note(_newest(council).note)
    forged = dataclasses.replace(note, leaves="00" * 32)
    _store_note(council, forged.text)
    code, out = verify_cli(council)
    assert code == 1 and "not signed by this installation's key" in out


@pytest.mark.parametrize("wrong", ["leaves", "chain", "frontier", "frontier_count"])
def test_a_signed_checkpoint_with_a_wrong_digest_or_frontier_is_caught(
    council: Council, wrong: str
) -> None:
    """As a signer with a bug, or a stolen key, would make: the log itself is intact."""
    note = parse_note(_newest(council).note)
    changes: dict[str, Any] = {
        "leaves": {"leaves": "11" * 32},
        "chain": {"chain": "22" * 32, "leaves": "33" * 32},
        "frontier": {"frontier": tuple("44" * 32 for _ in note.frontier)},
        "frontier_count": {"frontier": (*note.frontier, "55" * 32)},
    }[wrong]
    fields = {**{"leaves": note.leaves, "chain": note.chain, "frontier": note.frontier}, **changes}
    with transaction.atomic():
        signed = sign_note(
            note.origin,
            note.tree_size,
            note.root_hash,
            _newest(council).made_at,
            **fields,
        )
    _store_note(council, signed.text)
    result = verify.verify_council(council)
    assert not result.ok
    if wrong in ("leaves", "chain"):
        assert "are not the ones" in str(result.problem) and "leaf digest" in str(result.problem)
    else:
        assert "its frontier does not give its root" in str(result.problem)


def test_a_damaged_leaves_line_is_refused() -> None:
    text = "propriety-audit/x\n1\n" + "A" * 43 + "=\nT\nleaves AAAA AAAA\nfrontier\n\n— x y z\n"
    with pytest.raises(CheckpointError):
        parse_note(text)


def test_checkpoints_without_the_new_lines_still_verify_the_full_way(
    council: Council, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A checkpoint as made before: four lines. It is the newest, so the tree is built.
    monkeypatch.setattr(checkpointing, "leaves_and_frontier", lambda council, size: None)
    council_with_log_more(council, 2)
    old_style = do_make_checkpoint(council, acting_user=None)
    assert (
        not parse_note(old_style.note).leaves
        and len(old_style.note.split("\n\n")[0].split("\n")) == 4
    )
    monkeypatch.undo()
    calls: list[dict[str, Any]] = []
    real = verify.check_blocks
    monkeypatch.setattr(verify, "check_blocks", lambda *a, **k: calls.append(k) or real(*a, **k))
    result = verify.verify_council(council)
    assert result.ok, result.summary()
    assert calls[0]["resume"] is None
    # Cut back to before it, and rewrite the head: the old-style checkpoint catches it.
    sql("DELETE FROM {events} WHERE council_id = %s AND seq > %s", [council.pk, 3])
    assert "tail cut" in str(verify.verify_council(council).problem)


def test_the_log_head_keeps_the_size_last_signed(council: Council) -> None:
    head = AuditLogHead.objects.for_council(council).get()
    assert head.signed_size == _newest(council).tree_size
    assert checkpointing.checkpoint_due(council)
    assert [c.pk for c in checkpointing._maybe_due()] == [council.pk]
    made = checkpointing.make_due_checkpoints()
    assert len(made) == 1
    head.refresh_from_db()
    assert head.signed_size == made[0].tree_size == head.size - 1
    assert checkpointing._maybe_due() == []


def test_checkpoints_carry_on_across_links_and_verify(council: Council) -> None:
    council_with_log_more(council, LEAF_CHAIN_BLOCK + 20)
    do_make_checkpoint(council, acting_user=None)
    council_with_log_more(council, 5)
    do_make_checkpoint(council, acting_user=None)
    council_with_log_more(council, 2)
    leaves = _leaves(council)
    for checkpoint in Checkpoint.objects.for_council(council):
        note = parse_note(checkpoint.note)
        digest, link, frontier = _from_scratch(leaves[: note.tree_size])
        assert (note.leaves, note.chain) == (digest.hex(), link.hex()), note.tree_size
        assert note.frontier == tuple(h.hex() for h in frontier.hashes)
    assert verify.verify_council(council).ok
    _rewrite_leaf(council, LEAF_CHAIN_BLOCK + 3)
    result = verify.verify_council(council)
    assert not result.ok and "rewritten" in str(result.problem)
