"""Tampering with the audit log in SQL is caught by ``propriety audit verify``.

Each test changes the table behind the ORM's back (the ORM itself refuses), as
someone with database access could, and checks the command exits 1 naming the
first bad event. Runs on SQLite and, with DATABASE_URL, on PostgreSQL.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from propriety.audit.checkpointing import do_make_checkpoint
from propriety.audit.merkle import Frontier
from propriety.audit.models import AuditEvent, AuditLogHead
from propriety.councils.models import Council

from .audit_helpers import audit_key_file, cli, council_with_log, event_at, sql

__all__ = ["audit_key_file"]

pytestmark = pytest.mark.django_db


@pytest.fixture
def council() -> Council:
    return council_with_log(12)


def verify(council: Council, *extra: str) -> tuple[int, str]:
    result = cli("audit", "verify", "--council", council.slug, *extra)
    return result.exit_code, result.output


def test_an_untouched_log_verifies(council: Council) -> None:
    code, out = verify(council)
    assert code == 0, out
    assert "intact" in out
    assert f"{AuditEvent.objects.for_council(council).count()} events" in out


def test_an_edited_event_is_named(council: Council) -> None:
    target = event_at(council, 5)
    sql("UPDATE {events} SET action = %s WHERE id = %s", ["document.deleted", target.pk])
    code, out = verify(council)
    assert code == 1
    assert f"event #{target.pk} (number 5)" in out
    assert "edited" in out


def test_edited_personal_details_are_named(council: Council) -> None:
    target = event_at(council, 6)
    sql("UPDATE {events} SET object_repr = %s WHERE id = %s", ["Something else", target.pk])
    code, out = verify(council)
    assert code == 1
    assert f"event #{target.pk} (number 6)" in out
    assert "description or details were changed" in out


def test_a_deleted_event_is_named(council: Council) -> None:
    sql("DELETE FROM {events} WHERE council_id = %s AND seq = 7", [council.pk])
    code, out = verify(council)
    assert code == 1
    assert "event number 7" in out
    assert "missing" in out and "deleted" in out


def test_an_inserted_event_is_named(council: Council) -> None:
    # Make room at number 4 and slip a forged event in.
    sql("UPDATE {events} SET seq = seq + 100000 WHERE council_id = %s AND seq >= 4", [council.pk])
    sql(
        "UPDATE {events} SET seq = seq - 99999 WHERE council_id = %s AND seq > 100000", [council.pk]
    )
    model = event_at(council, 5)
    sql(
        "INSERT INTO {events} (council_id, action, object_type, object_id, object_repr, "
        "occurred_at, citations, rulebook, rulebook_version, details, seq, leaf_hash, "
        "root_hash, personal_hash, personal_salt) "
        "SELECT council_id, 'document.created', object_type, object_id, object_repr, "
        "occurred_at, citations, rulebook, rulebook_version, details, 4, leaf_hash, "
        "root_hash, personal_hash, personal_salt FROM {events} WHERE id = %s",
        [model.pk],
    )
    forged = event_at(council, 4)
    code, out = verify(council)
    assert code == 1
    assert f"event #{forged.pk} (number 4)" in out


def test_an_event_added_after_the_end_is_named(council: Council) -> None:
    last = AuditEvent.objects.for_council(council).order_by("-seq").first()
    assert last is not None
    sql(
        "INSERT INTO {events} (council_id, action, object_type, object_id, object_repr, "
        "occurred_at, citations, rulebook, rulebook_version, details, seq, leaf_hash, "
        "root_hash, personal_hash, personal_salt) "
        "SELECT council_id, action, object_type, object_id, object_repr, occurred_at, "
        "citations, rulebook, rulebook_version, details, seq + 1, leaf_hash, root_hash, "
        "personal_hash, personal_salt FROM {events} WHERE id = %s",
        [last.pk],
    )
    forged = event_at(council, last.seq + 1)
    code, out = verify(council)
    assert code == 1
    assert f"event #{forged.pk} (number {last.seq + 1})" in out


def test_reordered_events_are_named(council: Council) -> None:
    four, eight = event_at(council, 4), event_at(council, 8)
    sql("UPDATE {events} SET seq = 999999 WHERE id = %s", [four.pk])
    sql("UPDATE {events} SET seq = 4 WHERE id = %s", [eight.pk])
    sql("UPDATE {events} SET seq = 8 WHERE id = %s", [four.pk])
    code, out = verify(council)
    assert code == 1
    assert f"event #{eight.pk} (number 4)" in out


def test_a_cut_tail_is_caught_by_the_log_head(council: Council) -> None:
    sql("DELETE FROM {events} WHERE council_id = %s AND seq > 9", [council.pk])
    code, out = verify(council)
    assert code == 1
    assert "event number 10" in out and "tail cut" in out


def _cut_tail_and_rewrite_head(council: Council, keep: int) -> None:
    """What a careful intruder does: cut the tail and make the head agree."""
    sql("DELETE FROM {events} WHERE council_id = %s AND seq > %s", [council.pk, keep])
    frontier = Frontier()
    for leaf in (
        AuditEvent.objects.for_council(council).order_by("seq").values_list("leaf_hash", flat=True)
    ):
        frontier.append(bytes.fromhex(leaf))
    head = AuditLogHead.objects.for_council(council).get()
    import json

    sql(
        "UPDATE audit_auditloghead SET size = %s, root_hash = %s, frontier = %s WHERE id = %s",
        [keep, frontier.root().hex(), json.dumps([h.hex() for h in frontier.hashes]), head.pk],
    )


def test_a_cut_tail_is_caught_by_a_checkpoint_kept_elsewhere(
    council: Council, tmp_path: Path
) -> None:
    checkpoint = do_make_checkpoint(council, acting_user=None)
    kept = tmp_path / "checkpoint.txt"
    kept.write_text(checkpoint.note, encoding="utf-8")
    assert verify(council, "--checkpoint", str(kept))[0] == 0

    _cut_tail_and_rewrite_head(council, keep=9)
    # The intruder also removes the stored checkpoints: only the kept copy is left.
    sql("DELETE FROM audit_checkpoint WHERE council_id = %s", [council.pk])
    assert verify(council)[0] == 0  # nothing inside the database can tell
    code, out = verify(council, "--checkpoint", str(kept))
    assert code == 1
    assert "event number 10" in out
    assert f"covers {checkpoint.tree_size} events but the log has 9" in out


def test_a_stored_checkpoint_also_catches_a_cut_tail(council: Council) -> None:
    do_make_checkpoint(council, acting_user=None)
    _cut_tail_and_rewrite_head(council, keep=9)
    code, out = verify(council)
    assert code == 1
    assert "tail cut" in out


def test_a_forged_checkpoint_file_is_refused(council: Council, tmp_path: Path) -> None:
    checkpoint = do_make_checkpoint(council, acting_user=None)
    forged = tmp_path / "forged.txt"
    lines = checkpoint.note.split("\n")
    lines[1] = str(int(lines[1]) - 1)
    forged.write_text("\n".join(lines), encoding="utf-8")
    code, out = verify(council, "--checkpoint", str(forged))
    assert code == 1
    assert "not signed by this installation's key" in out


def test_verify_checks_every_council_and_fails_if_any_is_bad(council: Council) -> None:
    other = council_with_log(5, name="Fernley Parish Council")
    sql("UPDATE {events} SET rulebook = 'x' WHERE id = %s", [event_at(other, 2).pk])
    result = cli("audit", "verify")
    assert result.exit_code == 1
    assert "Hollowmere Parish Council: intact" in result.output
    assert "Fernley Parish Council: NOT intact" in result.output
